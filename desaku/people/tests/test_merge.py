"""Merge and unmerge: every registered pointer moves to the survivor and back."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from desaku.core.models import PPKSCategory
from desaku.people import merging, services
from desaku.people.models import Alias, Classification, HouseholdMembership, Merge, Person
from desaku.people.tests.factories import make_person, nik_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(actors):
    by = actors["kabid"]
    survivor = make_person(by, "Achmad Sutrisno", birth_year=1975)
    merged = make_person(by, "Ahmad Sutrisna", birth_year=1976, nik=nik_for(date(1976, 5, 4)), aliases=["Tris"])
    services.classify(person=merged, by=by, category=PPKSCategory.objects.get(number=12), valid_from=date(2025, 1, 1))
    services.create_household(by=by, head=merged)
    return survivor, merged


def test_merge_moves_every_registered_reference(pair, actors):
    survivor, merged = pair
    record = services.merge_persons(survivor=survivor, merged=merged, by=actors["kabid"], reason="same man")
    assert Alias.objects.filter(person=survivor, name="Tris").exists()
    assert Classification.objects.filter(person=survivor).count() == 1
    assert HouseholdMembership.objects.get(household__memberships__person=survivor).person == survivor
    merged.refresh_from_db()
    survivor.refresh_from_db()
    assert merged.merged_into == survivor
    assert survivor.nik_masked and not merged.nik_masked  # the NIK moves to the kept record
    assert merged not in Person.objects.active()
    assert record.merged_snapshot["full_name"] == "Ahmad Sutrisna"
    assert record.survivor_snapshot["full_name"] == "Achmad Sutrisno"


def test_unmerge_restores_the_pointers(pair, actors):
    survivor, merged = pair
    record = services.merge_persons(survivor=survivor, merged=merged, by=actors["kabid"], reason="same man")
    services.unmerge(merge=record, by=actors["kabid"], reason="different fathers' names")
    merged.refresh_from_db()
    survivor.refresh_from_db()
    assert merged.merged_into is None
    assert Alias.objects.filter(person=merged, name="Tris").exists()
    assert Classification.objects.filter(person=merged).count() == 1
    assert HouseholdMembership.objects.filter(person=merged, end_date__isnull=True).exists()
    assert merged.nik_masked and not survivor.nik_masked
    record.refresh_from_db()
    assert record.undone_by == actors["kabid"]
    with pytest.raises(ValidationError):
        services.unmerge(merge=record, by=actors["kabid"], reason="again")


def test_current_households_of_both_do_not_collide(pair, actors):
    survivor, merged = pair
    services.create_household(by=actors["kabid"], head=survivor)
    services.merge_persons(survivor=survivor, merged=merged, by=actors["kabid"], reason="same man")
    assert HouseholdMembership.objects.filter(person=survivor, end_date__isnull=True).count() == 1
    record = Merge.objects.get()
    services.unmerge(merge=record, by=actors["kabid"], reason="mistake")
    assert HouseholdMembership.objects.filter(person=merged, end_date__isnull=True).count() == 1


def test_people_with_different_niks_cannot_be_merged(actors):
    by = actors["kabid"]
    a = make_person(by, "Budi", nik=nik_for(date(1980, 1, 1)))
    b = make_person(by, "Budi", nik=nik_for(date(1980, 1, 1), serial=2))
    with pytest.raises(ValidationError):
        services.merge_persons(survivor=a, merged=b, by=by, reason="x")


def test_merge_needs_a_reason_and_two_records(pair, actors):
    survivor, merged = pair
    with pytest.raises(ValidationError):
        services.merge_persons(survivor=survivor, merged=merged, by=actors["kabid"], reason="")
    with pytest.raises(ValidationError):
        services.merge_persons(survivor=survivor, merged=survivor, by=actors["kabid"], reason="x")


def test_other_apps_join_by_registering():
    labels = {(model._meta.label, field) for model, field in merging.references()}
    assert ("people.Alias", "person") in labels and ("people.Consent", "person") in labels
