"""The API shows a protected child (people.identity) among duplicate candidates and household members as
initials with ``identity_hidden`` true and no reasons, to users who may not see the identity."""

from datetime import date

import pytest

from desaku.api.tests import client_for, fast_static_files, register
from desaku.people import identity, services

URL = "/api/v1/persons/"
CHILD = "Budi Santoso"
ENTERED = {"full_name": "Budi Santosa", "sex": "L", "birth_date": "2010-05-04", "mother_name": "Sumirah"}


@pytest.fixture(autouse=True)
def _fast_static(settings):
    fast_static_files(settings)


@pytest.fixture
def child(actors):
    """Budi is a protected child: only kabid may see who he is."""
    allowed = actors["kabid"]

    def provider(user, person_ids):
        from desaku.people.models import Person

        if user == allowed:
            return set()
        return set(Person.objects.filter(pk__in=person_ids, full_name=CHILD).values_list("pk", flat=True))

    identity.register(provider)
    person = register(actors["operator"], CHILD, sex="L", birth_year=None, birth_date=date(2010, 5, 4), mother_name="Sumirah", aliases=["Bubud"])
    yield person
    identity._PROVIDERS.remove(provider)


def assert_masked(item, child):
    person = item["person"]
    assert person["id"] == child.pk and person["identity_hidden"] is True
    assert person["full_name"] == "B. S." and person["nik_masked"] == ""
    assert item["reasons"] == []
    assert CHILD not in str(item) and "Bubud" not in str(item)


def test_409_masks_the_child(actors, child):
    response = client_for(actors["operator"]).post(URL, ENTERED, format="json")
    assert response.status_code == 409
    [item] = response.json()["results"]
    assert_masked(item, child)


def test_match_masks_the_child_but_not_for_those_allowed(actors, child):
    response = client_for(actors["operator"]).post(f"{URL}match/", ENTERED, format="json")
    [item] = response.json()["results"]
    assert_masked(item, child)
    [item] = client_for(actors["kabid"]).post(f"{URL}match/", ENTERED, format="json").json()["results"]
    assert item["person"]["full_name"] == CHILD and item["person"]["identity_hidden"] is False and item["reasons"]


def test_duplicates_of_another_person_mask_the_child(actors, child):
    other = register(actors["operator"], "Budi Santosa", sex="L", birth_year=None,
                     birth_date=date(2010, 5, 4), mother_name="Sumirah")
    response = client_for(actors["operator"]).get(f"{URL}{other.pk}/duplicates/")
    assert response.status_code == 200
    [item] = [i for i in response.json()["results"] if i["person"]["id"] == child.pk]
    assert_masked(item, child)


def test_household_members_mask_the_child(actors, child):
    operator = actors["operator"]
    head = register(operator, "Sumirah", sex="P", birth_year=1985)
    household = services.create_household(by=operator, head=head)
    services.add_member(household=household, person=child, relationship="child", by=operator)
    client = client_for(operator)
    for members in (client.get(f"/api/v1/households/{household.pk}/").json()["members"],
                    client.get("/api/v1/households/").json()["results"][0]["members"],
                    client.get(f"/api/v1/households/{household.pk}/members/").json()):
        [member] = [m for m in members if m["person"]["id"] == child.pk]
        assert member["person"]["full_name"] == "B. S." and member["person"]["identity_hidden"] is True
        assert CHILD not in str(members)
    [member] = [m for m in client_for(actors["kabid"]).get(f"/api/v1/households/{household.pk}/").json()["members"]
                if m["person"]["id"] == child.pk]
    assert member["person"]["full_name"] == CHILD
