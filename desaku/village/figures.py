"""Figures of the Desaku Menanti village for the heads' dashboard and the monthly report (docs/measures.md).

They read through ``occupancies_visible_to(user)`` and ``households_visible_to(user)`` (a mentor would see only
their households); sales are program figures (``sales_visible_to``). Place: the site's kelurahan. Organisation:
the organisation that allocated the unit. PPKS category: a member of the household held it in the period.
"""

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from desaku.reports.figures import Figure, Result, bar, month_end, register
from desaku.reports.filtering import allowed_category, household_category_exists, narrow
from desaku.reports.links import list_link
from desaku.reports.permissions import READERS
from desaku.village import selectors
from desaku.village.models import EndReason, MonthlyIncome, Occupancy, OccupancyStatus, Unit
from desaku.village.permissions import READERS as VILLAGE_READERS

GROUP = _("Desaku Menanti village")
ROLES = tuple(role for role in READERS if role in VILLAGE_READERS)
SITE = "unit__building__site"


def pct(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def month_of(value):
    return value.date() if hasattr(value, "date") else value


def occupancies(filters, user):
    """Visible occupancies (without the scope's duplicate rows) matching the filters."""
    visible = selectors.occupancies_visible_to(user).values("pk")
    queryset = narrow(Occupancy.objects.filter(pk__in=visible), filters, user, region=f"{SITE}__kelurahan",
                      organisation="organisation", person=None)
    category = allowed_category(filters, user)
    if category is False:
        return queryset.none()
    if category is not None:
        queryset = queryset.filter(household_category_exists("household", category, filters))
    return queryset


def units(filters):
    """Housing units of the active sites in the place filter (program records, not personal data). With an
    organisation filter: the units that organisation allocated to a household for some time in the period."""
    queryset = Unit.objects.filter(building__site__active=True)
    if filters.kelurahan:
        queryset = queryset.filter(building__site__kelurahan_id=filters.kelurahan)
    elif filters.kecamatan:
        queryset = queryset.filter(building__site__kelurahan__code__startswith=filters.kecamatan + ".")
    if filters.organisation:
        allocated = Occupancy.objects.filter(organisation_id=filters.organisation, allocated_on__lte=filters.end).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=filters.start))
        queryset = queryset.filter(pk__in=allocated.values("unit_id"))
    return queryset


OCCUPANCY_LIST = "village:occupancy_list"


@register
class VillageOccupancy(Figure):
    key = "village.occupancy"
    title = _("Village occupancy per month")
    definition = "village-occupancy"
    group = GROUP
    roles = ROLES

    def compute(self, filters, user):
        base = occupancies(filters, user)
        months = filters.months
        ends = {f"m{i}": month_end(month) for i, month in enumerate(months)}
        # Holding a unit at each month's end: allocated by then and not ended by then (one query).
        holding = base.filter(allocated_on__lte=filters.end).aggregate(**{
            name: Count("pk", filter=Q(allocated_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day)))
            for name, day in ends.items()})
        moved_in = {month_of(m): n for m, n in base.filter(
            move_in_date__gte=filters.start, move_in_date__lte=filters.end).order_by().annotate(
            m=TruncMonth("move_in_date")).values("m").annotate(n=Count("pk")).values_list("m", "n")}
        ended = {month_of(m): n for m, n in base.filter(
            ended_on__gte=filters.start, ended_on__lte=filters.end).order_by().annotate(
            m=TruncMonth("ended_on")).values("m").annotate(n=Count("pk")).values_list("m", "n")}
        total = units(filters).count()
        rows = []
        for i, month in enumerate(months):
            n = holding[f"m{i}"] or 0
            rows.append([f"{month:%Y-%m}", total, n, pct(n, total), moved_in.get(month, 0), ended.get(month, 0)])
        return Result(columns=[_("Month"), _("Housing units"), _("Households holding a unit at the end of the month"),
                               _("Occupancy %"), _("Moved in"), _("Left")], rows=rows,
                      chart=bar([r[0] for r in rows], {_("Households"): [r[2] for r in rows],
                                                       _("Housing units"): [r[1] for r in rows]}, kind="line"))

    def headline(self, result):
        return result.rows[-1][2] if result.rows else None

    def link(self, filters):
        return list_link(OCCUPANCY_LIST, filters, period=None, status=OccupancyStatus.ACTIVE)


@register
class VillageExits(Figure):
    key = "village.exits"
    title = _("Village graduation and expulsions")
    definition = "village-graduation-and-expulsions"
    group = GROUP
    roles = ROLES

    def compute(self, filters, user):
        counts = dict(occupancies(filters, user).filter(
            status=OccupancyStatus.ENDED, ended_on__gte=filters.start, ended_on__lte=filters.end).order_by().values(
            "end_reason").annotate(n=Count("pk")).values_list("end_reason", "n"))
        total = sum(counts.values())
        rows = [[label, counts.get(value, 0), pct(counts.get(value, 0), total)] for value, label in EndReason.choices]
        # By the day the household left (the figure counts by ended_on, not by the allocation date).
        links = [list_link(OCCUPANCY_LIST, filters, period="ended", status=OccupancyStatus.ENDED, end_reason=value)
                 for value, _label in EndReason.choices]
        return Result(columns=[_("Reason the household left"), _("Households"), _("%")], rows=rows, links=links,
                      chart=bar([str(r[0]) for r in rows], {_("Households"): [r[1] for r in rows]}, kind="doughnut"))

    def link(self, filters):
        return list_link(OCCUPANCY_LIST, filters, period="ended", status=OccupancyStatus.ENDED)


@register
class VillageIncome(Figure):
    key = "village.income"
    title = _("Village household income and sales per month")
    definition = "village-income"
    group = GROUP
    roles = ROLES

    def compute(self, filters, user):
        households = occupancies(filters, user).values("household")
        incomes = MonthlyIncome.objects.filter(
            household__in=selectors.households_visible_to(user).values("pk")).filter(
            household__in=households, month__gte=filters.start, month__lte=filters.end)
        income = {month_of(row["m"]): row for row in incomes.order_by().annotate(m=TruncMonth("month")).values(
            "m").annotate(n=Count("household", distinct=True), total=Sum("amount"))}
        sales = selectors.sales_visible_to(user).filter(sold_on__gte=filters.start, sold_on__lte=filters.end)
        if filters.kelurahan:
            sales = sales.filter(product__enterprise__site__kelurahan_id=filters.kelurahan)
        elif filters.kecamatan:
            sales = sales.filter(product__enterprise__site__kelurahan__code__startswith=filters.kecamatan + ".")
        if filters.organisation or filters.category:  # only the sales whose income goes to a matching household
            sales = sales.filter(household__in=households)
        revenue = dict(sales.order_by().annotate(m=TruncMonth("sold_on")).values("m").annotate(
            s=Sum(F("quantity") * F("unit_price"))).values_list("m", "s"))
        revenue = {month_of(m): s for m, s in revenue.items()}
        rows = []
        for month in filters.months:
            row = income.get(month, {})
            n, total = row.get("n", 0), int(row.get("total") or 0)
            rows.append([f"{month:%Y-%m}", n, total, round(total / n) if n else None, int(revenue.get(month) or 0)])
        return Result(columns=[_("Month"), _("Households reporting income"), _("Total household income (Rp)"),
                               _("Average household income (Rp)"), _("Product sales (Rp)")], rows=rows,
                      chart=bar([r[0] for r in rows], {_("Average household income (Rp)"): [r[3] or 0 for r in rows],
                                                       _("Product sales (Rp)"): [r[4] for r in rows]}))

    def headline(self, result):
        """The average income per household report over the period."""
        reports = sum(r[1] for r in result.rows)
        return round(sum(r[2] for r in result.rows) / reports) if reports else None

    def link(self, filters):
        return list_link("village:sale_list", filters, supports=())
