"""Households: create one for a person, add and end members, change the family card number."""

from datetime import date

import pytest
from django.urls import reverse

from desaku.people import services
from desaku.people.models import Household, HouseholdMembership
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(client, actors):
    client.force_login(actors["peksos"])
    return client


@pytest.fixture
def family(actors):
    by = actors["peksos"]
    head = make_person(by, "Sugeng Riyadi")
    household = services.create_household(by=by, head=head, no_kk="3573011203150005", start_date=date(2015, 3, 12))
    return household, head


def test_create_a_household_with_the_person_as_head(worker, actors):
    head = make_person(actors["peksos"], "Sugeng Riyadi", domicile_kelurahan_id="35.73.03.1012")
    url = reverse("people:household_create", args=[head.pk])
    assert worker.get(url).context["form"].initial["kelurahan"] == "35.73.03.1012"
    response = worker.post(url, {"no_kk": "3573011203150005", "kelurahan": "35.73.03.1012", "rt": "2", "rw": "5",
                                 "start_date": "2015-03-12"})
    household = Household.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("people:household_detail",
                                                                           args=[household.pk])
    assert household.head == head and household.no_kk_masked == "3573********0005"
    page = worker.get(response["Location"])
    assert page.status_code == 200 and [m.person for m, _visible in page.context["current"]] == [head]


def test_a_kk_warning_needs_confirmation_and_a_bad_kk_is_refused(worker, actors):
    head = make_person(actors["peksos"], "Sugeng Riyadi")
    url = reverse("people:household_create", args=[head.pk])
    response = worker.post(url, {"no_kk": "9999011203150005"})
    assert response.status_code == 200 and response.context["number_warnings"]
    response = worker.post(url, {"no_kk": "12"})
    assert response.status_code == 200 and "no_kk" in response.context["form"].errors
    assert not Household.objects.exists()
    assert worker.post(url, {"no_kk": "9999011203150005", "confirm_warnings": "on"}).status_code == 302


def test_a_person_already_in_a_household_cannot_head_another(worker, family):
    _household, head = family
    response = worker.post(reverse("people:household_create", args=[head.pk]), {"no_kk": ""})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Household.objects.count() == 1


def test_add_a_member_found_by_search(worker, actors, family):
    household, _head = family
    wife = make_person(actors["peksos"], "Sulastri", sex="P")
    url = reverse("people:household_add_member", args=[household.pk])
    response = worker.get(url, {"q": "Sulastri"})
    assert response.context["results"] == [wife]
    response = worker.post(url, {"person": wife.pk, "relationship": "spouse", "start_date": "2015-03-12"})
    assert response.status_code == 302
    assert household.memberships.get(person=wife).relationship == "spouse"
    response = worker.post(url, {"person": wife.pk, "relationship": "child", "start_date": "2016-01-01"})
    assert response.status_code == 200 and response.context["form"].errors  # one current household only


def test_a_member_outside_the_scope_cannot_be_added(worker, actors, family):
    household, _head = family
    outsider = make_person(actors["lks_a"], "Yanto Gepeng")
    response = worker.post(reverse("people:household_add_member", args=[household.pk]), {
        "person": outsider.pk, "relationship": "child", "start_date": "2020-01-01"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not HouseholdMembership.objects.filter(person=outsider).exists()


def test_members_outside_the_scope_are_not_named(worker, actors, family):
    household, _head = family
    colleague_client = make_person(actors["operator"], "Rahasia Sekali")
    services.add_member(household=household, person=colleague_client, relationship="child", by=actors["kabid"])
    response = worker.get(reverse("people:household_detail", args=[household.pk]))
    assert "Rahasia Sekali" not in response.content.decode()
    assert sorted(visible for _m, visible in response.context["current"]) == [False, True]


def test_end_a_membership_with_date_and_reason(worker, actors, family):
    household, _head = family
    child = make_person(actors["peksos"], "Rizki")
    membership = services.add_member(household=household, person=child, relationship="child", by=actors["peksos"],
                                     start_date=date(2015, 3, 12))
    url = reverse("people:membership_end", args=[household.pk, membership.pk])
    assert "reason" in worker.post(url, {"end_date": "2024-01-01", "reason": ""}).context["form"].errors
    response = worker.post(url, {"end_date": "2010-01-01", "reason": "menikah"})
    assert "end_date" in response.context["form"].errors
    assert worker.post(url, {"end_date": "2024-01-01", "reason": "menikah, pindah KK"}).status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == date(2024, 1, 1) and membership.end_reason == "menikah, pindah KK"
    page = worker.get(reverse("people:household_detail", args=[household.pk]))
    assert [m.person for m, _visible in page.context["past"]] == [child]
    assert worker.get(url).status_code == 404  # ended already


def test_change_the_kk_number_with_a_reason_keeps_history(worker, family):
    household, _head = family
    url = reverse("people:household_change_kk", args=[household.pk])
    assert "reason" in worker.post(url, {"no_kk": "3573011501240007", "reason": ""}).context["form"].errors
    assert worker.post(url, {"no_kk": "3573011501240007", "reason": "KK baru"}).status_code == 302
    household.refresh_from_db()
    assert household.no_kk_masked == "3573********0007"
    page = worker.get(reverse("people:household_detail", args=[household.pk]))
    assert [r.no_kk_masked for r in page.context["kk_history"]] == ["3573********0007", "3573********0005"]


def test_a_household_of_another_organisation_is_not_found(client, actors, family):
    household, _head = family
    client.force_login(actors["lks_b"])
    assert client.get(reverse("people:household_detail", args=[household.pk])).status_code == 404
    assert client.get(reverse("people:household_change_kk", args=[household.pk])).status_code == 404
