"""Apply the dashboard filters to the program apps' (already scoped) querysets."""

from datetime import datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from desaku.core.models import PPKSCategory
from desaku.people.models import Classification
from desaku.people.permissions import can_see_sensitive


def aware_range(filters):
    """[start 00:00, day after end 00:00) in local time, so timestamp columns use their index."""
    start = timezone.make_aware(datetime.combine(filters.start, time.min))
    end = timezone.make_aware(datetime.combine(filters.end + timedelta(days=1), time.min))
    return start, end


def may_see_sensitive(user) -> bool:
    # The monthly report's reader is built with ``hide_sensitive`` so the archived file never names them.
    return not getattr(user, "hide_sensitive", False) and can_see_sensitive(user)


def allowed_category(filters, user):
    """The filter's category, or False when the user may not filter by it (a sensitive one)."""
    if not filters.category:
        return None
    category = PPKSCategory.objects.filter(pk=filters.category).first()
    if category is None or (category.is_sensitive and not may_see_sensitive(user)):
        return False
    return category


def category_exists(person_path: str, category, filters):
    """Q: the person at ``person_path`` held ``category`` at some time in the period."""
    return Q(Exists(Classification.objects.filter(
        person=OuterRef(person_path), category=category, valid_from__lte=filters.end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=filters.start))))


def narrow(queryset, filters, user, *, region: str | None, organisation: str | None, person: str | None):
    """Narrow by place (a Region FK path), organisation (an Organisation FK path) and PPKS category."""
    if region and filters.kelurahan:
        queryset = queryset.filter(**{f"{region}_id": filters.kelurahan})
    elif region and filters.kecamatan:
        queryset = queryset.filter(**{f"{region}__code__startswith": filters.kecamatan + "."})
    if organisation and filters.organisation:
        queryset = queryset.filter(**{f"{organisation}_id": filters.organisation})
    category = allowed_category(filters, user)
    if category is False:
        return queryset.none()
    if category is not None and person:
        queryset = queryset.filter(category_exists(person, category, filters))
    return queryset


def household_category_exists(household_path: str, category, filters):
    """Q: a member of the household at ``household_path`` held ``category`` at some time in the period (for the
    records of a household: a household case, a village occupancy)."""
    from desaku.people.models import HouseholdMembership

    members = HouseholdMembership.objects.filter(household=OuterRef(household_path)).filter(
        category_exists("person", category, filters))
    return Q(Exists(members))
