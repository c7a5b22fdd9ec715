"""Audited models: every write goes through save()/delete(), so django-simple-history sees it.

Queryset-level bulk writes (update, delete, bulk_create, bulk_update) bypass model signals and so
would escape the audit trail. They are forbidden on audited models unless routed through
``allow_bulk_writes(reason=…, by=…)``, which records one audit entry for the whole operation.
"""

import contextvars
from contextlib import contextmanager

from django.db import models

_bulk_permit: contextvars.ContextVar[dict | None] = contextvars.ContextVar("desaku_bulk_permit", default=None)


class BulkWriteForbidden(RuntimeError):
    pass


@contextmanager
def allow_bulk_writes(*, reason: str, by=None):
    """Permit queryset bulk writes inside the block; each one is recorded in the audit chain."""
    if not reason:
        raise ValueError("A reason is required for a bulk write")
    token = _bulk_permit.set({"reason": reason, "by": by})
    try:
        yield
    finally:
        _bulk_permit.reset(token)


def _guard(queryset, operation: str, count_hint: int | None = None):
    permit = _bulk_permit.get()
    if permit is None:
        raise BulkWriteForbidden(
            f"{operation}() on {queryset.model._meta.label} would bypass the audit trail; "
            "save objects one by one or use allow_bulk_writes(reason=...)"
        )
    return permit


def _record_bulk(queryset, operation: str, count: int, permit: dict, detail: dict | None = None):
    from desaku.core.services import record_audit_entry

    record_audit_entry(
        actor=permit["by"],
        action=f"bulk_{operation}",
        model_label=queryset.model._meta.label,
        object_id="*",
        object_repr=f"{count} × {queryset.model._meta.verbose_name}",
        changes=detail or {},
        reason=permit["reason"],
    )


class AuditedQuerySet(models.QuerySet):
    def update(self, **kwargs):
        permit = _guard(self, "update")
        count = super().update(**kwargs)
        _record_bulk(self, "update", count, permit, {k: str(v) for k, v in kwargs.items()})
        return count

    def delete(self):
        permit = _guard(self, "delete")
        result = super().delete()
        _record_bulk(self, "delete", result[0], permit)
        return result

    def bulk_create(self, objs, *args, **kwargs):
        permit = _guard(self, "bulk_create")
        created = super().bulk_create(objs, *args, **kwargs)
        _record_bulk(self, "create", len(created), permit)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        permit = _guard(self, "bulk_update")
        count = super().bulk_update(objs, fields, *args, **kwargs)
        _record_bulk(self, "update", count, permit, {"fields": list(fields)})
        return count


class AuditedManager(models.Manager.from_queryset(AuditedQuerySet)):
    pass


class AuditedModel(models.Model):
    """Base for domain records: history is kept by simple-history; bulk writes are guarded.

    Subclasses add ``history = HistoricalRecords()``. Fields listed in ``audit_redacted_fields``
    appear in the audit trail as "(changed)" only (encrypted identity numbers, for instance).
    """

    audit_redacted_fields: tuple[str, ...] = ()

    objects = AuditedManager()

    class Meta:
        abstract = True

    def save_with_reason(self, *, by, reason: str = "", **kwargs):
        self._history_user = by
        self._change_reason = reason
        self.save(**kwargs)

    def delete_with_reason(self, *, by, reason: str):
        self._history_user = by
        self._change_reason = reason
        return self.delete()
