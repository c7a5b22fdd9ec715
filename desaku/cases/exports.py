"""The Excel export of the caseload list, declared on the shared list-export mechanism
(desaku.reports.listexport: the file at once when small, a background job with progress when large).
The caseload's scope and filters; NIK masked; formulas neutralised; every export in the access log."""

from django.utils.translation import gettext as _

from desaku.cases import forms, selectors
from desaku.cases.permissions import can_read
from desaku.reports import listexport
from desaku.reports.listexport import ListExport, Table


def cases_table(user, params):
    filterset = forms.CaseFilter(params or None, queryset=selectors.cases_visible_to(user))
    cases = selectors.with_overview(filterset.qs).order_by("-opened_on", "-pk")

    def row(case):
        person = case.person
        return [case.number, person.registration_number if person else "", case.subject_name,
                person.nik_masked if person else "", case.get_case_type_display(), case.get_source_display(),
                case.get_priority_display(), case.get_status_display(),
                case.worker.get_full_name() or case.worker.username, str(case.organisation), case.opened_on,
                case.closed_on, str(case.exit_destination or ""), case.review_due, selectors.last_contact(case)]

    return Table(title=_("Cases"), name="cases", items=cases, row=row,
                 log={"model_label": "cases.Case", "detail": filterset.describe() or _("no filter")}, headers=[
                     _("Case number"), _("Registration number"), _("Name"), _("NIK (masked)"), _("Case type"),
                     _("Source"), _("Priority"), _("Status"), _("Responsible worker"), _("Organisation"),
                     _("Start date"), _("Close date"), _("Exit destination"), _("Next review"), _("Last contact")])


listexport.register(ListExport(kind="cases.cases", build=cases_table, allowed=can_read))
