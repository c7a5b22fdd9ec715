from django.contrib import admin

from desaku.cases.models import ServiceType
from desaku.core.admin import AuditedAdmin


@admin.register(ServiceType)
class ServiceTypeAdmin(AuditedAdmin):
    """The service taxonomy (ATENSI components) is reference data: editable, never hard-coded."""

    list_display = ["name", "code", "atensi_component", "unit", "has_amount", "order", "active"]
    list_filter = ["atensi_component", "active"]
    search_fields = ["name", "code"]
