"""Tasks: creation rules, one open task per source, who may complete, reminders."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from desaku.core import tasklist
from desaku.core.models import Notification, Task, TaskStatus

DUE = date(2026, 12, 1)


@pytest.mark.django_db
def test_a_task_needs_a_title_and_an_active_assignee(actors):
    with pytest.raises(ValidationError) as error:
        tasklist.create_task(title="  ", assigned_to=actors["peksos"], due_on=DUE, by=actors["kabid"])
    assert "title" in error.value.message_dict
    actors["peksos"].is_active = False
    actors["peksos"].save()
    with pytest.raises(ValidationError) as error:
        tasklist.create_task(title="Visit", assigned_to=actors["peksos"], due_on=DUE, by=actors["kabid"])
    assert "assigned_to" in error.value.message_dict
    assert not Task.objects.exists()


@pytest.mark.django_db
def test_the_same_source_makes_one_open_task(actors):
    first = tasklist.create_task(title="Review plan", assigned_to=actors["peksos"], due_on=DUE,
                                 by=actors["kabid"], source="cases.planaction:1")
    again = tasklist.create_task(title="Review plan", assigned_to=actors["peksos"], due_on=DUE,
                                 by=actors["kabid"], source="cases.planaction:1")
    assert first.pk == again.pk
    assert first.organisation == actors["peksos"].organisation
    tasklist.complete_task(task=first, by=actors["peksos"])
    # Once done, the source may raise a new task (e.g. the next review).
    later = tasklist.create_task(title="Review plan", assigned_to=actors["peksos"], due_on=DUE,
                                 by=actors["kabid"], source="cases.planaction:1")
    assert later.pk != first.pk
    assert tasklist.close_tasks_for(source="cases.planaction:1", by=actors["kabid"]) == 1
    later.refresh_from_db()
    assert later.status == TaskStatus.DONE and later.completed_by == actors["kabid"]


@pytest.mark.django_db
def test_only_the_assignee_creator_or_a_supervisor_completes(actors):
    task = tasklist.create_task(title="Visit", assigned_to=actors["peksos"], due_on=DUE, by=actors["peksos"])
    for outsider in ("lks_a", "operator", "penjangkauan", "pendamping"):
        with pytest.raises(PermissionDenied):
            tasklist.complete_task(task=task, by=actors[outsider])
    tasklist.complete_task(task=task, by=actors["kabid"])
    with pytest.raises(ValidationError):
        tasklist.complete_task(task=task, by=actors["peksos"])
    tasklist.reopen_task(task=task, by=actors["peksos"])
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN and task.completed_at is None


@pytest.mark.django_db
def test_visibility_own_team_and_all(actors):
    mine = tasklist.create_task(title="Mine", assigned_to=actors["peksos"], due_on=DUE, by=actors["peksos"])
    theirs = tasklist.create_task(title="LKS", assigned_to=actors["lks_a"], due_on=DUE, by=actors["lks_a"])
    assert set(tasklist.tasks_visible_to(actors["peksos"])) == {mine}
    assert set(tasklist.tasks_visible_to(actors["lks_a"])) == {theirs}
    assert set(tasklist.tasks_visible_to(actors["lks_b"])) == set()
    assert set(tasklist.tasks_visible_to(actors["kabid"])) == {mine}  # organisation scope: the Dinas team
    assert set(tasklist.tasks_visible_to(actors["kadis"])) == {mine, theirs}


@pytest.mark.django_db
def test_reminders_go_once_a_day_for_due_and_overdue_tasks(actors):
    today = date(2026, 11, 27)
    for days, title in ((-3, "late"), (0, "today"), (1, "tomorrow"), (2, "later")):
        tasklist.create_task(title=title, assigned_to=actors["peksos"], due_on=today + timedelta(days=days),
                             by=actors["kabid"])
    done = tasklist.create_task(title="done", assigned_to=actors["peksos"], due_on=today, by=actors["kabid"])
    tasklist.complete_task(task=done, by=actors["peksos"])
    assert tasklist.send_reminders(today) == 3
    assert tasklist.send_reminders(today) == 0
    assert Notification.objects.filter(user=actors["peksos"]).count() == 3
    assert tasklist.overdue_count(actors["peksos"], today) == 1
