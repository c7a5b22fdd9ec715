"""The monthly report (Laporan Bulanan): the month's figures for the whole department, PDF + workbook.

Made on demand by a head and by the daily job; archived in MonthlyReport (regenerating a month replaces its
files and numbers). A report of a month that is not over yet is *provisional* (shown as "sementara"): the
daily job replaces it once the month has ended, and makes every finished month of the last
``REPORTS_MONTHLY_CATCH_UP_MONTHS`` (default 12) that has no final report yet, so a missed run catches up.
"""

from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.core.models import Role
from desaku.reports import figures as registry
from desaku.reports.figures import Filters, add_months, month_end, month_start
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


def document_number(month: date, head) -> str:
    """The official number of a month's report: the same for every regeneration of that month, so a final report
    replaces its provisional one under the same number. Format: ``REPORTS_MONTHLY_NUMBER_FORMAT``."""
    pattern = getattr(settings, "REPORTS_MONTHLY_NUMBER_FORMAT", "400.9/LB-{month:02d}/{unit}/{year}")
    return pattern.format(month=month.month, year=month.year, unit=head.unit_code)


def pdf_html(month: date, sections, provisional: bool = False) -> str:
    """The PDF's HTML: letterhead, document number, the figures and the Kepala Dinas's approval block."""
    from desaku.core.letters import letterhead

    head = letterhead()
    return render_to_string("reports/monthly_pdf.html", {
        "letterhead": head, "document_number": document_number(month, head), "month": month,
        "month_label": month_label(month), "sections": sections, "generated_at": timezone.localtime(),
        "provisional": provisional})


def render_pdf(month: date, sections, provisional: bool = False) -> bytes:
    from weasyprint import HTML

    return HTML(string=pdf_html(month, sections, provisional)).write_pdf()


@transaction.atomic
def generate_monthly_report(*, month: date, by=None, pdf: bool = True, today: date | None = None) -> MonthlyReport:
    """Make (or remake) the report of ``month``; provisional when the month has not ended by ``today``."""
    month = month_start(month)
    today = today or timezone.localdate()
    sections = sections_for(month)
    report = MonthlyReport.objects.select_for_update().filter(month=month).first() or MonthlyReport(month=month)
    report.figures = {figure.key: result.as_json() | {"comparison": comparison}
                      for figure, result, comparison in sections}
    report.generated_at = timezone.now()
    report.generated_by = by
    report.provisional = month_end(month) >= today
    name = f"laporan-bulanan-{month:%Y-%m}"
    report.xlsx.save(f"{name}.xlsx", ContentFile(render_xlsx(month, sections)), save=False)
    if pdf:
        report.pdf.save(f"{name}.pdf", ContentFile(render_pdf(month, sections, provisional=report.provisional)),
                        save=False)
    report.save_with_reason(by=by, reason=_("monthly report generated"))
    return report


def catch_up_months() -> int:
    return int(getattr(settings, "REPORTS_MONTHLY_CATCH_UP_MONTHS", 12))


def first_recorded_month() -> date | None:
    """The month of the earliest registration or encounter: no report is made of the months before (a fresh
    installation does not get a year of empty reports)."""
    from django.db.models import Min

    from desaku.outreach.models import Encounter
    from desaku.people.models import Person

    days = [timezone.localtime(at).date() for at in (
        Person.objects.aggregate(m=Min("created_at"))["m"], Encounter.objects.aggregate(m=Min("encountered_at"))["m"])
        if at is not None]
    return month_start(min(days)) if days else None


def months_due(today: date) -> list[date]:
    """Finished months of the catch-up window without a final report (missing or provisional), oldest first."""
    last = add_months(month_start(today), -1)
    first = first_recorded_month()
    window = [add_months(last, -i) for i in reversed(range(catch_up_months()))]
    window = [month for month in window if first is not None and month >= first]
    final = set(MonthlyReport.objects.filter(month__in=window, provisional=False).values_list("month", flat=True))
    return [month for month in window if month not in final]


def monthly_job(today: date) -> int:
    """Every day: make the report of each finished month (within the catch-up window) that has none yet or only a
    provisional one. Returns how many reports were made."""
    due = months_due(today)
    for month in due:
        generate_monthly_report(month=month, by=None, today=today)
    return len(due)
