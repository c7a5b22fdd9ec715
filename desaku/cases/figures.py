"""Figures of case management for the heads' dashboard and the monthly report (definitions in docs/measures.md).

Every figure reads through ``cases_visible_to(user)`` / ``referrals_visible_to(user)``, so it counts only what
the user may see. Cases of children in conflict with the law (case type ABH) are never counted here: children's
justice data stays in the diversion module. Place: the person's domicile kelurahan, or the household's kelurahan
for a household case. Organisation: the organisation holding the case. PPKS category: the person (or a member of
the household) held it at some time in the period.
"""

from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.cases import selectors
from desaku.cases.models import ActionStatus, Case, CaseType, PlanAction, ReferralStatus
from desaku.cases.permissions import READERS as CASE_READERS
from desaku.reports.figures import Figure, Result, bar, month_end, register
from desaku.reports.filtering import allowed_category, category_exists, household_category_exists
from desaku.reports.links import list_link
from desaku.reports.permissions import READERS

GROUP = _("Cases and referrals")
ROLES = tuple(role for role in READERS if role in CASE_READERS)


def pct(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def month_of(value):
    return value.date() if hasattr(value, "date") else value


def narrow_cases(queryset, filters, user, prefix: str = ""):
    """Narrow a queryset of cases (``prefix`` = the path to the case, e.g. "case__") by the dashboard filters."""
    if filters.kelurahan:
        queryset = queryset.filter(Q(**{f"{prefix}person__domicile_kelurahan_id": filters.kelurahan}) | Q(
            **{f"{prefix}person__isnull": True, f"{prefix}household__kelurahan_id": filters.kelurahan}))
    elif filters.kecamatan:
        start = filters.kecamatan + "."
        queryset = queryset.filter(Q(**{f"{prefix}person__domicile_kelurahan__code__startswith": start}) | Q(
            **{f"{prefix}person__isnull": True, f"{prefix}household__kelurahan__code__startswith": start}))
    if filters.organisation:
        queryset = queryset.filter(**{f"{prefix}organisation_id": filters.organisation})
    category = allowed_category(filters, user)
    if category is False:
        return queryset.none()
    if category is not None:
        queryset = queryset.filter(category_exists(f"{prefix}person", category, filters) | (
            Q(**{f"{prefix}person__isnull": True}) & household_category_exists(f"{prefix}household", category,
                                                                              filters)))
    return queryset


def cases(filters, user):
    """The user's visible cases (no ABH) matching the filters, without duplicate rows from the scope's joins."""
    visible = selectors.cases_visible_to(user).exclude(case_type=CaseType.ABH).values("pk")
    return narrow_cases(Case.objects.filter(pk__in=visible), filters, user)


def referrals(filters, user):
    qs = selectors.referrals_visible_to(user).exclude(case__case_type=CaseType.ABH)
    return narrow_cases(qs, filters, user, prefix="case__")


def as_of(filters):
    """The day a snapshot figure describes: the period's last day, or today when the period runs on."""
    return min(filters.end, timezone.localdate())




@register
class CasesPerMonth(Figure):
    key = "cases.per_month"
    title = _("Cases opened and closed per month")
    definition = "cases-opened-and-closed"
    group = GROUP
    roles = ROLES

    def compute(self, filters, user):
        base = cases(filters, user)
        months = filters.months
        opened = {month_of(m): n for m, n in base.filter(
            opened_on__gte=filters.start, opened_on__lte=filters.end).order_by().annotate(
            m=TruncMonth("opened_on")).values("m").annotate(n=Count("pk")).values_list("m", "n")}
        closed = {month_of(m): n for m, n in base.filter(
            closed_on__gte=filters.start, closed_on__lte=filters.end).order_by().annotate(
            m=TruncMonth("closed_on")).values("m").annotate(n=Count("pk")).values_list("m", "n")}
        # Open at each month's end: one query with one conditional count per month.
        ends = {f"m{i}": month_end(month) for i, month in enumerate(months)}
        open_at = base.filter(opened_on__lte=filters.end).aggregate(**{
            name: Count("pk", filter=Q(opened_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day)))
            for name, day in ends.items()})
        rows = [[f"{month:%Y-%m}", opened.get(month, 0), closed.get(month, 0), open_at[f"m{i}"] or 0]
                for i, month in enumerate(months)]
        labels = [r[0] for r in rows]
        return Result(columns=[_("Month"), _("Opened"), _("Closed"), _("Open at the end of the month")], rows=rows,
                      chart=bar(labels, {_("Opened"): [r[1] for r in rows], _("Closed"): [r[2] for r in rows],
                                         _("Open at the end of the month"): [r[3] for r in rows]}, kind="line"))

    def link(self, filters):
        return list_link("cases:caseload", filters, period=None, supports=(), all="1")


@register
class CasesOverdue(Figure):
    key = "cases.overdue"
    title = _("Active cases and overdue work")
    definition = "cases-overdue"
    group = GROUP
    roles = ROLES
    comparable = False  # a snapshot on one day: plan review dates are overwritten by each review

    def compute(self, filters, user):
        day = as_of(filters)
        base = cases(filters, user)
        # Active on the day: opened by then and not closed by then (a reopened case has its close date cleared).
        active = base.filter(opened_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
        counts = active.aggregate(
            active=Count("pk"),
            review=Count("pk", filter=Q(plan__next_review_on__lt=day)),
            no_plan=Count("pk", filter=Q(plan__isnull=True)))
        actions = PlanAction.objects.filter(goal__plan__case__in=active.values("pk"), due_on__lt=day).filter(
            Q(status=ActionStatus.OPEN) | Q(status=ActionStatus.DONE, done_on__gt=day)).count()
        limit = day - timedelta(days=selectors.referral_pending_days())
        waiting = referrals(filters, user).filter(sent_on__lt=limit).filter(
            Q(status=ReferralStatus.SENT) | Q(responded_on__gt=day)).count()
        total = counts["active"]
        rows = [
            [_("Active cases"), total, 100.0 if total else 0.0],
            [_("Plan review overdue"), counts["review"], pct(counts["review"], total)],
            [_("No case plan yet"), counts["no_plan"], pct(counts["no_plan"], total)],
            [_("Plan actions past their date"), actions, None],
            [_("Referrals without an answer for more than %(days)s days") % {
                "days": selectors.referral_pending_days()}, waiting, None],
        ]
        links = [list_link("cases:caseload", filters, period=None, supports=(), all="1", active="on"),
                 list_link("cases:caseload", filters, period=None, supports=(), all="1", overdue_review="on"),
                 None, None, list_link("cases:referral_list", filters, period=None, supports=(), status="sent",
                                       stale="on")]
        note = _("On %(day)s.") % {"day": day.strftime("%d/%m/%Y")}
        return Result(columns=[_("Cases"), _("Count"), _("% of active cases")], rows=rows, links=links, note=note,
                      chart=bar([str(r[0]) for r in rows[1:]], {_("Count"): [r[1] for r in rows[1:]]}))

    def headline(self, result):
        return result.rows[1][1]

    def link(self, filters):
        return list_link("cases:caseload", filters, period=None, supports=(), all="1", overdue_review="on")


@register
class ReferralsByInstitution(Figure):
    key = "cases.referrals"
    title = _("Referrals by institution and status")
    definition = "referrals-by-institution-and-status"
    group = GROUP
    roles = ROLES

    STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.COMPLETED)

    def compute(self, filters, user):
        sent = referrals(filters, user).filter(sent_on__gte=filters.start, sent_on__lte=filters.end)
        grouped = sent.order_by().values("institution__name", "internal_service", "status").annotate(n=Count("pk"))
        table = {}
        for row in grouped:
            label = row["institution__name"] or row["internal_service"]
            counts = table.setdefault(label, dict.fromkeys(self.STATUSES, 0))
            counts[row["status"]] = counts.get(row["status"], 0) + row["n"]
        rows = [[label, sum(c.values())] + [c[s] for s in self.STATUSES] for label, c in table.items()]
        rows.sort(key=lambda r: (-r[1], str(r[0])))
        labels = {ReferralStatus.SENT: _("Waiting for an answer"), ReferralStatus.ACCEPTED: _("Accepted"),
                  ReferralStatus.DECLINED: _("Declined"), ReferralStatus.COMPLETED: _("Completed")}
        top = rows[:15]
        return Result(columns=[_("Institution or service"), _("Referrals sent")] + [labels[s] for s in self.STATUSES],
                      rows=rows, chart=bar([str(r[0]) for r in top], {
                          labels[s]: [r[2 + i] for r in top] for i, s in enumerate(self.STATUSES)}))

    def link(self, filters):
        return list_link("cases:referral_list", filters, period=None, supports=())
