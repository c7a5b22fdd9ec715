"""Excel exports of the training reports and of a batch's participants, declared on the shared list-export
mechanism (desaku.reports.listexport: the file at once when small, a background job with progress when
large). NIKs only masked; every export is written to the access log."""

from types import SimpleNamespace

from django.db.models import Count
from django.utils.translation import gettext as _

from desaku.reports import listexport
from desaku.reports.listexport import ListExport, Table
from desaku.training import forms, selectors
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
                 persons=lambda e: [e.person], user=user,
                 log={"obj": batch, "detail": "participants"})


def batches_table(user, params):
    """The batch list with its filters (status, skill type, year), newest first as on the page."""
    filter_form = forms.BatchFilter(params)
    batches = selectors.with_counts(filter_form.apply(selectors.batches_visible_to(user))).order_by(
        "-start_date", "-id")

    def row(b):
        return [b.pk, b.name, b.course.name, b.course.skill_type.name, b.provider_name, b.location, b.start_date,
                b.end_date, b.get_status_display(), b.capacity, b.enrolled, b.waiting, b.completed,
                b.funding_source.name if b.funding_source else "", b.budget, b.budget_used]

    return Table(title=_("Training batches"), name="training-batches", items=batches, row=row,
                 log={"model_label": "training.Batch", "detail": listexport.describe(filter_form)},
                 headers=[_("Id"), _("Batch name"), _("Course"), _("Skill type"), _("Provider"), _("Location"),
                          _("Start date"), _("End date"), _("Status"), _("Capacity"), _("Enrolled"),
                          _("Waiting list"), _("Completed"), _("Funding source"), _("Budget (Rp)"),
                          _("Budget used (Rp)")])


def courses_table(user, params):
    """The course catalogue (reference data, the same for every training reader)."""
    def row(c):
        return [c.pk, c.name, c.skill_type.name, c.sessions, c.hours, c.min_age, c.min_attendance_pct,
                c.pass_score, ", ".join(g.short_name or g.name for g in c.target_groups.all()), c.batch_count,
                c.active]

    return Table(title=_("Courses"), name="training-courses", row=row,
                 items=selectors.courses().annotate(batch_count=Count("batches", distinct=True)).order_by(
                     "skill_type__order", "name"),
                 log={"model_label": "training.Course", "detail": _("no filter")},
                 headers=[_("Id"), _("Course"), _("Skill type"), _("Sessions"), _("Hours"), _("Minimum age"),
                          _("Minimum attendance (%)"), _("Pass score"), _("Target groups"), _("Batches"),
                          _("Active")])


def follow_ups_table(user, params):
    """The outcome follow-ups the page shows (?show=due|all|done; due by default)."""
    show = params.get("show", "due")
    show = show if show in selectors.FOLLOW_UP_VIEWS else "due"

    def row(f):
        person = f.enrolment.person
        return [f.pk, person.registration_number, person.full_name, person.nik_masked, f.enrolment.batch.name,
                f.months, f.due_on, f.done_on, f.get_work_status_display() if f.work_status else "",
                f.monthly_income, f.starter_kit, f.uep, f.notes]

    return Table(title=_("Outcome follow-ups"), name=f"training-follow-ups-{show}",
                 items=selectors.follow_ups_shown(user, show), row=row, user=user,
                 persons=lambda f: [f.enrolment.person],
                 log={"model_label": "training.FollowUp", "detail": f"show={show}"},
                 headers=[_("Id"), _("Registration number"), _("Name"), _("NIK (masked)"), _("Batch"),
                          _("Months after the batch"), _("Due on"), _("Followed up on"), _("Work"),
                          _("Monthly income (Rp)"), _("Starter kit received"), _("UEP received"), _("Notes")])


def _declare(kind, build):
    listexport.register(ListExport(kind=kind, build=build, allowed=can_read))
    return listexport.view(kind)


# The views (urls.py keeps their names); the kinds are the background jobs' kinds.
export_report = _declare("training.report", report_table)
export_participants = _declare("training.participants", participants_table)
export_batches = _declare("training.batches", batches_table)
export_courses = _declare("training.courses", courses_table)
export_follow_ups = _declare("training.follow-ups", follow_ups_table)
