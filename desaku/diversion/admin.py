from django.contrib import admin

from desaku.core.admin import AuditedAdmin
from desaku.diversion.models import DeadlineRule


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedAdmin):
    """The statutory deadlines are configuration (domain.md §7: verify, keep editable)."""

    list_display = ["stage", "label", "event", "after", "days", "working_days", "warn_days", "active"]
    list_filter = ["stage", "working_days", "active"]
    list_editable = ["days", "working_days", "warn_days", "active"]
