"""The daily job: the accompanying Peksos gets a task per open deadline (closed when it is met) and notices
before the deadline, on the day and once when it passed."""

from datetime import timedelta

import pytest

from desaku.core.jobs import daily_jobs
from desaku.core.models import Notification, Task
from desaku.diversion import services
from desaku.diversion.tests.helpers import days_ago, opened, stage_started, today


@pytest.mark.django_db
def test_tasks_and_notices(actors):
    peksos, kabid = actors["peksos"], actors["kabid"]
    abh = opened(kabid, peksos=peksos)
    stage = stage_started(abh, kabid, started=6, requested=2)  # report due tomorrow, diversion start in 1 day
    source = f"diversion.deadline:{stage.pk}:social_report_submitted_on"
    task = Task.objects.get(source=source, status="open")
    assert task.assigned_to == peksos and task.due_on == today() + timedelta(days=1)
    job = daily_jobs()["diversion.deadlines"]
    assert job(today()) == 2  # both near
    assert job(today()) == 0  # once per state
    assert job(today() + timedelta(days=1)) == 2  # on the day
    assert job(today() + timedelta(days=2)) == 2  # passed
    assert Notification.objects.filter(user=peksos).count() == 6
    services.record_events(stage=stage, by=peksos, social_report_submitted_on=today())
    assert not Task.objects.filter(source=source, status="open").exists()


@pytest.mark.django_db
def test_no_tasks_for_an_ended_stage(actors):
    peksos = actors["peksos"]
    stage = stage_started(opened(peksos), peksos, started=6)
    assert Task.objects.filter(source__startswith=f"diversion.deadline:{stage.pk}:", status="open").count() == 1
    services.record_outcome(stage=stage, by=peksos, outcome="failed", outcome_on=days_ago(1))
    assert not Task.objects.filter(source__startswith=f"diversion.deadline:{stage.pk}:", status="open").exists()
    assert daily_jobs()["diversion.deadlines"](today()) == 0
