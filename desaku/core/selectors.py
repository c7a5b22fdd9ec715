"""Reads of the core app."""

from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone

from desaku.core.models import AccessLogEntry, AuditEntry, Institution, Organisation, User
from desaku.core.permissions import AUDIT_READERS


def can_read_audit(user) -> bool:
    return user.is_authenticated and user.has_role(*AUDIT_READERS)


def _filtered(queryset, *, user_query="", model_label="", object_id="", action="", date_from=None,
              date_to=None, text=""):
    if user_query:
        queryset = queryset.filter(actor_username__icontains=user_query)
    if model_label:
        queryset = queryset.filter(model_label=model_label)
    if object_id:
        queryset = queryset.filter(object_id=object_id)
    if action:
        queryset = queryset.filter(action=action)
    tz = timezone.get_current_timezone()
    if date_from:
        queryset = queryset.filter(created_at__gte=timezone.make_aware(datetime.combine(date_from, time.min), tz))
    if date_to:
        queryset = queryset.filter(created_at__lte=timezone.make_aware(datetime.combine(date_to, time.max), tz))
    if text:
        queryset = queryset.filter(Q(object_repr__icontains=text) | Q(object_id=text))
    return queryset


def audit_entries_for(user, **filters):
    if not can_read_audit(user):
        return AuditEntry.objects.none()
    return _filtered(AuditEntry.objects.all(), **filters).order_by("-id")


def access_log_for(user, **filters):
    if not can_read_audit(user):
        return AccessLogEntry.objects.none()
    return _filtered(AccessLogEntry.objects.all(), **filters).order_by("-id")


def audited_model_labels() -> list[str]:
    return list(AuditEntry.objects.order_by("model_label").values_list("model_label", flat=True).distinct())


def users_visible_to(user):
    """Administrators see every account; others see the members of their own organisation."""
    if not user.is_authenticated:
        return User.objects.none()
    if user.has_role("Administrator", "Kepala Dinas", "Auditor"):
        return User.objects.all()
    return User.objects.filter(organisation_id=user.organisation_id, is_active=True)


def active_organisations():
    return Organisation.objects.filter(active=True)


def active_institutions():
    return Institution.objects.filter(active=True)


def today_range():
    now = timezone.localtime()
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, now
