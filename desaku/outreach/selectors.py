"""Reads of the outreach track, always through the user's scope."""

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from desaku.outreach.models import (
    Disposition,
    DispositionStatus,
    Encounter,
    OutreachOperation,
    PreventiveActivity,
    Shelter,
    Stay,
    StayStatus,
)


def operations_visible_to(user):
    return OutreachOperation.objects.visible_to(user).select_related("kelurahan")


def encounters_visible_to(user):
    return Encounter.objects.visible_to(user).select_related("person", "operation", "previous_disposition")


def stays_visible_to(user):
    return Stay.objects.visible_to(user).select_related("person", "shelter", "responsible_worker")


def dispositions_visible_to(user):
    return Disposition.objects.filter(stay__in=Stay.objects.visible_to(user).values("pk")).select_related(
        "stay__person", "exit_destination", "institution")


def activities_visible_to(user):
    return PreventiveActivity.objects.visible_to(user)


def open_stays(user):
    return stays_visible_to(user).filter(status=StayStatus.OPEN)


def stays_due(user, on: date | None = None):
    """Open stays whose assessment period ends today."""
    on = on or timezone.localdate()
    return open_stays(user).filter(due_on=on)


def stays_overdue(user, on: date | None = None):
    on = on or timezone.localdate()
    return open_stays(user).filter(due_on__lt=on)


def occupancy_board(user, on: date | None = None):
    """Each active shelter with its open stays (those the user may see) and its true occupancy."""
    on = on or timezone.localdate()
    shelters = Shelter.objects.filter(active=True).annotate(
        occupied=Count("stays", filter=Q(stays__status=StayStatus.OPEN)))
    visible = open_stays(user).order_by("due_on")
    rows = []
    for shelter in shelters:
        stays = [s for s in visible if s.shelter_id == shelter.pk]
        rows.append({
            "shelter": shelter, "occupied": shelter.occupied, "free": max(0, shelter.capacity - shelter.occupied),
            "over": max(0, shelter.occupied - shelter.capacity), "stays": stays,
            "due_today": [s for s in stays if s.due_on == on], "overdue": [s for s in stays if s.due_on < on],
        })
    return rows


def pending_dispositions(user):
    return dispositions_visible_to(user).filter(status=DispositionStatus.PROPOSED)


def history_of(person):
    """Approved dispositions of a person, latest first (for 'returned to family 94 days ago')."""
    return Disposition.objects.filter(stay__person=person, status=DispositionStatus.APPROVED).select_related(
        "exit_destination").order_by("-decided_on")
