"""Excel exports of the training reports and of a batch's participants (the outreach cell/workbook helpers).

NIKs only masked; every export is written to the access log."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from desaku.core.services import log_access
from desaku.outreach.exports import XLSX, workbook
from desaku.training import selectors
from desaku.training.views import GROUP_LABELS, _report_params, require_read


def _download(content, name):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="desaku-{name}-{timezone.localdate():%Y%m%d}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def export_report(request):
    user = request.user
    require_read(user)
    group_by, year = _report_params(request)
    rows = selectors.report(user, group_by, year)
    headers = [dict(GROUP_LABELS())[group_by], _("Enrolled"), _("Completed"), _("Completion rate (%)"),
               _("Working (employed)"), _("Working (own business)"), _("Not working")]
    content = workbook(_("Training"), headers, ([r["label"], r["enrolled"], r["completed"], r["rate"], r["employed"],
                                                 r["own_business"], r["not_working"]] for r in rows))
    log_access(user=user, action="export", model_label="training.Enrolment", object_id="*",
               detail=f"by={group_by} year={year or ''}", request=request)
    return _download(content, f"pelatihan-{group_by}")


@require_GET
@login_required
def export_participants(request, pk):
    user = request.user
    require_read(user)
    batch = selectors.batch_for(user, pk)
    headers = [_("Registration number"), _("Name"), _("NIK (masked)"), _("Sex"), _("Birth year"), _("Status"),
               _("Attendance (%)"), _("Final score"), _("Certificate"), _("Reason for withdrawal")]
    enrolments = batch.enrolments.select_related("person", "certificate").order_by("enrolled_at")
    rows = ([e.person.registration_number, e.person.full_name, e.person.nik_masked, e.person.get_sex_display(),
             e.person.birth_year, e.get_status_display(), e.attendance_pct, e.final_score,
             e.certificate.number if e.certificate else "", e.withdrawal_reason] for e in enrolments)
    content = workbook(_("Participants"), headers, rows)
    log_access(user=user, obj=batch, action="export", detail="participants", request=request)
    return _download(content, f"peserta-pelatihan-{batch.pk}")
