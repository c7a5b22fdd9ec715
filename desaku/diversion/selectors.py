"""Reads of ABH cases, always through the user's scope and the role filter (a 404 for everyone else)."""

from django.http import Http404
from django.utils import timezone

from desaku.diversion import deadlines
from desaku.diversion.models import (
    AbhCase,
    Agreement,
    AgreementTerm,
    Deliberation,
    Document,
    Session,
    SocialReport,
    Stage,
)
from desaku.diversion.permissions import can_read, can_see_identity, initials


def abh_visible_to(user):
    if not can_read(user):
        return AbhCase.objects.none()
    return AbhCase.objects.visible_to(user).select_related(
        "case__person", "case__worker", "case__organisation", "peksos", "police_unit", "prosecutor", "court")


def abh_for(user, pk) -> AbhCase:
    abh = abh_visible_to(user).filter(pk=pk).first()
    if abh is None:
        raise Http404
    return abh


def _visible_ids(user):
    return abh_visible_to(user).values("pk")


def stages_visible_to(user):
    return Stage.objects.filter(abh__in=_visible_ids(user)).select_related("abh__case__person", "abh__peksos")


def sessions_visible_to(user):
    return Session.objects.filter(abh__in=_visible_ids(user)).select_related("abh__case")


def deliberations_visible_to(user):
    return Deliberation.objects.filter(abh__in=_visible_ids(user)).select_related("abh__case", "stage")


def agreements_visible_to(user):
    return Agreement.objects.filter(stage__abh__in=_visible_ids(user)).select_related("stage__abh__case")


def terms_visible_to(user):
    return AgreementTerm.objects.filter(agreement__stage__abh__in=_visible_ids(user)).select_related(
        "agreement__stage__abh__case")


def reports_visible_to(user):
    return SocialReport.objects.filter(abh__in=_visible_ids(user)).select_related("abh__case", "stage", "letter")


def documents_visible_to(user):
    """Documents of visible cases; the views add the identity check (only who may see the child)."""
    return Document.objects.filter(abh__in=_visible_ids(user)).select_related("abh__case", "uploaded_by")


def display_name(user, abh) -> str:
    """The child's name for this user: in full for the assigned workers and supervisors, else initials."""
    name = abh.case.person.full_name if abh.case.person_id else ""
    return name if can_see_identity(user, abh) else initials(name)


def deadline_board(user, today=None):
    """Open deadlines of the user's visible active stages, soonest first."""
    today = today or timezone.localdate()
    stages = stages_visible_to(user).filter(abh__stopped_on__isnull=True, outcome__in=["pending", "agreement"])
    return deadlines.open_deadlines(stages, today)


def phase(abh) -> str:
    """Where the case stands, for lists: the latest stage and its outcome, or supervision after a ruling."""
    if abh.stopped_on:
        return "stopped"
    if abh.special_route:
        return "special_route"
    stages = list(abh.stages.all())
    if not stages:
        return "registered"
    last = max(stages, key=lambda s: (s.started_on, s.pk))
    if last.outcome == "agreement":
        return "supervision" if last.ruling_on else "awaiting_ruling"
    return last.kind
