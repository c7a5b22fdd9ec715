"""Reads of case management, always through the user's scope."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone

from desaku.cases.models import (
    ACTIVE_STATUSES,
    CONTACT_KINDS,
    Attachment,
    Case,
    CaseNote,
    CasePlan,
    CaseStatus,
    CaseTransfer,
    Referral,
    ReferralStatus,
    ServiceDelivery,
    TransferStatus,
)
from desaku.cases.permissions import is_supervisor

DEFAULT_PENDING_DAYS = 14


def referral_pending_days() -> int:
    """Days after which a sent referral without an answer is flagged (settings.DESAKU_REFERRAL_PENDING_DAYS)."""
    return int(getattr(settings, "DESAKU_REFERRAL_PENDING_DAYS", DEFAULT_PENDING_DAYS))


def cases_visible_to(user):
    return Case.objects.visible_to(user).select_related("person", "household", "worker", "organisation",
                                                        "exit_destination")


def case_for(user, pk) -> Case:
    from django.http import Http404

    case = cases_visible_to(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def _visible_case_ids(user):
    return Case.objects.visible_to(user).values("pk")


def referrals_visible_to(user):
    return Referral.objects.filter(case__in=_visible_case_ids(user)).select_related(
        "case__person", "case__household", "institution", "letter", "created_by")


def services_visible_to(user):
    return ServiceDelivery.objects.filter(case__in=_visible_case_ids(user)).select_related(
        "service_type", "case__person", "provider_institution")


def plans_visible_to(user):
    return CasePlan.objects.filter(case__in=_visible_case_ids(user)).select_related("case")


def notes_visible_to(user, case=None):
    """Notes of visible cases; confidential ones only for the author, the case worker and supervisors."""
    notes = CaseNote.objects.filter(case__in=_visible_case_ids(user)).select_related("author", "case")
    if case is not None:
        notes = notes.filter(case=case)
    if not is_supervisor(user):
        notes = notes.filter(Q(confidential=False) | Q(author=user.pk) | Q(case__worker=user.pk))
    return notes


def attachments_visible_to(user):
    return Attachment.objects.filter(case__in=_visible_case_ids(user))


def with_overview(queryset, today=None):
    """Annotate last contact (contact notes, services) and whether the plan review is overdue."""
    today = today or timezone.localdate()
    return queryset.annotate(
        last_note=Max("notes__noted_on", filter=Q(notes__kind__in=CONTACT_KINDS)),
        last_service=Max("services__delivered_on"),
        review_due=Max("plan__next_review_on"),
    )


def last_contact(case):
    dates = [d for d in (getattr(case, "last_note", None), getattr(case, "last_service", None)) if d]
    return max(dates) if dates else None


def my_caseload(user):
    return cases_visible_to(user).filter(Q(worker=user) | Q(secondary_workers=user)).distinct()


def overdue_reviews(user, today=None):
    today = today or timezone.localdate()
    return cases_visible_to(user).filter(status__in=ACTIVE_STATUSES, plan__next_review_on__lt=today)


def pending_referrals(user):
    return referrals_visible_to(user).filter(status=ReferralStatus.SENT)


def stale_referrals(user=None, today=None):
    """Sent referrals with no answer for longer than the configured number of days."""
    today = today or timezone.localdate()
    limit = today - timedelta(days=referral_pending_days())
    base = referrals_visible_to(user) if user is not None else Referral.objects.select_related("case")
    return base.filter(status=ReferralStatus.SENT, sent_on__lt=limit)


def incoming_transfers(user):
    """Transfers waiting for the user's side: to the user, or to the user's organisation."""
    q = Q(to_worker=user.pk)
    if user.organisation_id:
        q |= Q(to_organisation=user.organisation_id, to_worker__isnull=True)
        if is_supervisor(user):
            q |= Q(to_organisation=user.organisation_id)
    return CaseTransfer.objects.filter(q, status=TransferStatus.REQUESTED).select_related(
        "case__person", "case__household", "requested_by", "to_organisation")


def team_overview(user, today=None):
    """Per responsible worker in the user's scope: counts by status, overdue reviews, last contact."""
    today = today or timezone.localdate()
    rows = {}
    cases = with_overview(cases_visible_to(user))
    for case in cases:
        row = rows.setdefault(case.worker_id, {"worker": case.worker, "counts": dict.fromkeys(CaseStatus.values, 0),
                                               "overdue_reviews": 0, "last_contact": None, "total": 0})
        row["counts"][case.status] += 1
        row["total"] += 1
        if case.status in ACTIVE_STATUSES and case.review_due and case.review_due < today:
            row["overdue_reviews"] += 1
        contact = last_contact(case)
        if contact and (row["last_contact"] is None or contact > row["last_contact"]):
            row["last_contact"] = contact
    return sorted(rows.values(), key=lambda r: (r["worker"].get_full_name() or r["worker"].username))


def status_counts(queryset) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, zeros included."""
    counts = dict.fromkeys(CaseStatus.values, 0)
    for row in queryset.order_by().values("status").annotate(n=Count("pk", distinct=True)):
        counts[row["status"]] = row["n"]
    return [(value, label, counts[value]) for value, label in CaseStatus.choices]


def case_tasks(case):
    """Open and done tasks made by this case's plan actions and referrals (by source)."""
    from desaku.cases.models import PlanAction
    from desaku.core.models import Task

    action_ids = PlanAction.objects.filter(goal__plan__case=case).values_list("pk", flat=True)
    sources = [f"cases.planaction:{pk}" for pk in action_ids]
    sources += [f"cases.referral:{pk}" for pk in case.referrals.values_list("pk", flat=True)]
    return Task.objects.filter(Q(source__in=sources) | Q(source=f"cases.case:{case.pk}")).select_related(
        "assigned_to").order_by("status", "due_on")
