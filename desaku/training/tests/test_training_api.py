"""The API runs the same rules as the UI: a batch from creation to a graduate's follow-up."""

import pytest
from django.test import Client

from desaku.training.models import Enrolment
from desaku.training.tests.helpers import course, today, trainee


@pytest.mark.django_db
def test_a_batch_through_the_api(actors):
    op = actors["operator"]
    the_course = course(op, min_attendance_pct=50)
    ok, young = trainee(op, "Sumiati"), trainee(op, "Bocah", birth_year=today().year - 10)
    client = Client()
    client.force_login(op)

    def post(path, data):
        return client.post(f"/api/v1/{path}", data, content_type="application/json")

    created = post("training-batches/", {
        "course": the_course.pk, "name": "API 1", "provider_kind": "dinas", "provider_name": "Dinsos",
        "location": "Aula", "start_date": str(today()), "end_date": str(today()), "capacity": 1,
        "start_time": "08:00", "end_time": "10:00", "weekdays": list(range(1, 8)), "funding_source": "APBD-II"})
    assert created.status_code == 201, created.json()
    batch = created.json()
    assert len(batch["sessions"]) == 1
    assert post(f"training-batches/{batch['id']}/status/", {"to": "open"}).status_code == 200
    refused = post("training-enrolments/", {"batch": batch["id"], "person": young.pk})
    assert refused.status_code == 400 and "person" in refused.json()
    enrolment = post("training-enrolments/", {"batch": batch["id"], "person": ok.pk}).json()
    assert enrolment["status"] == "enrolled"
    waiting = post("training-enrolments/", {"batch": batch["id"], "person": trainee(op, "Paini").pk}).json()
    assert waiting["status"] == "waiting"
    assert post(f"training-batches/{batch['id']}/status/", {"to": "running"}).status_code == 200
    session = batch["sessions"][0]["id"]
    marks = post(f"training-sessions/{session}/attendance/", {"marks": [{"enrolment": enrolment["id"],
                                                                         "mark": "late"}]})
    assert marks.status_code == 200 and marks.json() == [{"enrolment": enrolment["id"], "mark": "late"}]
    assert post(f"training-enrolments/{enrolment['id']}/score/", {"final_score": 101}).status_code == 400
    assert post(f"training-enrolments/{enrolment['id']}/score/", {"final_score": 90}).status_code == 200
    finished = post(f"training-batches/{batch['id']}/status/", {"to": "finished"})
    assert finished.status_code == 200 and finished.json()["status"] == "finished"
    assert Enrolment.objects.get(pk=enrolment["id"]).status == "completed"
    follow_ups = client.get(f"/api/v1/training-follow-ups/?enrolment={enrolment['id']}").json()["results"]
    assert [f["months"] for f in follow_ups] == [3, 6]
    recorded = post(f"training-follow-ups/{follow_ups[0]['id']}/record/", {"work_status": "own_business",
                                                                          "monthly_income": "1500000", "uep": True})
    assert recorded.status_code == 200 and recorded.json()["work_status"] == "own_business"
