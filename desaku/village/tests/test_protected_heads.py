"""A household whose head is a protected child (people/identity.py) shows initials on the village pages and in the
candidate API for users the rule hides the child from; the rule's own users see the name."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from desaku.people import identity
from desaku.village import services
from desaku.village.tests.helpers import a_round, accepted, unit

NAME = "Rafi Ardiansyah"


@pytest.fixture
def housed(actors, lks_org):
    candidate = accepted(_nominated(actors), actors["peksos"], lks_org, actors["kemensos"])
    occupancy = services.allocate(candidate=candidate, unit=unit(), by=actors["operator"], on=date(2016, 11, 5))
    return candidate, occupancy


def _nominated(actors):
    from desaku.village.tests.helpers import nominated

    return nominated(a_round(), actors["operator"], name=NAME, birth_year=2009)


def _pages(candidate, occupancy):
    return [reverse("village:candidate_list"), reverse("village:candidate_detail", args=[candidate.pk]),
            reverse("village:occupancy_list"), reverse("village:occupancy_detail", args=[occupancy.pk]),
            reverse("village:unit_list")]


def _hide_head(monkeypatch, candidate):
    head = candidate.household.head
    monkeypatch.setattr(identity, "_PROVIDERS", [lambda user, ids: {head.pk} & set(ids)])


@pytest.mark.django_db
def test_pages_and_api_show_initials_when_the_rule_hides_the_head(actors, housed, monkeypatch):
    candidate, occupancy = housed
    _hide_head(monkeypatch, candidate)
    client = Client()
    client.force_login(actors["admin"])
    for url in _pages(candidate, occupancy):
        body = client.get(url).content.decode()
        assert NAME not in body, url
        assert identity.initials(NAME) in body, url
    api = APIClient()
    api.force_authenticate(actors["admin"])
    head = api.get(f"/api/v1/village-candidates/{candidate.pk}/").json()["head"]
    assert head == {"full_name": identity.initials(NAME), "identity_hidden": True}


@pytest.mark.django_db
def test_without_the_rule_the_name_is_shown(actors, housed):
    candidate, occupancy = housed
    client = Client()
    client.force_login(actors["admin"])
    for url in _pages(candidate, occupancy):
        assert NAME in client.get(url).content.decode(), url
