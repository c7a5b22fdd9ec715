"""Excel exports of the aid lists, declared on the shared list-export mechanism (desaku.reports.listexport:
the file at once when small, a background job with progress when large). The page's filters, neutralised
formulas, masked NIK, every export in the access log."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from desaku.aid import selectors
from desaku.aid.models import EnrolmentStatus
from desaku.aid.permissions import can_read
from desaku.reports import listexport
from desaku.reports.listexport import ListExport, Table


def _year(params):
    value = params.get("year", "")
    return int(value) if value.isdigit() else None


def enrolments_table(user, params):
    """The enrolment list with its filters (status, program)."""
    items = selectors.enrolments_visible_to(user).select_related(
        "program", "person__domicile_kelurahan", "proposed_by")
    shown = []
    if (status := params.get("status", "")) in EnrolmentStatus.values:
        items = items.filter(status=status)
        shown.append(f"status={status}")
    if (program := params.get("program", "")).isdigit():
        items = items.filter(program_id=program)
        shown.append(f"program={program}")

    def row(e):
        return [e.program.name, e.person.full_name, e.person.nik_masked,
                e.person.domicile_kelurahan.name if e.person.domicile_kelurahan else "", e.get_status_display(),
                e.start_date, e.end_date, e.bank_name, e.proposed_by.get_full_name() or e.proposed_by.username]

    return Table(title=_("Enrolments"), name="enrolments", items=items, row=row,
                 log={"model_label": "aid.Enrolment", "detail": "xlsx " + " ".join(shown)},
                 headers=[_("Program"), _("Name"), _("NIK"), _("Kelurahan"), _("Status"), _("Start"), _("End"),
                          _("Bank"), _("Proposed by")])


def lines_table(user, params):
    cycle = get_object_or_404(selectors.cycles_visible_to(user), pk=params.get("pk"))

    def row(line):
        return [line.person.full_name, line.person.nik_masked, line.amount, line.get_status_display(),
                line.get_method_display(), line.reference, line.paid_on, line.received_by, line.note]

    return Table(title=_("Lines"), name=f"cycle-{cycle.pk}", log={"obj": cycle, "detail": "xlsx"}, row=row,
                 items=cycle.lines.select_related("person").order_by("person__full_name"),
                 headers=[_("Name"), _("NIK"), _("Amount"), _("Status"), _("Paid by"), _("Reference"), _("Paid on"),
                          _("Received by"), _("Note")])


def budget_table(user, params):
    """The budget page's rows (the year filter)."""
    year = _year(params)

    def row(r):
        return [r["program"].funding_source.code, r["program"].name, r["program"].year, r["budget"],
                r["committed"], r["paid"], r["remaining"], r["enrolled"]]

    return Table(title=_("Budget"), name="aid-budget", items=list(selectors.budget_rows(year)), row=row,
                 log={"model_label": "aid.Program", "detail": f"budget year={year or ''}"},
                 headers=[_("Funding source"), _("Program"), _("Year"), _("Budget"), _("Committed"), _("Paid"),
                          _("Remaining"), _("Active enrolments")])


def _declare(kind, build):
    listexport.register(ListExport(kind=kind, build=build, allowed=can_read))
    return listexport.view(kind)


# The views (urls.py keeps their names); the kinds are the background jobs' kinds.
export_enrolments = _declare("aid.enrolments", enrolments_table)
export_lines = _declare("aid.lines", lines_table)
export_budget = _declare("aid.budget", budget_table)
