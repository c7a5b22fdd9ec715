"""/api/v1/persons/: scope, identity numbers, validation, the access log and sensitive classifications."""

from datetime import date

import pytest

from desaku.api.tests import MAN_NIK, WOMAN_NIK, client_for, fast_static_files, register
from desaku.core.models import AccessLogEntry, PPKSCategory
from desaku.people import services
from desaku.people.models import Person

URL = "/api/v1/persons/"


@pytest.fixture(autouse=True)
def _fast_static(settings):
    fast_static_files(settings)


def _post(user, data):
    return client_for(user).post(URL, data, format="json")


def test_create_answers_201_with_the_nik_masked(actors):
    response = _post(actors["operator"], {
        "full_name": "Siti  Aminah", "sex": "P", "birth_date": "1990-07-01", "nik": WOMAN_NIK,
        "aliases": ["Mbak Sit", " "], "origin_region": "35.07", "domicile_kelurahan": "35.73.03.1012",
        "domicile_rt": "002", "domicile_rw": "005", "reason": "walk-in"})
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["full_name"] == "Siti Aminah" and data["aliases"] == ["Mbak Sit"]
    assert data["nik_masked"] == "3573********0001" and "nik" not in data and "no_kk" not in data
    assert data["birth_year"] == 1990 and data["birth_date_quality"] == "exact"
    assert data["origin_region"] == "35.07" and data["domicile_kelurahan"] == "35.73.03.1012"
    assert data["registration_number"] == f"DSK-{data['id']:07d}"
    person = Person.objects.get(pk=data["id"])
    assert person.organisation == actors["operator"].organisation and services.nik_of(person) == WOMAN_NIK


def test_partners_see_only_their_own_persons(actors):
    mine = register(actors["lks_a"], "Wahyu Santoso", sex="L")
    other = client_for(actors["lks_b"])
    assert other.get(URL).json()["count"] == 0
    assert other.get(f"{URL}{mine.pk}/").status_code == 404
    assert other.patch(f"{URL}{mine.pk}/", {"occupation": "Tukang parkir"}, format="json").status_code == 404
    assert other.put(f"{URL}{mine.pk}/", {"full_name": "X"}, format="json").status_code == 404
    own = client_for(actors["lks_a"])
    assert [p["id"] for p in own.get(URL).json()["results"]] == [mine.pk]
    assert own.get(f"{URL}{mine.pk}/").status_code == 200


def test_search_respects_scope(actors):
    person = register(actors["lks_a"], "Wahyu Santoso", sex="L", nik=MAN_NIK)
    for query in ("wahyu santoso", MAN_NIK):
        assert client_for(actors["lks_b"]).get(URL, {"q": query}).json()["count"] == 0
        found = client_for(actors["lks_a"]).get(URL, {"q": query}).json()
        assert [p["id"] for p in found["results"]] == [person.pk]
        assert found["results"][0]["nik_masked"] == "3573********0002" and "nik" not in found["results"][0]


def test_peksos_sees_only_own_records(actors):
    own = register(actors["peksos"], "Sri Rahayu")
    colleague = register(actors["operator"], "Sri Wahyuni")
    client = client_for(actors["peksos"])
    assert [p["id"] for p in client.get(URL).json()["results"]] == [own.pk]
    assert client.get(f"{URL}{colleague.pk}/").status_code == 404
    # The operator's organisation scope covers both.
    assert client_for(actors["operator"]).get(URL).json()["count"] == 2


def test_retrieve_is_logged_and_reveal_shows_the_full_nik(actors):
    person = register(actors["peksos"], "Sri Rahayu", nik=WOMAN_NIK, birth_date=date(1990, 7, 1))
    client = client_for(actors["peksos"])
    before = AccessLogEntry.objects.count()
    data = client.get(f"{URL}{person.pk}/").json()
    assert "nik" not in data and data["nik_masked"] == "3573********0001"
    assert AccessLogEntry.objects.filter(action="view", object_id=str(person.pk)).count() == 1
    data = client.get(f"{URL}{person.pk}/", {"reveal_nik": "1"}).json()
    assert data["nik"] == WOMAN_NIK
    reveal = AccessLogEntry.objects.get(action="reveal")
    assert reveal.object_id == str(person.pk) and reveal.actor_username == "t_peksos"
    assert AccessLogEntry.objects.count() == before + 3


def test_update_changes_fields_and_the_nik(actors):
    person = register(actors["operator"], "Sri Rahayu", birth_date=date(1990, 7, 1))
    client = client_for(actors["operator"])
    response = client.patch(f"{URL}{person.pk}/", {"occupation": "Pemulung", "nik": WOMAN_NIK}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["occupation"] == "Pemulung" and response.json()["nik_masked"] == "3573********0001"
    response = client.put(f"{URL}{person.pk}/", {"full_name": "Sri Rahayu Ningsih", "nik": ""}, format="json")
    assert response.status_code == 200 and response.json()["nik_masked"] == ""
    person.refresh_from_db()
    assert person.full_name == "Sri Rahayu Ningsih" and person.occupation == "Pemulung" and not person.nik_hash


def test_aliases_are_given_at_registration_only(actors):
    person = register(actors["operator"], "Sri Rahayu", aliases=["Yayuk"])
    client = client_for(actors["operator"])
    url = f"{URL}{person.pk}/"
    assert client.patch(url, {"aliases": ["Yayuk"], "phone": "0812"}, format="json").status_code == 200
    response = client.patch(url, {"aliases": ["Ayu"]}, format="json")
    assert response.status_code == 400 and "aliases" in response.json()


def test_roles_without_registration_rights_cannot_write(actors):
    person = register(actors["operator"], "Sri Rahayu")
    for name in ("kadis", "auditor", "pendamping"):
        client = client_for(actors[name])
        assert client.post(URL, {"full_name": "Budi"}, format="json").status_code == 403
        assert client.patch(f"{URL}{person.pk}/", {"phone": "1"}, format="json").status_code == 403
    assert client_for(actors["kemensos"]).get(URL).status_code == 403
    assert client_for(actors["operator"]).delete(f"{URL}{person.pk}/").status_code == 405


@pytest.mark.parametrize("nik", ["357301410790001", "3573013002900001", "3573004107900001", "3573014107900000"],
                         ids=["15 digits", "30 February", "00 region", "serial 0000"])
def test_invalid_nik_is_a_field_error(actors, nik):
    response = _post(actors["operator"], {"full_name": "Sri Rahayu", "sex": "P", "nik": nik})
    assert response.status_code == 400 and list(response.json()) == ["nik", "detail"]
    assert Person.objects.count() == 0


def test_nik_warnings_need_confirmation(actors):
    data = {"full_name": "Sri Rahayu", "sex": "P", "nik": "9973014107900001"}  # no province 99
    response = _post(actors["operator"], data)
    body = response.json()
    assert response.status_code == 400 and body["nik"] and body["warnings"][0]["code"] == "nik_region_unknown"
    assert Person.objects.count() == 0
    response = _post(actors["operator"], {**data, "confirm_warnings": True})
    assert response.status_code == 201 and response.json()["nik_masked"] == "9973********0001"


def test_nik_that_disagrees_with_the_form_is_a_warning(actors):
    response = _post(actors["operator"], {"full_name": "Sri Rahayu", "sex": "L", "nik": WOMAN_NIK})
    assert response.status_code == 400
    assert [w["code"] for w in response.json()["warnings"]] == ["nik_sex_mismatch"]


def test_a_nik_belongs_to_one_person(actors):
    register(actors["operator"], "Sri Rahayu", nik=WOMAN_NIK)
    response = _post(actors["operator"], {"full_name": "Dewi Lestari", "sex": "P", "nik": WOMAN_NIK,
                                          "confirm_new": True})
    assert response.status_code == 400 and "nik" in response.json()
    assert Person.objects.count() == 1


def test_a_nik_outside_the_scope_still_conflicts(actors):
    owner = register(actors["lks_a"], "Sri Rahayu", nik=WOMAN_NIK)
    response = _post(actors["lks_b"], {"full_name": "Dewi Lestari", "sex": "P", "nik": WOMAN_NIK,
                                       "confirm_new": True})
    assert response.status_code == 400 and "nik" in response.json()
    # The record outside the scope is not named: a NIK must not tell which record holds it.
    assert owner.registration_number not in str(response.json()) and "DSK-" not in str(response.json())
    # Within the scope the worker is told which record it is, to open it.
    response = _post(actors["lks_a"], {"full_name": "Dewi Lestari", "sex": "P", "nik": WOMAN_NIK,
                                       "confirm_new": True})
    assert response.status_code == 400 and owner.registration_number in response.json()["nik"][0]


@pytest.mark.parametrize("field, value", [
    ("origin_region", "99.99"), ("origin_region", 3573), ("domicile_kelurahan", "35.07"),
    ("domicile_kelurahan", "35.73.03"), ("domicile_kelurahan", "35.73.99.9999"),
])
def test_region_codes_are_checked(actors, field, value):
    response = _post(actors["operator"], {"full_name": "Sri Rahayu", field: value})
    assert response.status_code == 400 and list(response.json()) == [field, "detail"]


@pytest.mark.parametrize("data, field", [
    ({"birth_date": "2026-02-30"}, "birth_date"),
    ({"birth_date": "1990-13-01"}, "birth_date"),
    ({"birth_date": "2999-01-01"}, "birth_date"),
    ({"birth_date": "01/07/1990"}, "birth_date"),
    ({"date_of_death": "2999-01-01"}, "date_of_death"),
    ({"birth_date": "1990-07-01", "date_of_death": "1980-01-01"}, "date_of_death"),
    ({"birth_year": 1850}, "birth_year"),
    ({"estimated_age": 150}, "estimated_age"),
    ({"sex": "X"}, "sex"),
    ({"full_name": "  "}, "full_name"),
    ({"birth_date_quality": "exact"}, "birth_date"),
])
def test_impossible_values_are_field_errors(actors, data, field):
    response = _post(actors["operator"], {"full_name": "Sri Rahayu", "birth_year": None, **data})
    assert response.status_code == 400 and field in response.json(), response.json()
    assert Person.objects.count() == 0


def test_impossible_dates_are_refused_on_update(actors):
    person = register(actors["operator"], "Sri Rahayu")
    response = client_for(actors["operator"]).patch(f"{URL}{person.pk}/", {"birth_date": "2023-02-29"},
                                                    format="json")
    assert response.status_code == 400 and "birth_date" in response.json()


def test_sensitive_classifications_are_hidden_from_roles_without_need(actors):
    person = register(actors["operator"], "Sri Rahayu")
    odha = PPKSCategory.objects.get(code="PPKS-16")
    assert odha.is_sensitive
    services.classify(person=person, by=actors["admin"], category=odha, valid_from=date(2024, 1, 1))
    services.classify(person=person, by=actors["admin"], category=PPKSCategory.objects.get(code="PPKS-11"),
                      valid_from=date(2024, 1, 1))

    def codes(user, path=""):
        response = client_for(user).get(f"{URL}{person.pk}/{path}")
        data = response.json() if path else response.json()["classifications"]
        return sorted(item["category"] for item in data)

    assert codes(actors["operator"]) == codes(actors["operator"], "classifications/") == ["PPKS-11"]
    assert codes(actors["kabid"]) == codes(actors["kabid"], "classifications/") == ["PPKS-11", "PPKS-16"]
    listed = client_for(actors["operator"]).get(URL).json()["results"][0]["classifications"]
    assert [c["category"] for c in listed] == ["PPKS-11"]


def test_sensitive_classifications_are_hidden_from_partners(actors):
    person = register(actors["lks_a"], "Sri Rahayu")
    item = services.classify(person=person, by=actors["admin"], category=PPKSCategory.objects.get(code="PPKS-14"),
                             valid_from=date(2024, 1, 1))
    client = client_for(actors["lks_a"])
    assert client.get(f"{URL}{person.pk}/").json()["classifications"] == []
    assert client.get(f"{URL}{person.pk}/classifications/").json() == []
    assert client.get(URL, {"q": "sri rahayu"}).json()["results"][0]["classifications"] == []
    # Nor can they end it, or record such a category.
    assert client.post(f"/api/v1/classifications/{item.pk}/end/", {"reason": "x"}, format="json").status_code == 404
    response = client.post(f"{URL}{person.pk}/classifications/", {"category": "PPKS-16", "valid_from": "2024-01-01"},
                           format="json")
    assert response.status_code == 400 and "category" in response.json()


def test_classify_and_end(actors):
    person = register(actors["peksos"], "Sri Rahayu")
    client = client_for(actors["peksos"])
    response = client.post(f"{URL}{person.pk}/classifications/",
                           {"category": "PPKS-11", "valid_from": "2024-01-01", "evidence": "tidur di emperan"},
                           format="json")
    assert response.status_code == 201, response.json()
    item = response.json()
    assert item["category"] == "PPKS-11" and item["is_current"] and item["assessed_by"] == "t_peksos"
    again = client.post(f"{URL}{person.pk}/classifications/", {"category": "PPKS-11", "valid_from": "2024-02-01"},
                        format="json")
    assert again.status_code == 400 and "category" in again.json()
    unknown = client.post(f"{URL}{person.pk}/classifications/", {"category": "PPKS-99", "valid_from": "2024-02-01"},
                          format="json")
    assert unknown.status_code == 400 and "category" in unknown.json()
    end_url = f"/api/v1/classifications/{item['id']}/end/"
    early = client.post(end_url, {"valid_to": "2023-12-31", "reason": "salah input"}, format="json")
    assert early.status_code == 400 and "valid_to" in early.json()
    no_reason = client.post(end_url, {"valid_to": "2024-05-31"}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    ended = client.post(end_url, {"valid_to": "2024-05-31", "reason": "sudah bekerja"}, format="json")
    assert ended.status_code == 200 and ended.json()["valid_to"] == "2024-05-31" and not ended.json()["is_current"]


def test_errors_are_json(actors):
    client = client_for(actors["operator"])
    response = client.get(f"{URL}999999/")
    assert response.status_code == 404 and "detail" in response.json()
    response = client.post(URL, "not json", content_type="application/json")
    assert response.status_code == 400 and "detail" in response.json()


def test_the_schema_describes_the_registry(actors):
    response = client_for(actors["peksos"]).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/persons/", "/api/v1/persons/{id}/", "/api/v1/persons/match/",
                 "/api/v1/persons/{id}/duplicates/", "/api/v1/persons/{id}/link-registration/",
                 "/api/v1/persons/{id}/classifications/", "/api/v1/classifications/{id}/end/",
                 "/api/v1/households/", "/api/v1/households/{id}/members/",
                 "/api/v1/household-memberships/{id}/end/"):
        assert path in paths, path
    assert "409" in paths["/api/v1/persons/"]["post"]["responses"]


def test_list_queries_do_not_grow_with_the_page(actors):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    operator = actors["operator"]
    client = client_for(operator)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    register(operator, "Sumarni Pertama")
    few = queries(URL), queries(f"{URL}?q=sumarni")
    for name in ("Sumarni Kedua", "Sumarni Ketiga", "Sumarni Keempat"):
        person = register(operator, name)
        services.add_alias(person=person, by=operator, name=f"Mbak {name[-5:]}")
        services.classify(person=person, by=operator, category=PPKSCategory.objects.get(code="PPKS-11"),
                          valid_from=date(2024, 1, 1))
    assert (queries(URL), queries(f"{URL}?q=sumarni")) == few
    assert client.get(URL, {"q": "sumarni"}).json()["count"] == 4
