"""The hash chains detect tampering; `manage.py verify_audit` names the first broken entry."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from desaku.core.models import AccessLogEntry, AuditEntry, Institution, InstitutionType
from desaku.core.services import log_access, verify_chain


@pytest.fixture
def chain(actors):
    for i in range(5):
        inst = Institution(name=f"Lembaga {i}", type=InstitutionType.LKS)
        inst.save_with_reason(by=actors["admin"], reason=f"entry {i}")
        log_access(user=actors["peksos"], obj=inst, action="view")
    return list(AuditEntry.objects.order_by("id"))


def run_verify():
    out = io.StringIO()
    try:
        call_command("verify_audit", stdout=out)
    except CommandError:
        return False, out.getvalue()
    return True, out.getvalue()


def raw_update(model, pk, **values):
    # Tampering straight in the database, as an attacker with database access would.
    table = model._meta.db_table
    sets = ", ".join(f"{connection.ops.quote_name(k)} = %s" for k in values)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {sets} WHERE id = %s", [*values.values(), pk])  # noqa: S608


def test_untouched_chains_verify(chain):
    ok, out = run_verify()
    assert ok, out
    assert "audit: OK" in out and "access: OK" in out


def test_each_entry_links_to_the_previous_one(chain):
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.prev_hash == before.hash


def test_changed_content_is_detected_at_that_entry(chain):
    target = chain[2]
    raw_update(AuditEntry, target.pk, reason="nothing to see here")
    ok, out = run_verify()
    assert not ok
    assert f"#{target.pk}" in out and "content changed" in out


def test_recomputed_hash_breaks_the_next_link(chain):
    from desaku.core.services import compute_hash

    target = chain[1]
    target.reason = "forged"
    raw_update(AuditEntry, target.pk, reason="forged", hash=compute_hash(target, target.prev_hash))
    report = verify_chain(AuditEntry)
    assert report.broken_id == chain[2].pk and report.problem == "link"


def test_deleted_entry_is_detected(chain):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [chain[2].pk])  # noqa: S608
    report = verify_chain(AuditEntry)
    assert report.broken_id == chain[3].pk


def test_removed_tail_is_detected(chain):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [chain[-1].pk])  # noqa: S608
    assert verify_chain(AuditEntry).problem == "tail"


def test_access_log_tampering_is_detected(chain):
    entry = AccessLogEntry.objects.order_by("id")[1]
    raw_update(AccessLogEntry, entry.pk, actor_username="someone_else")
    ok, out = run_verify()
    assert not ok and f"access: BROKEN at entry #{entry.pk}" in out
