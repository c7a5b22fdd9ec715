from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from desaku.core.models import (
    AccessLogEntry,
    AuditEntry,
    ExitDestination,
    FundingSource,
    Institution,
    Letter,
    Letterhead,
    LetterType,
    Organisation,
    PPKSCategory,
    PSKSCategory,
    Region,
    User,
)


class AuditedAdmin(SimpleHistoryAdmin):
    """Admin for audited models: "delete selected" deletes one by one so each delete is recorded."""

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            obj._history_user = request.user
            obj.delete()


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "level", "postal_code", "active"]
    list_filter = ["level", "kind", "active"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(PPKSCategory)
class PPKSCategoryAdmin(AuditedAdmin):
    list_display = ["code", "name", "short_name", "is_sensitive", "active"]
    list_filter = ["is_sensitive", "active"]
    search_fields = ["code", "name", "legacy_names"]


@admin.register(PSKSCategory)
class PSKSCategoryAdmin(AuditedAdmin):
    list_display = ["code", "name", "short_name", "active"]


@admin.register(Institution)
class InstitutionAdmin(AuditedAdmin):
    list_display = ["name", "type", "region", "phone", "active"]
    list_filter = ["type", "active"]
    search_fields = ["name", "short_name", "address"]
    raw_id_fields = ["region"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name"]


@admin.register(FundingSource)
class FundingSourceAdmin(AuditedAdmin):
    list_display = ["code", "name", "active"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "data_scope", "is_active"]
    list_filter = ["organisation", "data_scope", "groups", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Desaku"), {"fields": ("organisation", "data_scope", "job_title", "phone")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Desaku"), {"fields": ("organisation", "data_scope", "groups")}),
    )

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            obj.delete()


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit entries are append-only: no add, change or delete, even for administrators."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["id", "created_at", "actor_username", "action", "model_label", "object_id", "object_repr"]
    list_filter = ["action", "model_label"]
    search_fields = ["actor_username", "object_repr", "object_id"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["id", "created_at", "actor_username", "action", "model_label", "object_id", "object_repr"]
    list_filter = ["action", "model_label"]
    search_fields = ["actor_username", "object_repr", "object_id"]


@admin.register(Letterhead)
class LetterheadAdmin(AuditedAdmin):
    list_display = ["government_line", "department_line", "signatory_name", "active"]


@admin.register(LetterType)
class LetterTypeAdmin(AuditedAdmin):
    list_display = ["code", "name", "classification", "number_format", "reset_yearly", "active"]


@admin.register(Letter)
class LetterAdmin(AuditedAdmin):
    list_display = ["number", "letter_type", "issued_on", "subject", "revoked_at"]
    list_filter = ["letter_type", "year"]
    search_fields = ["number", "subject"]
    readonly_fields = ["letter_type", "number", "sequence", "year", "issued_on", "subject", "content_type",
                       "object_id", "pdf", "issued_by"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ExitDestination)
class ExitDestinationAdmin(AuditedAdmin):
    list_display = ["code", "name", "exit_class", "order", "active"]
    list_filter = ["exit_class", "active"]
