""""This is the same person" during registration keeps a NIK / No KK typed on the form when the existing
record has none; when a number cannot be kept (the record holds another one, a warning, a number taken by
someone else) the worker is told it was not saved."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from desaku.people import services
from desaku.people.tests.factories import make_person, nik_for

pytestmark = pytest.mark.django_db

BORN = date(1975, 5, 17)
NIK = nik_for(BORN)
KK = "3573010101200001"


@pytest.fixture
def worker(client, actors):
    client.force_login(actors["peksos"])
    return client


def link(client, person, **values):
    data = {"full_name": "Ahmad Sutrisna", "sex": "L", "birth_date": BORN.isoformat(), "nik": "", "no_kk": "",
            "aliases": "", **values}
    response = client.post(reverse("people:link_existing", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_numbers_are_kept_when_the_record_has_none(worker, actors):
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_date=BORN)
    notes = link(worker, existing, nik=NIK, no_kk=KK)
    assert services.nik_of(existing) == NIK and services.no_kk_of(existing) == KK
    assert len(notes) == 2  # linked; the number is added


def test_a_different_number_on_record_is_not_replaced_and_the_worker_is_told(worker, actors):
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_date=BORN, nik=NIK)
    other = nik_for(BORN, serial=2)
    notes = link(worker, existing, nik=other)
    assert services.nik_of(existing) == NIK
    assert len(notes) == 2 and "NIK" in notes[-1]


def test_the_same_number_needs_no_message(worker, actors):
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_date=BORN, nik=NIK)
    assert len(link(worker, existing, nik=NIK)) == 1


def test_a_number_with_a_warning_is_not_saved_unless_confirmed(worker, actors):
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_date=BORN)
    other_birthday = nik_for(date(1990, 1, 2))
    notes = link(worker, existing, nik=other_birthday)
    assert not existing.nik_hash and len(notes) == 2 and "NIK" in notes[-1]
    link(worker, existing, nik=other_birthday, confirm_warnings="on")
    assert services.nik_of(existing) == other_birthday


def test_a_number_taken_by_another_record_is_not_saved(worker, actors):
    make_person(actors["kabid"], "Orang Lain", birth_date=BORN, nik=NIK)
    existing = make_person(actors["peksos"], "Achmad Sutrisno", birth_date=BORN)
    notes = link(worker, existing, nik=NIK)
    assert not existing.nik_hash and "NIK" in notes[-1] and "DSK-" not in notes[-1]
    assert existing.aliases.filter(name="Ahmad Sutrisna").exists()  # the link itself is kept
