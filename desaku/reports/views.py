"""Pages of the reports app: the heads' dashboard, background exports, the monthly report archive and the
public open-data page. Thin: figures come from the registry, writes from exports/monthly services."""

import csv
import io
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from desaku.core.files import serve_file
from desaku.core.services import log_access
from desaku.reports import dashboard, definitions, exports, monthly, opendata, retention
from desaku.reports import figures as registry
from desaku.reports.forms import DashboardFilter
from desaku.reports.models import ExportStatus, MonthlyReport
from desaku.reports.permissions import can_generate, can_read


def require_read(user):
    if not can_read(user):
        raise PermissionDenied


@require_GET
@login_required
def dashboard_page(request):
    require_read(request.user)
    form = DashboardFilter(request.GET, user=request.user)
    filters = form.filters()
    panels = dashboard.panels(request.user, filters)
    charts = [{"id": f"chart-{i}", "config": p.result.as_json()["chart"]} for i, p in enumerate(panels)]
    return render(request, "reports/dashboard.html", {
        "form": form, "filters": filters, "panels": panels, "charts": charts,
        "period": dashboard.describe(filters), "previous": filters.previous(), "last_year": filters.last_year(),
        "summary_at": _summary_at(request.user, filters)})


@require_GET
@login_required
def definitions_page(request):
    """docs/measures.md, the written definition of every figure, with an anchor per measure."""
    require_read(request.user)
    body, _anchors = definitions.page()
    return render(request, "reports/definitions.html", {"body": body})


def _summary_at(user, filters):
    """When the summary tables the figures read were made (None when the figures are computed live)."""
    from desaku.reports import summaries

    source = summaries.source(filters, user)
    return timezone.localtime(source.refreshed_at) if source else None


@require_POST
@login_required
def export_dashboard(request):
    require_read(request.user)
    filters = DashboardFilter(request.POST, user=request.user).filters()
    job = exports.start_export(user=request.user, kind="reports.dashboard", params=dashboard.filters_params(filters))
    return redirect("reports:export_detail", pk=job.pk)


def _own_job(request, pk):
    # Another user's export is a 404: its existence is not revealed.
    return get_object_or_404(exports.exports_of(request.user), pk=pk)


@require_GET
@login_required
def export_list(request):
    jobs = exports.exports_of(request.user)[:50]
    return render(request, "reports/export_list.html", {"jobs": jobs})


@require_GET
@login_required
def export_detail(request, pk):
    job = _own_job(request, pk)
    template = "reports/_export_status.html" if request.htmx else "reports/export_detail.html"
    return render(request, template, {"job": job, "finished": job.status in (ExportStatus.DONE, ExportStatus.FAILED)})


@require_GET
@login_required
def export_download(request, pk):
    job = _own_job(request, pk)
    if job.status != ExportStatus.DONE or not job.file or retention.expired(job):
        raise Http404
    # The right to the export is checked again: a user who lost the role (or whose export kind is gone) since
    # the export was made may not take the file any more.
    found = exports.exporter_for(job.kind)
    if found is None or not request.user.is_active or not found[1](request.user):
        raise PermissionDenied
    return serve_file(request, job.file, filename=job.filename, as_attachment=True, record=job, detail=job.filename)


@require_GET
@login_required
def monthly_list(request):
    require_read(request.user)
    reports = MonthlyReport.objects.select_related("generated_by")[:60]
    return render(request, "reports/monthly_list.html", {"reports": reports, "can_generate": can_generate(request.user),
                                                         "this_month": timezone.localdate()})


@require_POST
@login_required
def monthly_generate(request):
    if not can_generate(request.user):
        raise PermissionDenied
    value = request.POST.get("month", "")
    try:
        year, month = (int(p) for p in value.split("-"))
        day = date(year, month, 1)
    except ValueError:
        messages.error(request, _("Choose a month."))
        return redirect("reports:monthly_list")
    started = timezone.now()
    if day > timezone.localdate():
        messages.error(request, _("That month has not begun."))
        return redirect("reports:monthly_list")
    # In the background: the PDF of a big month takes a while (docs/measures.md, "Performance").
    from desaku.reports.tasks import generate_monthly_report_task

    generate_monthly_report_task.enqueue(day.isoformat(), request.user.pk)
    report = MonthlyReport.objects.filter(month=day).first()
    messages.success(request, _("The monthly report of %(month)s is being generated; it appears in the list when "
                                "ready.") % {"month": monthly.month_label(day)})
    if monthly.month_end(day) >= timezone.localdate():
        messages.info(request, _("This month is not over: the report is provisional and is replaced once the month "
                                 "has ended."))
    if report is not None and report.generated_at >= started:
        return redirect("reports:monthly_detail", pk=report.pk)
    return redirect("reports:monthly_list")


@require_GET
@login_required
def monthly_detail(request, pk):
    require_read(request.user)
    report = get_object_or_404(MonthlyReport, pk=pk)
    log_access(user=request.user, obj=report, action="view", request=request)
    sections = [(str(getattr(registry.get(key), "title", key)), key, data) for key, data in report.figures.items()]
    return render(request, "reports/monthly_detail.html", {"report": report, "sections": sections,
                                                           "month_label": monthly.month_label(report.month)})


@require_GET
@login_required
def monthly_download(request, pk, fmt):
    require_read(request.user)
    report = get_object_or_404(MonthlyReport, pk=pk)
    stored = {"pdf": report.pdf, "xlsx": report.xlsx}.get(fmt)
    if not stored:
        raise Http404
    return serve_file(request, stored, filename=f"laporan-bulanan-{report.month:%Y-%m}.{fmt}", as_attachment=True,
                      record=report, detail=fmt)


# ------------------------------------------------------------------------------------------ open data


def _year(request):
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and len(value) == 4 else None


@require_GET
@cache_control(public=True, max_age=3600)
def open_data(request):
    rows = opendata.published_rows(_year(request))
    return render(request, "reports/open_data.html", {"rows": rows, "threshold": opendata.THRESHOLD})


@require_GET
@cache_control(public=True, max_age=3600)
def open_data_csv(request):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=opendata.FIELDS)
    writer.writeheader()
    for row in opendata.published_rows(_year(request)):
        writer.writerow({k: (("'" + v) if isinstance(v, str) and v.startswith(("=", "+", "-", "@")) else v)
                         for k, v in row.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="desaku-open-data.csv"'
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def open_data_json(request):
    return JsonResponse(open_data_payload(_year(request)), json_dumps_params={"ensure_ascii": False})


def open_data_payload(year=None) -> dict:
    return {"dataset": "persons_found_on_the_street", "unit": "persons", "suppression": {
        "threshold": opendata.THRESHOLD, "shown_as": opendata.SUPPRESSED, "totals": "omitted"},
        "rows": opendata.published_rows(year)}

