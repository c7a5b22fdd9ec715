from django.contrib import admin

from desaku.community.models import ActivityType
from desaku.core.admin import AuditedAdmin


@admin.register(ActivityType)
class ActivityTypeAdmin(AuditedAdmin):
    """Activity types are reference data: the department adds or retires kinds without a release."""

    list_display = ["name", "code", "default_target_group", "order", "active"]
    list_filter = ["active"]
    search_fields = ["name", "code"]
