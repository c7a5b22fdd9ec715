"""The registration page: the duplicate check, linking or confirming, NIK warnings, bad input."""

from datetime import date

import pytest
from django.urls import reverse

from desaku.people.models import DuplicateDecision, Person
from desaku.people.tests.factories import make_person, nik_for

pytestmark = pytest.mark.django_db


def form_data(**values):
    data = {"full_name": "Achmad Sutrisno", "name_quality": "full", "sex": "L", "birth_date_quality": "approximate",
            "birth_year": "1975", "mother_name": "", "nik": "", "no_kk": "", "aliases": ""}
    data.update(values)
    return data


@pytest.fixture
def worker(client, actors):
    client.force_login(actors["peksos"])
    return client


def test_the_form_opens(worker):
    response = worker.get(reverse("people:register"))
    assert response.status_code == 200
    assert "hx-get" in response.content.decode()  # the live duplicate check


def test_a_new_person_is_registered_with_aliases_and_origin(worker, actors):
    response = worker.post(reverse("people:register"), form_data(
        aliases="Trisno, Cak Tris", origin_region="35.07", domicile_kelurahan="35.73.03.1012", domicile_rt="3",
        mother_name="Sumirah"))
    person = Person.objects.get(full_name="Achmad Sutrisno")
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[person.pk])
    assert set(person.aliases.values_list("name", flat=True)) == {"Trisno", "Cak Tris"}
    assert person.origin_region_id == "35.07" and person.domicile_kelurahan_id == "35.73.03.1012"
    assert person.birth_year == 1975 and person.registered_by == actors["peksos"]
    assert not DuplicateDecision.objects.exists()


def test_a_similar_person_shows_candidates_and_keeps_what_was_typed(worker, actors):
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_year=1975)
    response = worker.post(reverse("people:register"), form_data(full_name="Ahmad Sutrisna", mother_name="Sumirah",
                                                                 phone="081234567890"))
    assert response.status_code == 200
    assert [p for p, _score, _reasons in response.context["report"].matches][0] == existing
    html = response.content.decode()
    assert 'value="Ahmad Sutrisna"' in html and 'value="Sumirah"' in html and 'value="081234567890"' in html
    assert f'data-testid="link-existing-{existing.pk}"' in html and 'data-testid="confirm-new"' in html
    assert Person.objects.count() == 1


def test_same_person_links_adds_the_alias_and_logs_the_decision(worker, actors):
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_year=1975)
    response = worker.post(reverse("people:link_existing", args=[existing.pk]), form_data(full_name="Ahmad Sutrisna"))
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[existing.pk])
    assert list(existing.aliases.values_list("name", flat=True)) == ["Ahmad Sutrisna"]
    decision = DuplicateDecision.objects.get(person=existing)
    assert decision.decision == "linked" and decision.entered_name == "Ahmad Sutrisna"
    assert existing.pk in [c["id"] for c in decision.candidates]
    assert Person.objects.count() == 1


def test_confirm_new_registers_and_logs_the_decision(worker, actors):
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_year=1975)
    response = worker.post(reverse("people:register"), form_data(full_name="Ahmad Sutrisna", confirm_new="1"))
    person = Person.objects.get(full_name="Ahmad Sutrisna")
    assert response.status_code == 302
    decision = DuplicateDecision.objects.get(person=person)
    assert decision.decision == "new" and existing.pk in [c["id"] for c in decision.candidates]


def test_cannot_link_to_a_person_outside_the_scope(client, actors):
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_year=1975)
    client.force_login(actors["lks_b"])
    response = client.post(reverse("people:link_existing", args=[existing.pk]), form_data(full_name="Ahmad Sutrisna"))
    assert response.status_code == 404
    assert not existing.aliases.exists() and not DuplicateDecision.objects.exists()


def test_nik_warnings_need_the_workers_confirmation(worker):
    # The NIK says born 1990; the form says about 1975.
    data = form_data(nik=nik_for(date(1990, 5, 17)))
    response = worker.post(reverse("people:register"), data)
    assert response.status_code == 200 and response.context["number_warnings"]
    assert 'name="confirm_warnings"' in response.content.decode()
    assert not Person.objects.exists()
    response = worker.post(reverse("people:register"), {**data, "confirm_warnings": "on"})
    assert response.status_code == 302
    assert Person.objects.get().nik_masked == "3573********0001"


@pytest.mark.parametrize("values, field", [
    ({"nik": "12345"}, "nik"),
    ({"nik": "3573015705000000"}, "nik"),
    ({"no_kk": "99"}, "no_kk"),
    ({"birth_date_quality": "exact", "birth_date": "2999-01-01", "birth_year": ""}, "birth_date"),
    ({"birth_date_quality": "exact", "birth_year": ""}, "birth_date"),
    ({"birth_year": "1850"}, "birth_year"),
    ({"full_name": "   "}, "full_name"),
    ({"origin_region": "99.99"}, "origin_region"),
    ({"domicile_kelurahan": "35.07"}, "domicile_kelurahan"),
    ({"sex": "X"}, "sex"),
])
def test_bad_input_is_a_field_error_and_saves_nothing(worker, values, field):
    response = worker.post(reverse("people:register"), form_data(**values))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Person.objects.exists()


def test_a_nik_already_registered_is_refused(worker, actors):
    nik = nik_for(date(1975, 5, 17))
    make_person(actors["kabid"], "Orang Lain", nik=nik, birth_date=date(1975, 5, 17))
    response = worker.post(reverse("people:register"), form_data(full_name="Bambang", nik=nik, confirm_new="1"))
    assert response.status_code == 200 and "nik" in response.context["form"].errors
    assert Person.objects.count() == 1


def test_the_live_check_lists_likely_duplicates(worker, actors):
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_year=1975)
    url = reverse("people:duplicate_check")
    response = worker.get(url, {"full_name": "Ahmad Sutrisna", "birth_year": "1975", "sex": "L"},
                          headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert [p for p, _s, _r in response.context["report"].matches] == [existing]
    assert "<html" not in response.content.decode()  # a partial
    assert worker.get(url, {"full_name": "Ah"}).context["report"] is None
    assert worker.get(url, {"full_name": "Ahmad Sutrisna", "birth_year": "abc"}).status_code == 200


def test_the_live_check_does_not_reveal_persons_outside_the_scope(client, actors):
    make_person(actors["lks_a"], "Achmad Sutrisno", birth_year=1975)
    client.force_login(actors["lks_b"])
    response = client.get(reverse("people:duplicate_check"), {"full_name": "Ahmad Sutrisna", "birth_year": "1975"})
    report = response.context["report"]
    assert report.matches == [] and report.hidden_count == 1
    assert "Achmad" not in response.content.decode()
