"""The API calls the same services: open, close with an exit code, services, tasks."""

import pytest

from desaku.cases.models import Case
from desaku.cases.tests.helpers import opened, today
from desaku.core.models import Task


@pytest.mark.django_db
def test_open_record_and_close_through_the_api(actors, child, client):
    client.force_login(actors["peksos"])
    created = client.post("/api/v1/cases/", {"person": child.pk, "case_type": "anak"},
                          content_type="application/json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    service = client.post("/api/v1/case-services/", {"case": pk, "service_type": "bantuan-tunai",
                                                     "delivered_on": str(today()), "amount": "300000"},
                          content_type="application/json")
    assert service.status_code == 201, service.json()
    refused = client.post(f"/api/v1/cases/{pk}/close/", {"exit_destination": "unknown", "reason": ""},
                          content_type="application/json")
    assert refused.status_code == 400 and "reason" in refused.json()
    closed = client.post(f"/api/v1/cases/{pk}/close/", {"exit_destination": "family_permanent", "reason": "mandiri"},
                         content_type="application/json")
    assert closed.status_code == 200 and Case.objects.get(pk=pk).status == "closed"


@pytest.mark.django_db
def test_an_amount_only_where_the_service_has_one(actors, child, client):
    case = opened(child, actors["peksos"])
    client.force_login(actors["peksos"])
    response = client.post("/api/v1/case-services/", {"case": case.pk, "service_type": "konseling",
                                                      "delivered_on": str(today()), "amount": "5000"},
                           content_type="application/json")
    assert response.status_code == 400 and "amount" in response.json()


@pytest.mark.django_db
def test_tasks_through_the_api(actors, client):
    client.force_login(actors["peksos"])
    created = client.post("/api/v1/tasks/", {"title": "Telepon ibu", "due_on": str(today())},
                          content_type="application/json")
    assert created.status_code == 201
    task = Task.objects.get(pk=created.json()["id"])
    assert task.assigned_to == actors["peksos"]
    assert client.post(f"/api/v1/tasks/{task.pk}/complete/").json()["status"] == "done"
    client.force_login(actors["lks_a"])
    assert client.get(f"/api/v1/tasks/{task.pk}/").status_code == 404
    refused = client.post("/api/v1/tasks/", {"title": "x", "due_on": str(today()), "assigned_to": actors["peksos"].pk},
                          content_type="application/json")
    assert refused.status_code == 403
