"""Writes of the core app: the audit and access-log chains, users and roles."""

import hashlib
import ipaddress
import json
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.utils import timezone

from desaku.core.models import AccessLogEntry, AuditEntry, ChainHead

GENESIS = "0" * 64
CHAINED_MODELS = (AuditEntry, AccessLogEntry)


def _canonical(entry) -> str:
    values = {}
    for name in entry.HASHED_FIELDS:
        value = getattr(entry, name)
        if name == "created_at":
            value = value.astimezone(UTC).isoformat()
        values[name] = value
    return json.dumps(values, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))


def compute_hash(entry, prev_hash: str) -> str:
    return hashlib.sha256(f"{prev_hash}|{_canonical(entry)}".encode()).hexdigest()


def _append(entry):
    """Append an entry to its chain. The head row is locked so concurrent appends are serial."""
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(
            name=entry.CHAIN, defaults={"last_hash": GENESIS}
        )
        entry.created_at = timezone.now()
        entry.prev_hash = head.last_hash
        entry.hash = compute_hash(entry, head.last_hash)
        entry.save()
        head.last_hash, head.last_id = entry.hash, entry.pk
        head.save(update_fields=["last_hash", "last_id"])
    return entry


def _actor(user):
    if user is not None and getattr(user, "is_authenticated", False):
        return user.pk, user.get_username()
    return None, ""


def _jsonable(changes: dict) -> dict:
    # Values are stored as text so the hash is the same after a JSON round trip through any database.
    def norm(value):
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, list | tuple):
            return [norm(v) for v in value]
        if isinstance(value, dict):
            return {str(k): norm(v) for k, v in value.items()}
        return str(value)

    return {str(k): norm(v) for k, v in changes.items()}


def record_audit_entry(*, actor, action: str, model_label: str, object_id, object_repr: str = "",
                       changes: dict | None = None, reason: str = "") -> AuditEntry:
    actor_id, username = _actor(actor)
    entry = AuditEntry(
        actor_id=actor_id, actor_username=username, action=action, model_label=model_label,
        object_id=str(object_id), object_repr=str(object_repr)[:200], changes=_jsonable(changes or {}),
        reason=reason or "",
    )
    return _append(entry)


def _client_ip(request) -> str | None:
    if request is None:
        return None
    raw = request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address(raw)) if raw else None
    except ValueError:
        return None


def log_access(*, user, obj=None, action: str, detail: str = "", request=None,
               model_label: str = "", object_id="", object_repr: str = "") -> AccessLogEntry:
    """Record that ``user`` viewed, exported or printed a record (or a list, with object_id "*")."""
    if obj is not None:
        model_label = obj._meta.label
        object_id = obj.pk
        object_repr = str(obj)
    actor_id, username = _actor(user)
    entry = AccessLogEntry(
        actor_id=actor_id, actor_username=username, action=action, model_label=model_label,
        object_id=str(object_id), object_repr=str(object_repr)[:200], detail=detail[:300],
        ip_address=_client_ip(request),
    )
    return _append(entry)


@dataclass
class ChainReport:
    name: str
    checked: int
    broken_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None and not self.problem


def verify_chain(model) -> ChainReport:
    """Walk a chain from the start; report the first entry whose link or content does not match."""
    report = ChainReport(name=model.CHAIN, checked=0)
    expected_prev = GENESIS
    last_id = 0
    for entry in model.objects.order_by("id").iterator(chunk_size=2000):
        report.checked += 1
        if entry.prev_hash != expected_prev:
            report.broken_id, report.problem = entry.pk, "link"
            return report
        if compute_hash(entry, entry.prev_hash) != entry.hash:
            report.broken_id, report.problem = entry.pk, "content"
            return report
        expected_prev, last_id = entry.hash, entry.pk
    head = ChainHead.objects.filter(name=model.CHAIN).first()
    if head is not None and (head.last_hash != expected_prev or head.last_id != last_id):
        report.problem = "tail"  # entries after the last one found were removed
    return report


@transaction.atomic
def create_staff_user(*, username: str, password: str, roles, organisation, data_scope: str,
                      first_name: str = "", last_name: str = "", email: str = "", job_title: str = "", by=None):
    """Create a staff account with its roles. Administrators also get the Django admin."""
    from django.contrib.auth.models import Group

    from desaku.core.models import Role, User

    roles = list(roles)
    user = User(username=username, first_name=first_name, last_name=last_name, email=email,
                organisation=organisation, data_scope=data_scope, job_title=job_title,
                is_staff=Role.ADMINISTRATOR in roles, is_superuser=Role.ADMINISTRATOR in roles)
    user.set_password(password)
    user._history_user = by
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    if user.groups.count() != len(set(roles)):
        raise ValueError(f"Unknown role in {roles}")
    return user
