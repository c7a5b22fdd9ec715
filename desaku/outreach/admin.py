from django.contrib import admin

from desaku.core.admin import AuditedAdmin
from desaku.outreach.models import Shelter


@admin.register(Shelter)
class ShelterAdmin(AuditedAdmin):
    """Shelters, capacities and accepted groups are reference data (domain.md §4: verify, keep editable)."""

    list_display = ["name", "code", "capacity", "min_age", "active"]
    list_filter = ["active"]
    search_fields = ["name", "code", "address"]
    filter_horizontal = ["accepts"]
    raw_id_fields = ["region"]
