"""The monthly report (Laporan Bulanan): the month's figures for the whole department, PDF + workbook.

Made on demand by a head and by the daily job on the 1st for the previous month; archived in
MonthlyReport (regenerating a month replaces its files and numbers).
"""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.core.models import Role
from desaku.reports import figures as registry
from desaku.reports.figures import Filters, month_end, month_start
from desaku.reports.models import MonthlyReport

MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]


class DepartmentReader:
    """Reads every record like an Administrator, but never names the sensitive categories: the archived
    report is read by Auditors too."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    hide_sensitive = True
    pk = None
    id = None
    organisation_id = None
    data_scope = "all"

    def has_role(self, *roles):
        return Role.ADMINISTRATOR in roles or Role.KEPALA_DINAS in roles


def month_label(month: date) -> str:
    return f"{MONTHS_ID[month.month - 1]} {month.year}"


def sections_for(month: date):
    reader = DepartmentReader()
    filters = Filters(start=month_start(month), end=month_end(month))
    out = []
    for figure in registry.all_figures():
        result = figure.compute(filters, reader)
        out.append((figure, result, registry.compare(figure, filters, reader, result)))
    return out


def render_xlsx(month: date, sections) -> bytes:
    from desaku.reports.workbooks import figures_workbook

    return figures_workbook(title=_("Monthly report"), subtitle=month_label(month), sections=sections)


def render_pdf(month: date, sections) -> bytes:
    from weasyprint import HTML

    from desaku.core.letters import letterhead

    html = render_to_string("reports/monthly_pdf.html", {
        "letterhead": letterhead(), "month": month, "month_label": month_label(month), "sections": sections,
        "generated_at": timezone.localtime()})
    return HTML(string=html).write_pdf()


@transaction.atomic
def generate_monthly_report(*, month: date, by=None, pdf: bool = True) -> MonthlyReport:
    month = month_start(month)
    sections = sections_for(month)
    report = MonthlyReport.objects.select_for_update().filter(month=month).first() or MonthlyReport(month=month)
    report.figures = {figure.key: result.as_json() | {"comparison": comparison}
                      for figure, result, comparison in sections}
    report.generated_at = timezone.now()
    report.generated_by = by
    name = f"laporan-bulanan-{month:%Y-%m}"
    report.xlsx.save(f"{name}.xlsx", ContentFile(render_xlsx(month, sections)), save=False)
    if pdf:
        report.pdf.save(f"{name}.pdf", ContentFile(render_pdf(month, sections)), save=False)
    report.save_with_reason(by=by, reason=_("monthly report generated"))
    return report


def monthly_job(today: date) -> int:
    """On the 1st of a month, make the previous month's report (once)."""
    if today.day != 1:
        return 0
    previous = month_start(date.fromordinal(today.toordinal() - 1))
    if MonthlyReport.objects.filter(month=previous).exists():
        return 0
    generate_monthly_report(month=previous, by=None)
    return 1
