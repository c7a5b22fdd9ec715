"""Follow-ups at 3 and 6 months become tasks through the daily job; recording one closes its task."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from desaku.core import jobs
from desaku.core.models import Task, TaskStatus
from desaku.training import services
from desaku.training.tests.helpers import batch, run_to_completion, trainee


@pytest.fixture
def graduate(actors):
    op = actors["operator"]
    b = batch(op, days=1)
    e = services.enrol(batch=b, person=trainee(op), by=op)
    run_to_completion(b, op)
    return e


@pytest.mark.django_db
def test_the_daily_job_makes_one_task_per_due_follow_up(actors, graduate):
    job = jobs.daily_jobs()["training.follow_ups"]
    three = graduate.follow_ups.get(months=3)
    assert job(three.due_on - timedelta(days=1)) == 0
    assert job(three.due_on) == 1
    assert job(three.due_on) == 0  # idempotent
    task = Task.objects.get(source=f"training.followup:{graduate.pk}:3")
    assert task.assigned_to == actors["operator"] and task.status == TaskStatus.OPEN
    services.record_follow_up(follow_up=three, by=actors["operator"], work_status="own_business",
                              monthly_income=1_500_000, starter_kit=True, done_on=three.due_on)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    six = graduate.follow_ups.get(months=6)
    assert job(six.due_on) == 1


@pytest.mark.django_db
def test_a_follow_up_needs_a_work_status_and_a_sane_income(actors, graduate):
    item = graduate.follow_ups.get(months=3)
    with pytest.raises(ValidationError):
        services.record_follow_up(follow_up=item, by=actors["operator"], work_status="")
    with pytest.raises(ValidationError):
        services.record_follow_up(follow_up=item, by=actors["operator"], work_status="employed", monthly_income=-1)
