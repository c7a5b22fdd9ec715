"""This app's contributions to the shared registries (menu, dashboard, jobs, figures, exporters, demo data)."""

from django.utils.translation import gettext_lazy as _

from desaku.core import dashboard as home
from desaku.core import jobs, navigation
from desaku.reports import demo, figures_outreach, figures_people  # noqa: F401  (figures register on import)
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


@jobs.daily("reports.open_data")
def open_data_job(today):
    from desaku.reports.opendata import refresh

    return refresh(today)


@home.register
def reports_cards(user):
    """Heads: persons found this month and returns to the street (both within the user's scope)."""
    from django.urls import reverse
    from django.utils import timezone

    from desaku.reports import figures
    from desaku.reports.figures import Filters, month_end, month_start

    if not (user.is_authenticated and user.has_role(*HEADS)) or not can_read(user):
        return []
    today = timezone.localdate()
    this_month = Filters(start=month_start(today), end=month_end(today))
    found = figures.get("outreach.per_month").compute(this_month, user)
    url = reverse("reports:dashboard")
    return [home.Card(_("Persons found this month"), sum(r[3] for r in found.rows), "user-search", url=url,
                      hint=_("street outreach"), color="azure")]


@home.register
def caseload_card(user):
    """Workers: the persons assigned to them in the registry (their caseload), within their scope."""
    from django.urls import reverse

    from desaku.core.models import Role
    from desaku.people.selectors import persons_visible_to

    if not user.is_authenticated or not user.has_role(Role.PEKSOS, Role.PETUGAS_PENJANGKAUAN, Role.PENDAMPING,
                                                      Role.MITRA_LKS):
        return []
    count = persons_visible_to(user).filter(assigned_worker=user.pk).count()
    return [home.Card(_("My caseload"), count, "users", url=reverse("people:list"),
                      hint=_("persons assigned to me"), color="green")]
