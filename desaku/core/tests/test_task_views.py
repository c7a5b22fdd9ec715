"""The My tasks page: tabs, adding a task, marking it done; no one else's tasks."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from desaku.core import tasklist
from desaku.core.models import Task, TaskStatus


def _ids(response):
    return {t.pk for t in response.context["page"]}


@pytest.mark.django_db
def test_tabs_show_open_overdue_done_and_team(client, actors):
    today = timezone.localdate()
    late = tasklist.create_task(title="late", assigned_to=actors["peksos"], due_on=today - timedelta(days=1),
                                by=actors["kabid"])
    soon = tasklist.create_task(title="soon", assigned_to=actors["peksos"], due_on=today + timedelta(days=5),
                                by=actors["kabid"])
    done = tasklist.create_task(title="done", assigned_to=actors["peksos"], due_on=today, by=actors["kabid"])
    tasklist.complete_task(task=done, by=actors["peksos"])
    other = tasklist.create_task(title="lks", assigned_to=actors["lks_a"], due_on=today, by=actors["lks_a"])
    client.force_login(actors["peksos"])
    url = reverse("task_list")
    assert _ids(client.get(url)) == {late.pk, soon.pk}
    assert _ids(client.get(url + "?show=overdue")) == {late.pk}
    assert _ids(client.get(url + "?show=done")) == {done.pk}
    assert _ids(client.get(url + "?show=team")) == {late.pk, soon.pk}  # not a supervisor: own only
    client.force_login(actors["kabid"])
    assert _ids(client.get(url + "?show=team")) == {late.pk, soon.pk}
    assert other.pk not in _ids(client.get(url + "?show=team"))


@pytest.mark.django_db
def test_add_a_task_and_mark_it_done(client, actors):
    client.force_login(actors["peksos"])
    response = client.post(reverse("task_list"), {"title": "Home visit", "due_on": "2026-12-03",
                                                  "assigned_to": actors["peksos"].pk})
    assert response.status_code == 302
    task = Task.objects.get(title="Home visit")
    assert task.due_on == date(2026, 12, 3) and task.created_by == actors["peksos"]
    client.post(reverse("task_complete", args=[task.pk]))
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


@pytest.mark.django_db
def test_a_worker_cannot_assign_tasks_to_others_and_bad_input_keeps_the_form(client, actors):
    client.force_login(actors["peksos"])
    response = client.post(reverse("task_list"), {"title": "x", "due_on": "2026-12-03",
                                                  "assigned_to": actors["operator"].pk})
    assert response.status_code == 200 and "assigned_to" in response.context["form"].errors
    response = client.post(reverse("task_list"), {"title": "Keep me", "due_on": "not a date",
                                                  "assigned_to": actors["peksos"].pk})
    assert response.status_code == 200 and "due_on" in response.context["form"].errors
    assert 'value="Keep me"' in response.content.decode()
    assert not Task.objects.exists()


@pytest.mark.django_db
def test_another_users_task_is_not_found(client, actors):
    task = tasklist.create_task(title="LKS A task", assigned_to=actors["lks_a"], due_on=date(2026, 12, 1),
                                by=actors["lks_a"])
    client.force_login(actors["lks_b"])
    assert client.post(reverse("task_complete", args=[task.pk])).status_code == 404
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN
