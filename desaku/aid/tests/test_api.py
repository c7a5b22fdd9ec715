"""The API calls the same services: proposal, approval by a Kepala Bidang, cycle, payment once, and the
person check with each failed rule."""

import pytest
from django.test import Client

from desaku.aid.models import CycleLine, EnrolmentStatus
from desaku.aid.tests.helpers import severe_person, today
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_enrol_approve_cycle_pay_through_the_api(actors, aspd):
    op, kabid = client_for(actors["operator"]), client_for(actors["kabid"])
    person = severe_person(actors["operator"])
    response = post(op, "/api/v1/aid-enrolments/", {"program": aspd.pk, "person": person.pk,
                                                    "account_number": "001122"})
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert post(op, f"/api/v1/aid-enrolments/{pk}/verify/").status_code == 200
    refused = post(op, f"/api/v1/aid-enrolments/{pk}/approve/")
    assert refused.status_code == 400 and "status" in refused.json()
    assert post(kabid, f"/api/v1/aid-enrolments/{pk}/approve/").json()["status"] == EnrolmentStatus.ACTIVE
    cycle = post(op, "/api/v1/aid-cycles/", {"program": aspd.pk, "name": "API tahap 1", "scheduled_on": str(today())})
    assert cycle.status_code == 201 and cycle.json()["line_count"] == 1
    cycle_id = cycle.json()["id"]
    assert post(op, f"/api/v1/aid-cycles/{cycle_id}/verify/").status_code == 200
    assert post(kabid, f"/api/v1/aid-cycles/{cycle_id}/approve/").status_code == 200
    line = CycleLine.objects.get()
    assert post(op, f"/api/v1/aid-lines/{line.pk}/pay/", {"method": "bank", "reference": "T1"}).status_code == 200
    again = post(op, f"/api/v1/aid-lines/{line.pk}/pay/", {"method": "bank", "reference": "T2"})
    assert again.status_code == 400
    line.refresh_from_db()
    assert line.reference == "T1"


def test_person_eligibility_lists_failed_rules(actors, aspd):
    person = make_person(actors["operator"], "Belum Layak")
    rows = client_for(actors["operator"]).get(f"/api/v1/aid-persons/{person.pk}/eligibility/").json()
    [row] = rows
    assert not row["eligible"] and {f["rule"] for f in row["failures"]} == {"disability", "domicile_malang"}


def test_invalid_rules_are_a_400(actors):
    response = post(client_for(actors["operator"]), "/api/v1/aid-programs/", {
        "code": "x", "name": "X", "kind": "cash", "funding_source": "APBN", "year": 2026, "budget": "1",
        "frequency": "one_off", "rules": [{"rule": "age", "min": 70, "max": 60}]})
    assert response.status_code == 400 and "rules" in response.json()
