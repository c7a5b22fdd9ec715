from django.contrib import admin

from desaku.core.admin import AuditedAdmin
from desaku.training.models import Course, SkillType


@admin.register(SkillType)
class SkillTypeAdmin(AuditedAdmin):
    """The seed's skill types are reference data: the department adds or retires them here."""

    list_display = ["name", "code", "order", "active"]
    list_filter = ["active"]
    search_fields = ["name", "code"]


@admin.register(Course)
class CourseAdmin(AuditedAdmin):
    list_display = ["name", "skill_type", "min_age", "sessions", "min_attendance_pct", "pass_score", "active"]
    list_filter = ["active", "skill_type"]
    search_fields = ["name"]
    filter_horizontal = ["target_groups"]
