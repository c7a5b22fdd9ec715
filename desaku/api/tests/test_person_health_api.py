"""``chronic_illness`` follows the UI's rule (people.forms.SENSITIVE_FIELDS): only roles that may see health
details read or write it; others do not get it and sending it is a 400 field error (nothing saved)."""

import pytest

from desaku.api.tests import client_for, fast_static_files, register
from desaku.people.models import Person

URL = "/api/v1/persons/"


@pytest.fixture(autouse=True)
def _fast_static(settings):
    fast_static_files(settings)


@pytest.fixture
def patient(actors):
    return register(actors["operator"], "Sri Rahayu", chronic_illness="TBC paru")


def test_an_allowed_role_reads_and_writes_it(actors, patient):
    client = client_for(actors["kabid"])  # kepala bidang: a sensitive reader, organisation scope
    assert client.get(f"{URL}{patient.pk}/").json()["chronic_illness"] == "TBC paru"
    assert client.get(URL).json()["results"][0]["chronic_illness"] == "TBC paru"
    response = client.patch(f"{URL}{patient.pk}/", {"chronic_illness": "Diabetes"}, format="json")
    assert response.status_code == 200 and response.json()["chronic_illness"] == "Diabetes"
    response = client.post(URL, {"full_name": "Wahyu Santoso", "sex": "L", "chronic_illness": "Asma",
                                 "confirm_new": True}, format="json")
    assert response.status_code == 201 and response.json()["chronic_illness"] == "Asma"


def test_a_role_without_need_does_not_see_it(actors, patient):
    client = client_for(actors["operator"])
    assert "chronic_illness" not in client.get(f"{URL}{patient.pk}/").json()
    assert "chronic_illness" not in client.get(URL).json()["results"][0]
    response = client.patch(f"{URL}{patient.pk}/", {"occupation": "pemulung"}, format="json")
    assert response.status_code == 200 and "chronic_illness" not in response.json()
    patient.refresh_from_db()
    assert patient.chronic_illness == "TBC paru"  # untouched by a change that does not send it


def test_a_role_without_need_cannot_write_it(actors, patient):
    client = client_for(actors["operator"])
    response = client.patch(f"{URL}{patient.pk}/", {"chronic_illness": ""}, format="json")
    assert response.status_code == 400 and "chronic_illness" in response.json()
    patient.refresh_from_db()
    assert patient.chronic_illness == "TBC paru"
    response = client.post(URL, {"full_name": "Wahyu Santoso", "sex": "L", "chronic_illness": "Asma",
                                 "confirm_new": True}, format="json")
    assert response.status_code == 400 and "chronic_illness" in response.json()
    assert not Person.objects.filter(full_name="Wahyu Santoso").exists()
