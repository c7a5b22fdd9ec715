"""A merge moves the outreach records of both persons, many-to-many participants included."""

from datetime import date

import pytest

from desaku.outreach import services
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_merge_and_unmerge_move_stays_and_activity_participation(camp, actors):
    survivor = make_person(actors["kabid"], "Achmad Sutrisno", birth_year=1975)
    merged = make_person(actors["kabid"], "Ahmad Sutrisna", birth_year=1976)
    other = make_person(actors["kabid"], "Paijo")
    stay = services.admit(person=merged, shelter=camp, by=actors["kabid"])
    activity = services.record_preventive_activity(
        by=actors["kabid"], kind="counselling", held_on=date(2026, 5, 1), place="Balai RW 07",
        organiser="Dinsos", topic="Bahaya mengemis", participants=[merged, other])
    both = services.record_preventive_activity(
        by=actors["kabid"], kind="guidance", held_on=date(2026, 6, 1), place="Balai RW 07",
        organiser="Dinsos", topic="Bina diri", participants=[merged, survivor])
    record = people_services.merge_persons(survivor=survivor, merged=merged, by=actors["kabid"], reason="same")
    stay.refresh_from_db()
    assert stay.person == survivor
    assert set(activity.participants.all()) == {survivor, other}
    assert set(both.participants.all()) == {survivor}
    people_services.unmerge(merge=record, by=actors["kabid"], reason="different people")
    stay.refresh_from_db()
    assert stay.person == merged
    assert set(activity.participants.all()) == {merged, other}
    assert set(both.participants.all()) == {merged, survivor}
