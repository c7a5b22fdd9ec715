from datetime import date

import pytest
from django.core.exceptions import ValidationError

from desaku.people import services
from desaku.people.models import Household
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_household_with_members_and_history(actors):
    by = actors["peksos"]
    head = make_person(by, "Sugeng Riyadi")
    wife = make_person(by, "Sulastri", sex="P")
    household = services.create_household(by=by, head=head, no_kk="3573011203150005", start_date=date(2015, 3, 12))
    membership = services.add_member(household=household, person=wife, relationship="spouse", by=by,
                                     start_date=date(2015, 3, 12))
    assert household.head == head
    assert household.no_kk_masked == "3573********0005"
    services.end_membership(membership=membership, by=by, end_date=date(2024, 1, 1), reason="pindah KK")
    assert list(household.memberships.filter(end_date__isnull=True).values_list("person__full_name", flat=True)) == [
        "Sugeng Riyadi"]
    services.change_no_kk(household=household, by=by, no_kk="3573011501240007", reason="KK baru setelah pisah")
    masks = list(household.history.order_by("history_date").values_list("no_kk_masked", flat=True))
    assert masks[0] == "3573********0005" and masks[-1] == "3573********0007"


def test_a_person_belongs_to_one_current_household(actors):
    by = actors["peksos"]
    child = make_person(by, "Rizki")
    services.create_household(by=by, head=make_person(by, "Parman"))
    other = services.create_household(by=by, head=make_person(by, "Paidi"))
    services.add_member(household=Household.objects.first(), person=child, relationship="child", by=by)
    with pytest.raises(ValidationError):
        services.add_member(household=other, person=child, relationship="child", by=by)


def test_one_head_per_household_and_reasons_required(actors):
    by = actors["peksos"]
    household = services.create_household(by=by, head=make_person(by, "Parman"))
    with pytest.raises(ValidationError):
        services.add_member(household=household, person=make_person(by, "Paidi"), relationship="head", by=by)
    membership = household.memberships.get()
    with pytest.raises(ValidationError):
        services.end_membership(membership=membership, by=by, end_date=date(2026, 1, 1), reason="")
    with pytest.raises(ValidationError):
        services.change_no_kk(household=household, by=by, no_kk="3573011501240007", reason="")
    with pytest.raises(ValidationError):
        services.create_household(by=by, head=make_person(by, "Paimo"), welfare_decile=11)
