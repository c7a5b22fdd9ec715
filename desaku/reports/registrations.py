"""This app's contributions to the shared registries (menu, dashboard, jobs, figures, exporters, demo data)."""

from django.utils.translation import gettext_lazy as _

from desaku.core import dashboard as home
from desaku.core import jobs, navigation
from desaku.reports import (  # noqa: F401  (figures and the core list pages' exports register on import)
    core_exports,
    demo,
    figures,
    figures_outreach,
    figures_people,
)
from desaku.reports.dashboard import export_dashboard
from desaku.reports.exports import register_exporter
from desaku.reports.permissions import HEADS, READERS, can_read

register_exporter("reports.dashboard", export_dashboard, allowed=can_read)

navigation.register(navigation.NavItem(
    "reports", _("Reports"), "chart-bar", url_name="reports:dashboard", roles=READERS, order=70, children=[
        navigation.NavItem("reports-dashboard", _("Dashboard"), "chart-bar", url_name="reports:dashboard"),
        navigation.NavItem("reports-monthly", _("Monthly reports"), "file-text", url_name="reports:monthly_list"),
        navigation.NavItem("reports-exports", _("My exports"), "download", url_name="reports:export_list"),
        navigation.NavItem("reports-open-data", _("Open data"), "world", url_name="reports:open_data"),
    ]))


@jobs.daily("reports.summaries")
def summaries_job(today):
    """Before the monthly report: the figures' summary tables (docs/measures.md, "Performance")."""
    from desaku.reports.summaries import refresh

    return refresh(today).cells


@jobs.daily("reports.monthly_report")
def monthly_report_job(today):
    from desaku.reports.monthly import monthly_job

    return monthly_job(today)


@jobs.daily("reports.export_retention")
def export_retention_job(today):
    """Delete export files older than REPORTS_EXPORT_RETENTION_DAYS (default 7)."""
    from desaku.reports.retention import delete_expired_exports

    return delete_expired_exports(today)


@jobs.daily("reports.open_data")
def open_data_job(today):
    from desaku.reports.opendata import refresh

    return refresh(today)


@home.register
def reports_cards(user):
    """Heads: key figures with their trend against the previous period, each linking to its dashboard panel.

    Persons found (this month against last month), returns to the street (the exits of the last twelve months
    against the twelve before), shelter occupancy (this month against last month), open cases at the end of this
    month against last month with the overdue plan reviews. All within the user's scope; figures the user may not
    see give no card."""
    from django.core.cache import cache
    from django.utils import timezone

    from desaku.reports import dashboard
    from desaku.reports import figures as registry
    from desaku.reports.figures import Filters, month_end, month_start

    if not (user.is_authenticated and user.has_role(*HEADS)) or not can_read(user):
        return []
    today = timezone.localdate()
    this_month = Filters(start=month_start(today), end=month_end(today))
    year = Filters.default(today)
    specs = [("outreach.per_month", this_month), ("outreach.returns", year), ("shelter.occupancy", this_month),
             ("cases.per_month", this_month)]
    shown = {f.key for f in registry.figures_for(user)}
    key = dashboard.cache_key(user, this_month, ["home-cards"] + [k for k, _f in specs if k in shown])
    cards = cache.get(key)
    if cards is None:
        cards = [card for figure_key, filters in specs if figure_key in shown
                 for card in [HEAD_CARDS[figure_key](registry.get(figure_key), filters, user)] if card]
        cache.set(key, cards, dashboard.CACHE_SECONDS)
    return cards


def _panel_url(figure, filters):
    from urllib.parse import urlencode

    from django.urls import reverse

    return f"{reverse('reports:dashboard')}?{urlencode(filters.query())}#figure-{figure.key}"


def trend(now, before, previous_label) -> str:
    """"▲ 3 on last month (5)": the change against the previous period, with the previous value."""
    if now is None or before is None:
        return ""
    difference = round(now - before, 1)
    arrow = "▲" if difference > 0 else "▼" if difference < 0 else "="
    shown = f"{abs(difference):g}" if difference else ""
    return _("%(arrow)s%(change)s on %(previous)s (%(before)s)") % {
        "arrow": arrow, "change": f" {shown}" if shown else "", "previous": previous_label, "before": f"{before:g}"}


def _found_card(figure, filters, user):
    now = figure.headline(figure.compute(filters, user))
    before = figure.headline(figure.compute(filters.previous(), user))
    return home.Card(_("Persons found this month"), now, "user-search", url=_panel_url(figure, filters),
                     hint=trend(now, before, _("last month")), color="azure")


def _returns_card(figure, filters, user):
    result = figure.compute(filters, user)
    now, exited = figure.headline(result), result.rows[0][1]
    before = figure.headline(figure.compute(filters.previous(), user))
    hint = _("of %(n)s exited in 12 months") % {"n": exited}
    change = trend(now, before, _("the 12 months before"))
    return home.Card(_("Returns to the street"), now, "arrow-back-up", url=_panel_url(figure, filters),
                     hint=f"{hint} · {change}" if change else hint, color="orange")


def _occupancy_card(figure, filters, user):
    def occupancy(result):
        return result.rows[-1][4] if result.rows else None

    now = occupancy(figure.compute(filters, user))
    before = occupancy(figure.compute(filters.previous(), user))
    return home.Card(_("Shelter occupancy"), f"{now:g} %" if now is not None else "–", "bed",
                     url=_panel_url(figure, filters), hint=trend(now, before, _("last month")), color="purple")


def _cases_card(figure, filters, user):
    def open_at_end(result):
        return result.rows[-1][3] if result.rows else None

    now = open_at_end(figure.compute(filters, user))
    before = open_at_end(figure.compute(filters.previous(), user))
    overdue = figures.get("cases.overdue")
    hint = trend(now, before, _("last month"))
    if overdue is not None and overdue.visible_to(user):
        late = overdue.headline(overdue.compute(filters, user))
        hint = (_("%(n)s plan reviews overdue") % {"n": late}) + (f" · {hint}" if hint else "")
    return home.Card(_("Open cases"), now, "briefcase", url=_panel_url(figure, filters), hint=hint, color="green")


HEAD_CARDS = {"outreach.per_month": _found_card, "outreach.returns": _returns_card,
              "shelter.occupancy": _occupancy_card, "cases.per_month": _cases_card}


@home.register
def caseload_card(user):
    """Workers: their caseload. Case workers: their active cases (responsible or secondary worker), linking to
    their caseload list; outreach workers and village mentors, who do not run cases: the persons assigned to them
    in the registry, linking to the registry filtered to them. Within their scope."""
    from django.urls import reverse

    from desaku.cases import permissions as case_permissions
    from desaku.cases.models import ACTIVE_STATUSES
    from desaku.cases.selectors import my_caseload
    from desaku.core.models import Role
    from desaku.people.selectors import persons_visible_to

    if not user.is_authenticated or not user.has_role(Role.PEKSOS, Role.PETUGAS_PENJANGKAUAN, Role.PENDAMPING,
                                                      Role.MITRA_LKS):
        return []
    if case_permissions.can_write(user):
        count = my_caseload(user).filter(status__in=ACTIVE_STATUSES).count()
        return [home.Card(_("My caseload"), count, "users", url=reverse("cases:caseload") + "?active=on",
                          hint=_("my active cases"), color="green")]
    count = persons_visible_to(user).filter(assigned_worker=user.pk).count()
    return [home.Card(_("My caseload"), count, "users", url=reverse("people:list") + "?mine=on",
                      hint=_("persons assigned to me"), color="green")]
