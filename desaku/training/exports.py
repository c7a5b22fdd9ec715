"""Excel exports of the training reports and of a batch's participants, declared on the shared list-export
mechanism (desaku.reports.listexport: the file at once when small, a background job with progress when
large). NIKs only masked; every export is written to the access log."""

from types import SimpleNamespace

from django.utils.translation import gettext as _

from desaku.reports import listexport
from desaku.reports.listexport import ListExport, Table
from desaku.training import selectors
from desaku.training.permissions import can_read


def report_table(user, params):
    from desaku.training.views import GROUP_LABELS, _report_params

    group_by, year = _report_params(SimpleNamespace(GET=params))
    headers = [dict(GROUP_LABELS())[group_by], _("Enrolled"), _("Completed"), _("Completion rate (%)"),
               _("Working (employed)"), _("Working (own business)"), _("Not working")]
    return Table(title=_("Training"), name=f"pelatihan-{group_by}", headers=headers,
                 items=list(selectors.report(user, group_by, year)),
                 row=lambda r: [r["label"], r["enrolled"], r["completed"], r["rate"], r["employed"],
                                r["own_business"], r["not_working"]],
                 log={"model_label": "training.Enrolment", "detail": f"by={group_by} year={year or ''}"})


def participants_table(user, params):
    batch = selectors.batch_for(user, params.get("pk"))
    headers = [_("Registration number"), _("Name"), _("NIK (masked)"), _("Sex"), _("Birth year"), _("Status"),
               _("Attendance (%)"), _("Final score"), _("Certificate"), _("Reason for withdrawal")]

    def row(e):
        return [e.person.registration_number, e.person.full_name, e.person.nik_masked, e.person.get_sex_display(),
                e.person.birth_year, e.get_status_display(), e.attendance_pct, e.final_score,
                e.certificate.number if e.certificate else "", e.withdrawal_reason]

    return Table(title=_("Participants"), name=f"peserta-pelatihan-{batch.pk}", headers=headers,
                 items=batch.enrolments.select_related("person", "certificate").order_by("enrolled_at"), row=row,
                 log={"obj": batch, "detail": "participants"})


def _declare(kind, build):
    listexport.register(ListExport(kind=kind, build=build, allowed=can_read))
    return listexport.view(kind)


# The views (urls.py keeps their names); the kinds are the background jobs' kinds.
export_report = _declare("training.report", report_table)
export_participants = _declare("training.participants", participants_table)
