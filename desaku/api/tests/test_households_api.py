"""/api/v1/households/: family cards, members joining and leaving, scope."""

from datetime import date

import pytest

from desaku.api.tests import client_for, fast_static_files, register
from desaku.core.models import AccessLogEntry
from desaku.people import services
from desaku.people.models import Household, HouseholdMembership

URL = "/api/v1/households/"
KK = "3573010101200001"


@pytest.fixture(autouse=True)
def _fast_static(settings):
    fast_static_files(settings)


@pytest.fixture
def family(actors):
    """A household of LKS A: Pak Slamet heads it; his wife is not a member yet."""
    lks_a = actors["lks_a"]
    head = register(lks_a, "Slamet Riyadi", sex="L", birth_year=1970)
    wife = register(lks_a, "Sumiati", sex="P", birth_year=1974)
    household = services.create_household(by=lks_a, head=head, start_date=date(2020, 1, 1))
    return {"head": head, "wife": wife, "household": household}


def test_create_a_household_around_its_head(actors):
    head = register(actors["lks_a"], "Slamet Riyadi", sex="L")
    response = client_for(actors["lks_a"]).post(URL, {
        "head": head.pk, "no_kk": KK, "kelurahan": "35.73.03.1012", "address": "Jl. Raya Tlogowaru",
        "rt": "003", "rw": "001", "welfare_decile": 2, "start_date": "2021-05-01"}, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["no_kk_masked"] == "3573********0001" and "no_kk" not in data
    assert (data["kelurahan"], data["rt"], data["welfare_decile"]) == ("35.73.03.1012", "003", 2)
    [member] = data["members"]
    assert member["person"]["id"] == head.pk and member["relationship"] == "head" and member["is_current"]
    assert member["start_date"] == "2021-05-01"
    assert services.no_kk_of(Household.objects.get()) == KK


@pytest.mark.parametrize("data, field", [
    ({"kelurahan": "35.73.99.9999"}, "kelurahan"),
    ({"kelurahan": "35.73"}, "kelurahan"),
    ({"welfare_decile": 11}, "welfare_decile"),
    ({"no_kk": "357301010120000"}, "no_kk"),
    ({"start_date": "2023-02-29"}, "start_date"),
    ({"head": 999999}, "head"),
])
def test_create_checks_its_input(actors, data, field):
    head = register(actors["operator"], "Slamet Riyadi", sex="L")
    response = client_for(actors["operator"]).post(URL, {"head": head.pk, **data}, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Household.objects.exists()


def test_no_kk_warnings_need_confirmation(actors):
    head = register(actors["operator"], "Slamet Riyadi", sex="L")
    client = client_for(actors["operator"])
    data = {"head": head.pk, "no_kk": "9973010101200001"}
    response = client.post(URL, data, format="json")
    assert response.status_code == 400 and response.json()["warnings"][0]["code"] == "kk_region_unknown"
    assert client.post(URL, {**data, "confirm_warnings": True}, format="json").status_code == 201


def test_the_head_must_be_in_scope_and_free(actors, family):
    stranger = client_for(actors["lks_b"]).post(URL, {"head": family["wife"].pk}, format="json")
    assert stranger.status_code == 400 and "head" in stranger.json()
    taken = client_for(actors["lks_a"]).post(URL, {"head": family["head"].pk}, format="json")
    assert taken.status_code == 400 and list(taken.json()) == ["head", "detail"]
    assert client_for(actors["kadis"]).post(URL, {"head": family["wife"].pk}, format="json").status_code == 403


def test_households_are_scoped(actors, family):
    household = family["household"]
    own = client_for(actors["lks_a"])
    assert [h["id"] for h in own.get(URL).json()["results"]] == [household.pk]
    other = client_for(actors["lks_b"])
    assert other.get(URL).json()["count"] == 0
    assert other.get(f"{URL}{household.pk}/").status_code == 404
    assert other.get(f"{URL}{household.pk}/members/").status_code == 404
    response = other.post(f"{URL}{household.pk}/members/", {"person": family["wife"].pk, "relationship": "spouse"},
                          format="json")
    assert response.status_code == 404
    membership = household.memberships.get()
    response = other.post(f"/api/v1/household-memberships/{membership.pk}/end/", {"reason": "x"}, format="json")
    assert response.status_code == 404


def test_retrieve_is_logged(actors, family):
    household = family["household"]
    response = client_for(actors["lks_a"]).get(f"{URL}{household.pk}/")
    assert response.status_code == 200 and response.json()["members"][0]["person"]["full_name"] == "Slamet Riyadi"
    entry = AccessLogEntry.objects.get(action="view")
    assert (entry.model_label, entry.object_id) == ("people.Household", str(household.pk))


def test_add_a_member(actors, family):
    client = client_for(actors["lks_a"])
    url = f"{URL}{family['household'].pk}/members/"
    response = client.post(url, {"person": family["wife"].pk, "relationship": "spouse", "start_date": "2020-01-01"},
                           format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["person"]["id"] == family["wife"].pk and response.json()["relationship"] == "spouse"
    members = client.get(url).json()
    assert [(m["person"]["full_name"], m["relationship"]) for m in members] == [
        ("Slamet Riyadi", "head"), ("Sumiati", "spouse")]
    again = client.post(url, {"person": family["wife"].pk, "relationship": "spouse"}, format="json")
    assert again.status_code == 400 and "person" in again.json()


@pytest.mark.parametrize("data, field", [
    ({"relationship": "cousin"}, "relationship"),
    ({"relationship": "head"}, "relationship"),  # the household already has a head
    ({"relationship": "child", "start_date": "2999-01-01"}, "start_date"),
])
def test_add_member_checks_its_input(actors, family, data, field):
    response = client_for(actors["lks_a"]).post(f"{URL}{family['household'].pk}/members/",
                                                {"person": family["wife"].pk, **data}, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()


def test_a_member_must_be_visible_to_the_user(actors, family):
    outsider = register(actors["lks_b"], "Paijo", sex="L")
    response = client_for(actors["lks_a"]).post(f"{URL}{family['household'].pk}/members/",
                                                {"person": outsider.pk, "relationship": "other"}, format="json")
    assert response.status_code == 400 and "person" in response.json()
    assert not HouseholdMembership.objects.filter(person=outsider).exists()


def test_members_outside_the_scope_are_listed_without_identity(actors, family):
    outsider = register(actors["lks_b"], "Paijo", sex="L")
    services.add_member(household=family["household"], person=outsider, relationship="other", by=actors["admin"])
    members = client_for(actors["lks_a"]).get(f"{URL}{family['household'].pk}/").json()["members"]
    assert [m["person"] and m["person"]["full_name"] for m in members] == ["Slamet Riyadi", None]
    # LKS B sees the household through its own member, but not the head.
    members = client_for(actors["lks_b"]).get(f"{URL}{family['household'].pk}/").json()["members"]
    assert [m["person"] and m["person"]["full_name"] for m in members] == [None, "Paijo"]


def test_end_a_membership(actors, family):
    client = client_for(actors["lks_a"])
    membership = family["household"].memberships.get()
    url = f"/api/v1/household-memberships/{membership.pk}/end/"
    no_reason = client.post(url, {"end_date": "2024-01-01"}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    too_early = client.post(url, {"end_date": "2019-12-31", "reason": "moved"}, format="json")
    assert too_early.status_code == 400 and "end_date" in too_early.json()
    response = client.post(url, {"end_date": "2024-01-01", "reason": "moved to Surabaya"}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert (data["end_date"], data["end_reason"], data["is_current"]) == ("2024-01-01", "moved to Surabaya", False)
    # Free again: he may head a new household.
    assert client.post(URL, {"head": family["head"].pk}, format="json").status_code == 201


def test_list_queries_do_not_grow_with_the_page(actors):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    operator = actors["operator"]
    client = client_for(operator)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    services.create_household(by=operator, head=register(operator, "Slamet Riyadi", sex="L"))
    few = queries()
    for name in ("Paijo", "Paimin", "Sutrisno"):
        household = services.create_household(by=operator, head=register(operator, name, sex="L"))
        services.add_member(household=household, person=register(operator, f"Bu {name}"), relationship="spouse",
                            by=operator)
    assert queries() == few
