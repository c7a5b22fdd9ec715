"""Admission, capacity, one open stay, the 7+7+7 clock, transfers."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from desaku.outreach import services
from desaku.outreach.models import Shelter, Stay
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def fill(shelter, actors, count):
    for i in range(count):
        services.admit(person=make_person(actors["penjangkauan"], f"Penghuni {i}"), shelter=shelter,
                       by=actors["penjangkauan"])


def test_admission_starts_a_seven_day_clock(camp, person, actors):
    stay = services.admit(person=person, shelter=camp, by=actors["penjangkauan"], admitted_on=date(2026, 11, 2))
    assert stay.due_on == date(2026, 11, 9) and stay.status == "open"
    assert stay.max_due_on == date(2026, 11, 23)


def test_one_open_stay_per_person(camp, person, actors):
    services.admit(person=person, shelter=camp, by=actors["penjangkauan"])
    with pytest.raises(ValidationError) as error:
        services.admit(person=person, shelter=Shelter.objects.get(code="pondok-lansia"), by=actors["kabid"])
    assert "person" in error.value.error_dict


def test_full_shelter_refuses_unless_a_kepala_bidang_overrides(actors):
    small = Shelter.objects.get(code="pondok-lansia")
    fill(small, actors, small.capacity)
    extra = make_person(actors["penjangkauan"], "Mbah Sarimin", birth_year=1940)
    with pytest.raises(ValidationError) as error:
        services.admit(person=extra, shelter=small, by=actors["penjangkauan"])
    assert "shelter" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.admit(person=extra, shelter=small, by=actors["kabid"])
    assert "over_capacity_reason" in error.value.error_dict
    stay = services.admit(person=extra, shelter=small, by=actors["kabid"], over_capacity_reason="hujan deras")
    assert stay.over_capacity_approved_by == actors["kabid"]
    assert Stay.objects.filter(shelter=small, status="open").count() == small.capacity + 1


def test_two_extensions_at_most(camp, person, actors):
    stay = services.admit(person=person, shelter=camp, by=actors["penjangkauan"], admitted_on=date(2026, 11, 2))
    with pytest.raises(ValidationError):
        services.extend_stay(stay=stay, by=actors["peksos"], reason="keluarga belum ditemukan")
    services.extend_stay(stay=stay, by=actors["kabid"], reason="keluarga belum ditemukan")
    second = services.extend_stay(stay=stay, by=actors["kabid"], reason="menunggu UPT")
    stay.refresh_from_db()
    assert stay.due_on == date(2026, 11, 23) and second.number == 2
    with pytest.raises(ValidationError):
        services.extend_stay(stay=stay, by=actors["kabid"], reason="lagi")
    with pytest.raises(ValidationError):
        services.extend_stay(stay=stay, by=actors["kabid"], reason="")


def test_transfer_keeps_the_clock_and_checks_capacity(camp, actors):
    elder = make_person(actors["penjangkauan"], "Mbah Karto", birth_year=1945)
    stay = services.admit(person=elder, shelter=camp, by=actors["penjangkauan"], admitted_on=date(2026, 11, 1))
    twk = Shelter.objects.get(code="twk-sukun")
    services.transfer(stay=stay, to_shelter=twk, by=actors["peksos"], reason="terbaring sakit")
    stay.refresh_from_db()
    assert stay.shelter == twk and stay.due_on == date(2026, 11, 8)
    with pytest.raises(ValidationError):
        services.transfer(stay=stay, to_shelter=twk, by=actors["peksos"], reason="x")


def test_days_in_shelter(camp, person, actors):
    stay = services.admit(person=person, shelter=camp, by=actors["penjangkauan"], admitted_on=date(2026, 11, 1))
    assert stay.days_in(date(2026, 11, 1) + timedelta(days=5)) == 5


def test_shelter_capacity_is_editable_in_the_admin(client, actors):
    shelter = Shelter.objects.get(code="pondok-lansia")
    client.force_login(actors["admin"])
    url = f"/admin/outreach/shelter/{shelter.pk}/change/"
    assert client.get(url).status_code == 200
    data = {"code": shelter.code, "name": shelter.name, "address": shelter.address, "capacity": 10,
            "accepts": [c.pk for c in shelter.accepts.all()], "accepts_note": shelter.accepts_note,
            "min_age": 60, "active": "on"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    shelter.refresh_from_db()
    assert shelter.capacity == 10
