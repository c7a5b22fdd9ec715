"""The Excel export of the caseload list, declared on the shared list-export mechanism
(desaku.reports.listexport: the file at once when small, a background job with progress when large).
The caseload's scope and filters; NIK masked; formulas neutralised; every export in the access log."""

from django.utils.translation import gettext as _

from desaku.cases import forms, selectors
from desaku.cases.models import CaseStatus
from desaku.cases.permissions import can_read, can_write, is_supervisor
from desaku.reports import listexport
from desaku.reports.listexport import ListExport, Table


def _subjects(case) -> list:
    """The registry person a case row names: its person, or the head of its household (held on the household so
    that the row's name is the masked one when the head's identity is protected)."""
    if case.person_id:
        return [case.person]
    if case.household_id:
        return [case.household.pin_head()]
    return []


def cases_table(user, params):
    # As on the page: my caseload, or everything in scope with ?all=1 (always for read-only roles).
    show_all = params.get("all") == "1" or not can_write(user)
    base = selectors.cases_visible_to(user) if show_all else selectors.my_caseload(user)
    filterset = forms.CaseFilter(params or None, queryset=base)
    cases = selectors.with_overview(filterset.qs).order_by("-opened_on", "-pk")

    def row(case):
        person = case.person
        return [case.number, person.registration_number if person else "", case.subject_name,
                person.nik_masked if person else "", case.get_case_type_display(), case.get_source_display(),
                case.get_priority_display(), case.get_status_display(),
                case.worker.get_full_name() or case.worker.username, str(case.organisation), case.opened_on,
                case.closed_on, str(case.exit_destination or ""), case.review_due, selectors.last_contact(case)]

    return Table(title=_("Cases"), name="cases", items=cases, row=row, persons=_subjects, user=user,
                 log={"model_label": "cases.Case", "detail": filterset.describe() or _("no filter")}, headers=[
                     _("Case number"), _("Registration number"), _("Name"), _("NIK (masked)"), _("Case type"),
                     _("Source"), _("Priority"), _("Status"), _("Responsible worker"), _("Organisation"),
                     _("Start date"), _("Close date"), _("Exit destination"), _("Next review"), _("Last contact")])


listexport.register(ListExport(kind="cases.cases", build=cases_table, allowed=can_read))


def referrals_table(user, params):
    """The referral list with its filters (status, no answer for too long), newest first as on the page."""
    filterset = forms.ReferralFilter(params or None, queryset=selectors.referrals_visible_to(user))
    referrals = filterset.qs.order_by("-created_at", "-pk")
    stale = set(selectors.stale_referrals(user).values_list("pk", flat=True))

    def row(r):
        person = r.case.person
        return [r.pk, r.case.number, person.registration_number if person else "", r.case.subject_name,
                person.nik_masked if person else "", r.destination, r.get_status_display(), r.sent_on,
                r.responded_on, r.completed_on, r.pk in stale, r.letter.number if r.letter else "", r.reason,
                r.response, r.created_by.get_full_name() or r.created_by.username, r.created_at]

    return Table(title=_("Referrals"), name="referrals", items=referrals, row=row, user=user,
                 persons=lambda r: _subjects(r.case),
                 log={"model_label": "cases.Referral", "detail": listexport.describe(filterset.form)}, headers=[
                     _("Id"), _("Case number"), _("Registration number"), _("Name"), _("NIK (masked)"),
                     _("Referred to"), _("Status"), _("Sent on"), _("Response date"), _("Completed on"),
                     _("No answer for too long"), _("Letter number"), _("Reason"), _("Response"), _("Created by"),
                     _("Created at")])


def team_table(user, params):
    """The team caseload of a supervisor: one row per responsible worker in scope (no persons)."""
    statuses = CaseStatus.choices

    def row(r):
        worker = r["worker"]
        return [worker.get_full_name() or worker.username, str(worker.organisation or ""),
                *(r["counts"][value] for value, _label in statuses), r["total"], r["overdue_reviews"],
                r["last_contact"]]

    return Table(title=_("Team caseload"), name="team-caseload", items=selectors.team_overview(user), row=row,
                 log={"model_label": "cases.Case", "detail": _("team caseload")},
                 headers=[_("Worker"), _("Organisation"), *(label for _value, label in statuses), _("Total"),
                          _("Overdue plan reviews"), _("Last contact")])


def can_read_team(user) -> bool:
    return can_read(user) and is_supervisor(user)


listexport.register(ListExport(kind="cases.referrals", build=referrals_table, allowed=can_read))
listexport.register(ListExport(kind="cases.team", build=team_table, allowed=can_read_team))
export_referrals = listexport.view("cases.referrals")
export_team = listexport.view("cases.team")
