"""Every create/update/delete of a domain record is in the audit chain, with who, what and why."""

import pytest

from desaku.core.auditing import BulkWriteForbidden, allow_bulk_writes
from desaku.core.models import AuditEntry, Institution, InstitutionType


@pytest.fixture
def institution(actors):
    inst = Institution(name="LKS Bunga Bangsa", type=InstitutionType.LKS)
    inst.save_with_reason(by=actors["admin"], reason="new partner")
    return inst


def entries_for(obj):
    return AuditEntry.objects.filter(model_label=obj._meta.label, object_id=str(obj.pk)).order_by("id")


def test_create_is_recorded_with_user_and_reason(institution, actors):
    entry = entries_for(institution).get()
    assert entry.action == "create"
    assert entry.actor_username == "t_admin"
    assert entry.reason == "new partner"
    assert entry.changes["name"] == "LKS Bunga Bangsa"


def test_update_records_the_changed_fields_only(institution, actors):
    institution.phone = "0341-123456"
    institution.save_with_reason(by=actors["operator"], reason="phone from the visit")
    entry = entries_for(institution).last()
    assert entry.action == "update"
    assert entry.changes == {"phone": ["", "0341-123456"]}
    assert entry.actor_username == "t_operator"


def test_delete_is_recorded(institution, actors):
    pk = institution.pk
    institution.delete_with_reason(by=actors["admin"], reason="duplicate entry")
    entry = AuditEntry.objects.filter(model_label="core.Institution", object_id=str(pk)).latest("id")
    assert entry.action == "delete" and entry.reason == "duplicate entry"


def test_bulk_writes_are_forbidden_on_audited_models(institution):
    with pytest.raises(BulkWriteForbidden):
        Institution.objects.filter(pk=institution.pk).update(phone="1")
    with pytest.raises(BulkWriteForbidden):
        Institution.objects.filter(pk=institution.pk).delete()
    with pytest.raises(BulkWriteForbidden):
        Institution.objects.bulk_create([Institution(name="X", type=InstitutionType.LKS)])
    institution.refresh_from_db()
    assert institution.phone == ""


def test_bulk_writes_routed_through_the_permit_are_recorded(institution, actors):
    with allow_bulk_writes(reason="phone numbers from the 2026 directory", by=actors["admin"]):
        Institution.objects.filter(pk=institution.pk).update(phone="0341-9")
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "bulk_update"
    assert entry.reason == "phone numbers from the 2026 directory"
    assert entry.changes == {"phone": "0341-9"}


def test_audit_entries_cannot_be_edited_or_deleted(institution):
    entry = entries_for(institution).get()
    entry.reason = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
