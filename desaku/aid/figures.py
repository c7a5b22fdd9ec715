"""Figures of social aid for the heads' dashboard and the monthly report (definitions in docs/measures.md).

They read through ``enrolments_visible_to(user)`` and ``lines_visible_to(user)``. Place: the recipient's domicile
kelurahan. Organisation: the organisation that proposed the enrolment. PPKS category: the recipient held it at
some time in the period. Budgets are program settings (reference data), the same for every reader.

Coverage: a program's eligibility rules are evaluated in Python person by person (aid.eligibility), too slow for a
dashboard over the whole registry, so the daily job ``aid.eligible_counts`` stores each program's eligible, not
enrolled persons; the coverage share uses the latest count on or before the period's end, for readers who see the
whole city without a place, category or organisation filter (docs/decisions.md).
"""

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from desaku.aid import selectors
from desaku.aid.models import CycleLine, EligibleCount, EnrolmentStatus, LineStatus, Program, ProgramKind
from desaku.aid.permissions import READERS as AID_READERS
from desaku.core.models import Scope
from desaku.reports.figures import Figure, Result, bar, register
from desaku.reports.filtering import narrow
from desaku.reports.links import list_link
from desaku.reports.permissions import READERS

GROUP = _("Social aid")
ROLES = tuple(role for role in READERS if role in AID_READERS)
# Enrolments that were approved at some time (a start date and one of these statuses).
APPROVED = (EnrolmentStatus.ACTIVE, EnrolmentStatus.SUSPENDED, EnrolmentStatus.ENDED, EnrolmentStatus.TERMINATED)


def rupiah(value) -> int:
    return int(value or 0)


def pct(part, whole):
    return round(100 * float(part) / float(whole), 1) if whole else None


def month_of(value):
    return value.date() if hasattr(value, "date") else value


def paid_lines(filters, user):
    """Paid lines the user may see, by the recipient's place and category and the enrolment's organisation."""
    visible = selectors.lines_visible_to(user).values("pk")
    lines = CycleLine.objects.filter(pk__in=visible, status=LineStatus.PAID)
    return narrow(lines, filters, user, region="person__domicile_kelurahan", organisation="enrolment__organisation",
                  person="person")


def enrolments(filters, user):
    return narrow(selectors.enrolments_visible_to(user), filters, user, region="person__domicile_kelurahan",
                  organisation="organisation", person="person")


def distributing_programs():
    return Program.objects.exclude(kind=ProgramKind.RECOMMENDATION)


@register
class AidPayments(Figure):
    key = "aid.payments"
    title = _("Aid payments per month")
    definition = "aid-payments"
    group = GROUP
    roles = ROLES

    def compute(self, filters, user):
        grouped = paid_lines(filters, user).filter(paid_on__gte=filters.start, paid_on__lte=filters.end).order_by(
        ).annotate(m=TruncMonth("paid_on")).values("m").annotate(
            n=Count("pk"), persons=Count("person", distinct=True), amount=Sum("amount"))
        by_month = {month_of(row["m"]): row for row in grouped}
        rows = []
        for month in filters.months:
            row = by_month.get(month, {})
            rows.append([f"{month:%Y-%m}", row.get("n", 0), row.get("persons", 0), rupiah(row.get("amount"))])
        return Result(columns=[_("Month"), _("Payments"), _("Recipients"), _("Amount paid (Rp)")], rows=rows,
                      chart=bar([r[0] for r in rows], {_("Amount paid (Rp)"): [r[3] for r in rows]}))

    def headline(self, result):
        return sum(r[3] for r in result.rows)

    def link(self, filters):
        return list_link("aid:cycle_list", filters, period=None, supports=())


def eligible_counts(program_ids, day) -> dict:
    """Each program's latest eligible count on or before ``day`` (the daily job's snapshot)."""
    latest = {}
    for count in EligibleCount.objects.filter(program__in=program_ids, counted_on__lte=day).order_by(
            "program", "-counted_on"):
        latest.setdefault(count.program_id, count)
    return latest


@register
class AidCoverage(Figure):
    key = "aid.coverage"
    title = _("Aid coverage: enrolees, eligible and payments per program")
    definition = "aid-coverage"
    group = GROUP
    roles = ROLES

    def compute(self, filters, user):
        day = filters.end
        base = enrolments(filters, user).filter(status__in=APPROVED, start_date__isnull=False)
        enrolled = base.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day)).order_by(
        ).values("program").annotate(n=Count("person", distinct=True),
                                     suspended=Count("pk", filter=Q(status=EnrolmentStatus.SUSPENDED)))
        enrolled = {row["program"]: row for row in enrolled}
        new = dict(base.filter(start_date__gte=filters.start, start_date__lte=day).order_by().values(
            "program").annotate(n=Count("pk")).values_list("program", "n"))
        paid = {row["cycle__program"]: row for row in paid_lines(filters, user).filter(
            paid_on__gte=filters.start, paid_on__lte=day).order_by().values("cycle__program").annotate(
            persons=Count("person", distinct=True), amount=Sum("amount"))}
        ids = set(enrolled) | set(new) | set(paid)
        programs = list(distributing_programs().filter(Q(pk__in=ids) | Q(
            year__gte=filters.start.year, year__lte=filters.end.year, active=True)).order_by("-year", "name"))
        whole_city = getattr(user, "data_scope", None) == Scope.ALL and not (
            filters.region or filters.category or filters.organisation)
        counts = eligible_counts([p.pk for p in programs], day) if whole_city else {}
        rows, links = [], []
        for program in programs:
            e, p = enrolled.get(program.pk, {}), paid.get(program.pk, {})
            count = counts.get(program.pk)
            eligible = count.eligible_not_enrolled if count else None
            share = pct(e.get("n", 0), e.get("n", 0) + eligible) if count else None
            rows.append([str(program), e.get("n", 0), e.get("suspended", 0), new.get(program.pk, 0),
                         p.get("persons", 0), rupiah(p.get("amount")), eligible, share,
                         count.counted_on if count else None])
            links.append(list_link("aid:enrolment_list", filters, period=None, supports=(), program=program.pk))
        note = "" if whole_city else _("The coverage share is shown only for the whole city without a place, "
                                        "category or organisation filter (the eligible are counted city-wide).")
        return Result(columns=[_("Program"), _("Enrolled at the end of the period"), _("of whom suspended"),
                               _("Started in the period"), _("Recipients paid in the period"),
                               _("Amount paid (Rp)"), _("Eligible, not enrolled"), _("Coverage %"),
                               _("Eligible counted on")], rows=rows, links=links, note=note,
                      chart=bar([r[0] for r in rows], {_("Enrolled at the end of the period"): [r[1] for r in rows],
                                                       _("Recipients paid in the period"): [r[4] for r in rows]}))

    def link(self, filters):
        return list_link("aid:enrolment_list", filters, period=None, supports=(), status="active")


@register
class BudgetAbsorption(Figure):
    key = "aid.absorption"
    title = _("Aid budget absorption per program")
    definition = "aid-budget-absorption"
    group = GROUP
    roles = ROLES

    def compute(self, filters, user):
        day = filters.end
        programs = list(distributing_programs().filter(year__gte=filters.start.year, year__lte=filters.end.year)
                        .select_related("funding_source").order_by("-year", "funding_source__code", "name"))
        paid = dict(paid_lines(filters, user).filter(cycle__program__in=[p.pk for p in programs], paid_on__lte=day)
                    .order_by().values("cycle__program").annotate(s=Sum("amount")).values_list("cycle__program", "s"))
        rows = []
        for program in programs:
            amount = rupiah(paid.get(program.pk))
            rows.append([str(program), str(program.funding_source.code if program.funding_source_id else ""),
                         rupiah(program.budget), amount, pct(amount, program.budget)])
        budget, spent = sum(r[2] for r in rows), sum(r[3] for r in rows)
        if rows:
            rows.append([_("Total"), "", budget, spent, pct(spent, budget)])
        note = ""
        if filters.region or filters.category or filters.organisation:
            note = _("With a place, category or organisation filter only the matching payments count, against "
                     "the program's whole budget.")
        body = rows[:-1]
        return Result(columns=[_("Program"), _("Funding source"), _("Yearly budget (Rp)"),
                               _("Paid up to the end of the period (Rp)"), _("Absorption %")], rows=rows, note=note,
                      chart=bar([r[0] for r in body], {_("Absorption %"): [r[4] or 0 for r in body]}))

    def headline(self, result):
        return result.rows[-1][4] if result.rows else None

    def link(self, filters):
        years = {filters.start.year, filters.end.year}
        return list_link("aid:budget", filters, period=None, supports=(), year=years.pop() if len(years) == 1 else None)
