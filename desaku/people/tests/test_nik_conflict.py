"""A NIK belongs to one person. The "already registered" message names the record only when the user may
see it; a registration that loses a race for the same NIK (the unique blind index) gets the same field
error, in the service and the pages, never a server error or a half-written record."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from desaku.core import crypto
from desaku.people import services
from desaku.people.models import Person
from desaku.people.tests.factories import make_person, nik_for

pytestmark = pytest.mark.django_db

NIK = nik_for(date(1980, 3, 4))


def nik_messages(exc) -> list[str]:
    return exc.value.message_dict["nik"]


def test_inside_the_scope_the_owner_is_named(actors):
    owner = make_person(actors["operator"], "Slamet Riyadi", nik=NIK)
    with pytest.raises(ValidationError) as exc:
        make_person(actors["operator"], "Wahyu Santoso", nik=NIK)
    assert owner.registration_number in nik_messages(exc)[0]


def test_outside_the_scope_the_owner_is_not_named(actors):
    owner = make_person(actors["lks_a"], "Slamet Riyadi", nik=NIK)
    with pytest.raises(ValidationError) as exc:
        make_person(actors["lks_b"], "Wahyu Santoso", nik=NIK)
    [message] = nik_messages(exc)
    assert owner.registration_number not in message and "DSK-" not in message
    mine = make_person(actors["lks_b"], "Wahyu Santoso")
    with pytest.raises(ValidationError) as exc:
        services.update_person(person=mine, by=actors["lks_b"], data={}, nik=NIK, confirm_warnings=True)
    assert "DSK-" not in nik_messages(exc)[0]


@pytest.fixture
def race(actors, monkeypatch):
    """Another worker saves the same NIK between our check and our save (a concurrent registration).

    Simulated on one connection, so the rival's save sits inside our transaction (and is rolled back with it);
    what matters is that our save meets the unique blind index."""
    rival = make_person(actors["lks_a"], "Slamet Riyadi")
    real_encrypt = crypto.encrypt
    done = []

    def encrypt_after_the_rival_saved(number):
        if not done:
            done.append(number)
            services.update_person(person=Person.objects.get(pk=rival.pk), by=actors["lks_a"], data={},
                                   nik=number, confirm_warnings=True)
        return real_encrypt(number)

    monkeypatch.setattr(crypto, "encrypt", encrypt_after_the_rival_saved)
    return rival


def test_a_lost_race_at_registration_is_a_field_error(actors, race):
    with pytest.raises(ValidationError) as exc:
        make_person(actors["operator"], "Wahyu Santoso", nik=NIK)
    assert "DSK-" not in nik_messages(exc)[0]  # the rival's record is outside the operator's scope
    assert not Person.objects.filter(full_name="Wahyu Santoso").exists()


def test_a_lost_race_on_the_register_page_is_a_form_error(client, actors, race):
    client.force_login(actors["operator"])
    response = client.post(reverse("people:register"), {
        "full_name": "Wahyu Santoso", "name_quality": "full", "sex": "L", "birth_date_quality": "exact",
        "birth_date": "1980-03-04", "nik": NIK, "no_kk": "", "aliases": "", "confirm_new": "1"})
    assert response.status_code == 200 and "nik" in response.context["form"].errors
    assert not Person.objects.filter(full_name="Wahyu Santoso").exists()


def test_a_lost_race_on_the_edit_page_is_a_form_error(client, actors, race):
    person = make_person(actors["operator"], "Wahyu Santoso", birth_date=date(1980, 3, 4))
    client.force_login(actors["operator"])
    response = client.post(reverse("people:edit", args=[person.pk]), {
        "full_name": "Wahyu Santoso", "name_quality": "full", "sex": "L", "birth_date_quality": "exact",
        "birth_date": "1980-03-04", "nik": NIK, "reason": "KTP ditemukan"})
    assert response.status_code == 200 and "nik" in response.context["form"].errors
    person.refresh_from_db()
    assert not person.nik_hash
