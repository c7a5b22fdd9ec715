"""Tasks (to-dos with a due date) shared by every program app: create, complete, cancel, list, remind.

Apps create tasks from their own records (a plan action, a follow-up due, a referral to chase) with a
``source`` key such as ``"cases.planaction:12"``; while a task with that source is open, creating it
again returns the existing one, so jobs and services can call ``create_task`` freely.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.core import jobs
from desaku.core.models import Role, Scope, Task, TaskStatus

# Roles that supervise the tasks of everyone in their organisation.
SUPERVISORS = (Role.ADMINISTRATOR, Role.KEPALA_DINAS, Role.KEPALA_BIDANG)


def create_task(*, title: str, assigned_to, due_on: date, by=None, detail: str = "", url: str = "",
                source: str = "") -> Task:
    if not title.strip():
        raise ValidationError({"title": _("A task needs a title.")})
    if assigned_to is None or not assigned_to.is_active:
        raise ValidationError({"assigned_to": _("A task must be assigned to an active user.")})
    if source:
        existing = Task.objects.filter(source=source, status=TaskStatus.OPEN).first()
        if existing:
            return existing
    task = Task(title=title.strip()[:200], detail=detail, assigned_to=assigned_to,
                organisation=assigned_to.organisation, due_on=due_on, url=url[:300], source=source[:120],
                created_by=by)
    try:
        with transaction.atomic():
            task.save_with_reason(by=by, reason="task created")
    except IntegrityError:  # a concurrent call created it first
        return Task.objects.get(source=source, status=TaskStatus.OPEN)
    return task


def can_change(user, task: Task) -> bool:
    if task.assigned_to_id == user.pk or task.created_by_id == user.pk:
        return True
    return user.has_role(*SUPERVISORS) and (
        user.data_scope == Scope.ALL or (user.organisation_id and user.organisation_id == task.organisation_id))


def complete_task(*, task: Task, by) -> Task:
    if not can_change(by, task):
        raise PermissionDenied
    if task.status != TaskStatus.OPEN:
        raise ValidationError({"status": _("Only an open task can be completed.")})
    task.status, task.completed_at, task.completed_by = TaskStatus.DONE, timezone.now(), by
    task.save_with_reason(by=by, reason="task completed")
    return task


def reopen_task(*, task: Task, by) -> Task:
    if not can_change(by, task):
        raise PermissionDenied
    if task.status != TaskStatus.DONE:
        raise ValidationError({"status": _("Only a completed task can be reopened.")})
    task.status, task.completed_at, task.completed_by = TaskStatus.OPEN, None, None
    task.save_with_reason(by=by, reason="task reopened")
    return task


def close_tasks_for(*, source: str, by=None, done: bool = True) -> int:
    """Close the open task(s) a record made, when the record itself is done (or cancelled)."""
    count = 0
    for task in Task.objects.filter(source=source, status=TaskStatus.OPEN):
        task.status = TaskStatus.DONE if done else TaskStatus.CANCELLED
        task.completed_at, task.completed_by = timezone.now(), by
        task.save_with_reason(by=by, reason="source record closed")
        count += 1
    return count


TASK_VIEWS = ("open", "overdue", "done", "team")


def tasks_shown(user, show: str, today=None):
    """The task list's rows: my open (default), my overdue, my done (latest first) or the team's open tasks."""
    today = today or timezone.localdate()
    tasks = tasks_visible_to(user)
    if show == "team":
        return tasks.filter(status=TaskStatus.OPEN)
    tasks = tasks.filter(assigned_to=user)
    if show == "overdue":
        return tasks.filter(status=TaskStatus.OPEN, due_on__lt=today)
    if show == "done":
        return tasks.filter(status=TaskStatus.DONE).order_by("-completed_at")
    return tasks.filter(status=TaskStatus.OPEN)


def tasks_visible_to(user):
    """A user's own tasks (assigned or created); supervisors also see their organisation's (or all)."""
    if not user.is_authenticated:
        return Task.objects.none()
    q = Q(assigned_to=user) | Q(created_by=user)
    if user.has_role(*SUPERVISORS):
        if user.data_scope == Scope.ALL:
            q = Q()
        elif user.organisation_id:
            q |= Q(organisation=user.organisation_id)
    return Task.objects.filter(q).select_related("assigned_to", "organisation")


def my_open_tasks(user):
    return Task.objects.filter(assigned_to=user, status=TaskStatus.OPEN)


def overdue_count(user, today: date | None = None) -> int:
    today = today or timezone.localdate()
    return my_open_tasks(user).filter(due_on__lt=today).count()


@jobs.daily("core.task_reminders")
def send_reminders(today: date) -> int:
    """Notify assignees of open tasks due tomorrow, due today, or overdue (once per task per day)."""
    from django.urls import reverse

    from desaku.core.notifications import notify

    made = 0
    tasks = Task.objects.filter(status=TaskStatus.OPEN, due_on__lte=today + timedelta(days=1)).select_related(
        "assigned_to")
    for task in tasks.iterator(chunk_size=500):
        if task.due_on < today:
            title = _("Overdue task: %(title)s") % {"title": task.title}
        elif task.due_on == today:
            title = _("Task due today: %(title)s") % {"title": task.title}
        else:
            title = _("Task due tomorrow: %(title)s") % {"title": task.title}
        body = _("Due %(due)s.") % {"due": task.due_on.strftime("%d/%m/%Y")}
        if notify(user=task.assigned_to, key=f"task:{task.pk}:{today.isoformat()}", title=title, body=body,
                  url=task.url or reverse("task_list")):
            made += 1
    return made
