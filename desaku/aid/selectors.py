"""Reads of the aid app, always through the user's scope."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from desaku.aid.models import (
    Cycle,
    CycleLine,
    CycleStatus,
    Enrolment,
    EnrolmentStatus,
    LineStatus,
    Program,
    RecommendationRequest,
    RequestDocument,
)


def programs():
    return Program.objects.select_related("funding_source")


def enrolments_visible_to(user):
    return Enrolment.objects.visible_to(user).select_related("program", "person", "proposed_by")


def cycles_visible_to(user):
    return Cycle.objects.visible_to(user).select_related("program")


def lines_visible_to(user):
    """Lines of the cycles the user sees, or of the enrolments the user sees (an LKS: its own enrolees)."""
    return CycleLine.objects.filter(Q(cycle__in=Cycle.objects.visible_to(user).values("pk")) | Q(
        enrolment__in=Enrolment.objects.visible_to(user).values("pk"))).select_related("cycle", "person")


def requests_visible_to(user):
    return RecommendationRequest.objects.visible_to(user).select_related("person", "letter", "requested_by")


def documents_visible_to(user):
    return RequestDocument.objects.filter(request__in=RecommendationRequest.objects.visible_to(user).values("pk"))


def pending_enrolments(user):
    return enrolments_visible_to(user).filter(status__in=(EnrolmentStatus.PROPOSED, EnrolmentStatus.VERIFIED))


def budget_rows(year=None):
    """Per program: budget, committed (approved cycles, cancelled lines released), paid, remaining."""
    qs = programs().exclude(kind="recommendation").order_by("funding_source__code", "name")
    if year:
        qs = qs.filter(year=year)
    live = CycleLine.objects.exclude(status=LineStatus.CANCELLED).exclude(carried_to__isnull=False)
    committed = dict(live.filter(cycle__status__in=(CycleStatus.APPROVED, CycleStatus.CLOSED)).values(
        "cycle__program").annotate(s=Sum("amount")).values_list("cycle__program", "s"))
    paid = dict(live.filter(status=LineStatus.PAID).values("cycle__program").annotate(s=Sum("amount"))
                .values_list("cycle__program", "s"))
    enrolled = dict(Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE).values("program").annotate(
        n=Count("id")).values_list("program", "n"))
    rows = []
    for p in qs:
        c, pd = committed.get(p.pk) or 0, paid.get(p.pk) or 0
        rows.append({"program": p, "budget": p.budget, "committed": c, "paid": pd, "remaining": p.budget - c,
                     "enrolled": enrolled.get(p.pk, 0),
                     "absorption": round(100 * pd / p.budget, 1) if p.budget else None})
    return rows


def by_funding_source(rows):
    totals = {}
    for r in rows:
        key = r["program"].funding_source
        t = totals.setdefault(key, {"source": key, "budget": 0, "committed": 0, "paid": 0, "remaining": 0})
        for k in ("budget", "committed", "paid", "remaining"):
            t[k] += r[k]
    return list(totals.values())


def absorption_by_month(year=None):
    qs = CycleLine.objects.filter(status=LineStatus.PAID)
    if year:
        qs = qs.filter(cycle__program__year=year)
    return list(qs.annotate(month=TruncMonth("paid_on")).values("month").annotate(
        paid=Sum("amount"), lines=Count("id")).order_by("month"))
