"""The case page's "Nominate to Desaku Menanti": the household of the case becomes a candidate linked to the case,
only for a case the user can see and change, only by a role that nominates."""

import pytest
from django.test import Client
from django.urls import reverse

from desaku.cases import services as case_services
from desaku.cases.tests.helpers import exit_destination, opened
from desaku.people.tests.factories import make_person
from desaku.village.models import Candidate, NominationSource
from desaku.village.tests.helpers import a_round


def _post(user, case, selection, reason="Keluarga gepeng, bersedia pindah."):
    client = Client()
    client.force_login(user)
    return client.post(reverse("cases:village_nominate", args=[case.pk]), {"round": selection.pk, "reason": reason})


@pytest.mark.django_db
def test_a_case_nominates_its_household_with_a_link(actors):
    selection = a_round()
    person = make_person(actors["peksos"], "Yanto Gepeng", birth_year=1980)
    case = opened(person, actors["peksos"])
    response = _post(actors["peksos"], case, selection)
    assert response.status_code == 302
    candidate = Candidate.objects.get(round=selection)
    assert candidate.case == case and candidate.source == NominationSource.CASE
    assert candidate.source_reference == case.number and candidate.household.head == person
    assert candidate.nominated_by == actors["peksos"]
    page = Client()
    page.force_login(actors["peksos"])
    assert b'data-testid="village-candidacy"' in page.get(reverse("cases:case_detail", args=[case.pk])).content
    again = _post(actors["peksos"], case, selection)  # the same household twice: a clear message, no 500
    assert again.status_code == 200 and Candidate.objects.count() == 1
    assert "already a candidate" in again.content.decode() or "sudah menjadi calon" in again.content.decode()


@pytest.mark.django_db
def test_only_cases_the_user_may_see_and_change(actors):
    selection = a_round()
    case = opened(make_person(actors["peksos"], "Sarip", birth_year=1960), actors["peksos"])
    lks_case = opened(make_person(actors["lks_a"], "Anak LKS", birth_year=1990), actors["lks_a"])
    assert _post(actors["lks_a"], case, selection).status_code == 404  # another organisation's case
    assert _post(actors["kadis"], case, selection).status_code == 403  # reads cases, does not write
    assert _post(actors["lks_a"], lks_case, selection).status_code == 302  # an LKS nominates its own case
    assert Candidate.objects.get().case == lks_case


@pytest.mark.django_db
def test_a_closed_case_or_a_closed_round_nominates_nobody(actors):
    selection = a_round()
    case = opened(make_person(actors["peksos"], "Sarip", birth_year=1960), actors["peksos"])
    selection.closed = True
    selection.save_with_reason(by=None, reason="test")
    response = _post(actors["peksos"], case, selection)
    assert response.status_code == 200 and not Candidate.objects.exists()
    selection.closed = False
    selection.save_with_reason(by=None, reason="test")
    case_services.close_case(case=case, by=actors["peksos"], exit_destination=exit_destination(), reason="selesai",
                             closed_on=case.opened_on)
    assert _post(actors["peksos"], case, selection).status_code == 403
    assert not Candidate.objects.exists()


def _api(user, body):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client.post("/api/v1/village-candidates/", body, format="json")


@pytest.mark.django_db
def test_the_api_nominates_from_a_case_with_the_same_rules(actors):
    selection = a_round()
    person = make_person(actors["peksos"], "Yanto Gepeng", birth_year=1980)
    case = opened(person, actors["peksos"])
    other = opened(make_person(actors["lks_a"], "Anak LKS", birth_year=1990), actors["lks_a"])
    assert _api(actors["peksos"], {"round": selection.pk}).status_code == 400  # neither household nor case
    refused = _api(actors["peksos"], {"round": selection.pk, "case": other.pk})  # a case outside the scope
    assert refused.status_code == 400 and "case" in refused.json()
    assert _api(actors["kadis"], {"round": selection.pk, "case": case.pk}).status_code == 403
    response = _api(actors["peksos"], {"round": selection.pk, "case": case.pk, "reason": "Keluarga gepeng."})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["case"] == case.pk and body["source"] == NominationSource.CASE and body["source_reference"] == case.number
    assert Candidate.objects.get().household.head == person
