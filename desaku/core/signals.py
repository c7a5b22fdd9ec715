"""Every historical record simple-history writes also becomes an entry in the audit chain."""

from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from desaku.core.services import record_audit_entry

ACTIONS = {"+": "create", "~": "update", "-": "delete"}
REDACTED = "(diubah)"


def _field_changes(instance, history_instance) -> dict:
    redacted = set(getattr(instance, "audit_redacted_fields", ()))
    tracked = [f for f in history_instance.instance_type._meta.fields if f.name in {
        hf.name for hf in history_instance._meta.fields}]
    names = [f.attname for f in tracked if f.name not in ("history_id",)]
    if history_instance.history_type == "~":
        previous = history_instance.prev_record
        if previous is not None:
            delta = history_instance.diff_against(previous)
            return {
                change.field: REDACTED if change.field in redacted else [change.old, change.new]
                for change in delta.changes
            }
    values = {}
    for name in names:
        value = getattr(history_instance, name, None)
        if name in redacted or name.removesuffix("_id") in redacted:
            value = REDACTED if value not in (None, "", b"") else None
        values[name] = value
    return values


@receiver(post_create_historical_record)
def audit_historical_record(sender, instance, history_instance, history_user=None, **kwargs):
    record_audit_entry(
        actor=history_user,
        action=ACTIONS.get(history_instance.history_type, history_instance.history_type),
        model_label=instance._meta.label,
        object_id=instance.pk,
        object_repr=str(instance),
        changes=_field_changes(instance, history_instance),
        reason=history_instance.history_change_reason or "",
    )
