"""The social report PDF (numbered letter, logged) and writes over the API through the same services."""

import pytest
from django.test import Client
from django.urls import reverse

from desaku.core.models import AccessLogEntry
from desaku.diversion import services
from desaku.diversion.models import AbhCase
from desaku.diversion.tests.helpers import child, days_ago, institution, opened, stage_started


@pytest.mark.django_db
def test_social_report_pdf(actors):
    peksos = actors["peksos"]
    abh = opened(peksos)
    stage = stage_started(abh, peksos, started=10, requested=9)
    report = services.save_social_report(abh=abh, by=peksos, stage=stage, requested_on=days_ago(9),
                                         background="Tinggal dengan ibu", recommendation="Diversi",
                                         submitted_on=days_ago(7))
    stage.refresh_from_db()
    assert stage.social_report_submitted_on == days_ago(7)
    client = Client()
    client.force_login(peksos)
    response = client.get(reverse("diversion:report_pdf", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    report.refresh_from_db()
    assert report.letter.letter_type.code == "ABH-LAPSOS"
    assert AccessLogEntry.objects.filter(action="print", model_label="diversion.SocialReport").exists()


@pytest.mark.django_db
def test_api_open_and_record(actors):
    peksos = actors["peksos"]
    person = child(peksos, "Dimas Prasetyo", age=16)
    client = Client()
    client.force_login(peksos)
    response = client.post("/api/v1/abh-cases/", {
        "person": person.pk, "role": "perpetrator", "offence_on": str(days_ago(20)), "offence": "Penganiayaan",
        "max_sentence_months": 32, "peksos": peksos.pk, "police_unit": institution("police").pk},
        content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["diversion_mandatory"] and data["child_name"] == "Dimas Prasetyo"
    abh = AbhCase.objects.get(pk=data["id"])
    stage = stage_started(abh, peksos, started=10)
    response = client.post("/api/v1/abh-deliberations/", {
        "stage": stage.pk, "held_on": str(days_ago(8)), "place": "Polres", "facilitator": "Penyidik",
        "participants": "Anak", "result": "failed"}, content_type="application/json")
    assert response.status_code == 201, response.content
    response = client.get(f"/api/v1/abh-stages/{stage.pk}/")
    deadlines = {d["event"]: d for d in response.json()["deadlines"]}
    assert deadlines["diversion_started_on"]["done_on"] == str(days_ago(8))
    response = client.post(f"/api/v1/abh-stages/{stage.pk}/events/", {"diversion_started_on": str(days_ago(11))},
                           content_type="application/json")
    assert response.status_code == 400
