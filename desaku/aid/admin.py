from django.contrib import admin

from desaku.aid.models import LetterValidity
from desaku.core.admin import AuditedAdmin


@admin.register(LetterValidity)
class LetterValidityAdmin(AuditedAdmin):
    """How long each kind of recommendation letter stays valid (reference data; empty days: no expiry)."""

    list_display = ["kind", "days"]
    ordering = ["kind"]
