from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from desaku.core.auditing import AuditedModel


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Task(AuditedModel):
    """A to-do with a due date for one user: a plan action, a training follow-up, a referral to chase.

    Apps create tasks through ``desaku.core.tasklist.create_task``; ``source`` names the record that
    made the task (``"cases.planaction:12"``) so the same task is never created twice and can be
    closed when its record is done. ``url`` links back to that record, whose own view checks scope.
    """

    title = models.CharField(_("title"), max_length=200)
    detail = models.TextField(_("detail"), blank=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned to"),
                                    on_delete=models.PROTECT, related_name="tasks")
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due date"), db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    url = models.CharField(_("link"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=120, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("completed by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["assigned_to", "status", "due_on"], name="task_assignee_status_due")]
        constraints = [models.UniqueConstraint(
            fields=["source"], condition=models.Q(status="open") & ~models.Q(source=""),
            name="one_open_task_per_source")]

    def __str__(self):
        return self.title

    def is_overdue(self, today) -> bool:
        return self.status == TaskStatus.OPEN and self.due_on < today
