"""The duplicate check over the API: 409 at create, /match/, /duplicates/ and link-registration."""

import pytest

from desaku.api.tests import MAN_NIK, client_for, fast_static_files, register
from desaku.people.models import Alias, DuplicateDecision, Person

URL = "/api/v1/persons/"
NEW = {"full_name": "Moch. Cahyono", "sex": "L", "birth_year": 1985}


@pytest.fixture(autouse=True)
def _fast_static(settings):
    fast_static_files(settings)


@pytest.fixture
def existing(actors):
    """The same man, registered earlier under the old spelling."""
    return register(actors["operator"], "Muhammad Tjahjono", sex="L", birth_year=1985, aliases=["Yoyok"])


def _assert_item_shape(item):
    assert set(item) == {"person", "score", "reasons"}
    assert set(item["person"]) >= {"id", "full_name", "sex", "birth_year", "nik_masked"}
    assert 0.0 <= item["score"] <= 1.0
    assert item["reasons"] and all(set(r) == {"code", "label"} for r in item["reasons"])


def test_create_answers_409_with_the_candidates_until_confirmed(actors, existing):
    client = client_for(actors["operator"])
    response = client.post(URL, NEW, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] and body["hidden_count"] == 0
    assert [item["person"]["id"] for item in body["results"]] == [existing.pk]
    _assert_item_shape(body["results"][0])
    assert {r["code"] for r in body["results"][0]["reasons"]} >= {"birth_year"}
    assert Person.objects.count() == 1 and not DuplicateDecision.objects.exists()

    response = client.post(URL, {**NEW, "confirm_new": True, "reason": "different father"}, format="json")
    assert response.status_code == 201
    decision = DuplicateDecision.objects.get()
    assert decision.decision == "new" and decision.source == "api" and decision.person_id == response.json()["id"]
    assert decision.candidates[0]["id"] == existing.pk


def test_candidates_are_ranked_best_first(actors, existing):
    weaker = register(actors["operator"], "Moh Cahyono", sex="L", birth_year=1990)  # year further off
    response = client_for(actors["operator"]).post(URL, NEW, format="json")
    assert response.status_code == 409
    results = response.json()["results"]
    assert [item["person"]["id"] for item in results] == [existing.pk, weaker.pk]
    assert results[0]["score"] > results[1]["score"]


def test_matches_outside_the_scope_are_counted_not_shown(actors, existing):
    client = client_for(actors["lks_b"])
    response = client.post(f"{URL}match/", NEW, format="json")
    assert response.json() == {"results": [], "hidden_count": 1}
    response = client.post(URL, NEW, format="json")
    assert response.status_code == 409 and response.json()["results"] == []
    assert response.json()["hidden_count"] == 1


def test_match_saves_nothing(actors, existing):
    counts = (Person.objects.count(), Alias.objects.count(), DuplicateDecision.objects.count())
    response = client_for(actors["operator"]).post(
        f"{URL}match/", {**NEW, "aliases": ["Yoyok"], "nik": MAN_NIK, "confirm_new": True}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"results", "hidden_count"}
    assert [item["person"]["id"] for item in body["results"]] == [existing.pk]
    _assert_item_shape(body["results"][0])
    assert (Person.objects.count(), Alias.objects.count(), DuplicateDecision.objects.count()) == counts


def test_match_finds_the_same_nik_whatever_the_name(actors):
    owner = register(actors["operator"], "Wahyu Santoso", sex="L", nik=MAN_NIK)
    body = client_for(actors["operator"]).post(f"{URL}match/", {"full_name": "Tanpa Nama", "nik": MAN_NIK},
                                               format="json").json()
    assert body["results"][0]["person"]["id"] == owner.pk
    assert "same_nik" in {r["code"] for r in body["results"][0]["reasons"]}


def test_match_checks_its_input(actors):
    client = client_for(actors["operator"])
    response = client.post(f"{URL}match/", {"full_name": "Budi", "nik": "12345"}, format="json")
    assert response.status_code == 400 and "nik" in response.json()
    response = client.post(f"{URL}match/", {"sex": "L", "birth_date": "1990-02-30"}, format="json")
    assert response.status_code == 400 and {"full_name", "birth_date"} <= set(response.json())
    assert client_for(actors["kemensos"]).post(f"{URL}match/", NEW, format="json").status_code == 403


def test_duplicates_of_a_person(actors, existing):
    other = register(actors["operator"], "Moh Cahyono", sex="L", birth_year=1985)
    client = client_for(actors["operator"])
    body = client.get(f"{URL}{other.pk}/duplicates/").json()
    assert [item["person"]["id"] for item in body["results"]] == [existing.pk]
    _assert_item_shape(body["results"][0])
    assert client_for(actors["lks_a"]).get(f"{URL}{other.pk}/duplicates/").status_code == 404


def test_link_registration_records_the_decision_and_the_spelling(actors, existing):
    client = client_for(actors["operator"])
    response = client.post(f"{URL}{existing.pk}/link-registration/", {"entered_name": "Moch.  Cahyono"},
                           format="json")
    assert response.status_code == 200 and response.json()["id"] == existing.pk
    assert sorted(response.json()["aliases"]) == ["Moch. Cahyono", "Yoyok"]
    decision = DuplicateDecision.objects.get()
    assert (decision.decision, decision.source, decision.person_id) == ("linked", "api", existing.pk)
    assert Person.objects.count() == 1
    # Linking again with a known spelling adds no alias.
    client.post(f"{URL}{existing.pk}/link-registration/", {"entered_name": "yoyok", "add_alias": True}, format="json")
    assert existing.aliases.count() == 2 and DuplicateDecision.objects.count() == 2


def test_link_registration_needs_scope_rights_and_a_name(actors, existing):
    url = f"{URL}{existing.pk}/link-registration/"
    assert client_for(actors["lks_a"]).post(url, {"entered_name": "X"}, format="json").status_code == 404
    assert client_for(actors["kadis"]).post(url, {"entered_name": "X"}, format="json").status_code == 403
    response = client_for(actors["operator"]).post(url, {}, format="json")
    assert response.status_code == 400 and "entered_name" in response.json()
    assert not DuplicateDecision.objects.exists()
