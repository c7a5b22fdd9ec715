"""Excel exports of the aid lists (the outreach helpers: neutralised formulas, masked NIK, access log)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from desaku.aid import selectors
from desaku.aid.permissions import can_read
from desaku.aid.views import require
from desaku.core.services import log_access
from desaku.outreach.exports import MAX_ROWS, XLSX, workbook


def _response(content, name):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="desaku-{name}-{timezone.localdate():%Y%m%d}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def export_enrolments(request):
    user = request.user
    require(can_read(user))
    items = selectors.enrolments_visible_to(user).select_related("person__domicile_kelurahan")[:MAX_ROWS]
    log_access(user=user, action="export", model_label="aid.Enrolment", object_id="*", detail="xlsx",
               request=request)
    headers = [_("Program"), _("Name"), _("NIK"), _("Kelurahan"), _("Status"), _("Start"), _("End"), _("Bank"),
               _("Proposed by")]
    rows = ([e.program.name, e.person.full_name, e.person.nik_masked,
             e.person.domicile_kelurahan.name if e.person.domicile_kelurahan else "", e.get_status_display(),
             e.start_date, e.end_date, e.bank_name, e.proposed_by.get_full_name() or e.proposed_by.username]
            for e in items)
    return _response(workbook(_("Enrolments"), headers, rows), "enrolments")


@require_GET
@login_required
def export_lines(request, pk):
    user = request.user
    require(can_read(user))
    cycle = get_object_or_404(selectors.cycles_visible_to(user), pk=pk)
    log_access(user=user, obj=cycle, action="export", detail="xlsx", request=request)
    headers = [_("Name"), _("NIK"), _("Amount"), _("Status"), _("Paid by"), _("Reference"), _("Paid on"),
               _("Received by"), _("Note")]
    lines = cycle.lines.select_related("person").order_by("person__full_name")[:MAX_ROWS]
    rows = ([line.person.full_name, line.person.nik_masked, line.amount, line.get_status_display(),
             line.get_method_display(), line.reference, line.paid_on, line.received_by, line.note] for line in lines)
    return _response(workbook(_("Lines"), headers, rows), f"cycle-{cycle.pk}")


@require_GET
@login_required
def export_budget(request):
    user = request.user
    require(can_read(user))
    log_access(user=user, action="export", model_label="aid.Program", object_id="*", detail="budget",
               request=request)
    headers = [_("Funding source"), _("Program"), _("Year"), _("Budget"), _("Committed"), _("Paid"), _("Remaining"),
               _("Active enrolments")]
    rows = ([r["program"].funding_source.code, r["program"].name, r["program"].year, r["budget"], r["committed"],
             r["paid"], r["remaining"], r["enrolled"]] for r in selectors.budget_rows())
    return _response(workbook(_("Budget"), headers, rows), "aid-budget")
