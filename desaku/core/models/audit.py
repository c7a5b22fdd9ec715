from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit entries cannot be changed")

    def delete(self):
        raise PermissionError("Audit entries cannot be deleted")


class ImmutableEntry(models.Model):
    """An append-only entry chained by hash to the one before it (see core.services.append_to_chain)."""

    created_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    model_label = models.CharField(_("record type"), max_length=100, db_index=True)
    object_id = models.CharField(_("record id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-id"]

    def __str__(self):
        return f"#{self.pk} {self.action} {self.model_label}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries cannot be deleted")


class AuditEntry(ImmutableEntry):
    """Who created, changed or deleted which domain record, when, what changed and why."""

    action = models.CharField(_("action"), max_length=20, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta(ImmutableEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["model_label", "object_id"])]

    CHAIN = "audit"
    HASHED_FIELDS = ("created_at", "actor_id", "actor_username", "action", "model_label", "object_id",
                     "object_repr", "changes", "reason")


class AccessAction(models.TextChoices):
    VIEW = "view", _("View")
    EXPORT = "export", _("Export")
    PRINT = "print", _("Print")
    REVEAL = "reveal", _("Reveal sensitive field")
    DOWNLOAD = "download", _("Download attachment")


class AccessLogEntry(ImmutableEntry):
    """Every view, export or print of a person's record (UU 27/2022 accountability)."""

    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices, db_index=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta(ImmutableEntry.Meta):
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["model_label", "object_id"])]

    CHAIN = "access"
    HASHED_FIELDS = ("created_at", "actor_id", "actor_username", "action", "model_label", "object_id",
                     "object_repr", "detail", "ip_address")


class ChainHead(models.Model):
    """The latest hash of each chain; locked while an entry is appended, so appends are serial."""

    name = models.CharField(max_length=20, primary_key=True)
    last_hash = models.CharField(max_length=64)
    last_id = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.name} → #{self.last_id}"
