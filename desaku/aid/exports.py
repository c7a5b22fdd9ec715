"""Excel exports of the aid lists, declared on the shared list-export mechanism (desaku.reports.listexport:
the file at once when small, a background job with progress when large). The page's filters, neutralised
formulas, masked NIK, every export in the access log."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.aid import selectors
from desaku.aid.models import EnrolmentStatus, RequestStatus
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

    return Table(title=_("Enrolments"), name="enrolments", items=items, row=row, persons=lambda e: [e.person],
                 user=user,
                 log={"model_label": "aid.Enrolment", "detail": "xlsx " + " ".join(shown)},
                 headers=[_("Program"), _("Name"), _("NIK"), _("Kelurahan"), _("Status"), _("Start"), _("End"),
                          _("Bank"), _("Proposed by")])


def lines_table(user, params):
    cycle = get_object_or_404(selectors.cycles_visible_to(user), pk=params.get("pk"))

    def row(line):
        return [line.person.full_name, line.person.nik_masked, line.amount, line.get_status_display(),
                line.get_method_display(), line.reference, line.paid_on, line.received_by, line.note]

    return Table(title=_("Lines"), name=f"cycle-{cycle.pk}", log={"obj": cycle, "detail": "xlsx"}, row=row,
                 persons=lambda line: [line.person], user=user,
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


def programs_table(user, params):
    """The program list (reference data, the same for every reader), as on the page."""
    from desaku.aid.views import rules_in_words

    items = selectors.programs().annotate(active_count=Count(
        "enrolments", filter=Q(enrolments__status=EnrolmentStatus.ACTIVE))).order_by("-active", "-year", "name")

    def row(p):
        return [p.code, p.name, p.year, p.get_kind_display(), p.funding_source.code, p.get_frequency_display(),
                p.benefit_amount, p.benefit_package, p.budget, rules_in_words(p), p.active_count, p.active]

    return Table(title=_("Aid programs"), name="aid-programs", items=items, row=row,
                 log={"model_label": "aid.Program", "detail": _("no filter")},
                 headers=[_("Code"), _("Program"), _("Year"), _("Kind"), _("Funding source"), _("Frequency"),
                          _("Amount per payment (Rp)"), _("Package"), _("Budget"), _("Eligibility rules"),
                          _("Active enrolments"), _("Active")])


def eligible_table(user, params):
    """Eligible persons in the user's scope not yet enrolled in the program of the URL (as on the page)."""
    from desaku.aid import eligibility
    from desaku.people import selectors as people_selectors

    program = get_object_or_404(selectors.programs(), pk=params.get("pk"))
    ids = eligibility.eligible_not_enrolled(program, people_selectors.persons_visible_to(user),
                                            on=timezone.localdate())
    persons = people_selectors.persons_visible_to(user).filter(pk__in=ids).select_related(
        "domicile_kelurahan").order_by("full_name")

    def row(person):
        kelurahan = person.domicile_kelurahan
        return [person.registration_number, person.full_name, person.nik_masked, person.get_sex_display(),
                person.birth_year, kelurahan.name if kelurahan else ""]

    return Table(title=_("Eligible, not enrolled"), name=f"aid-eligible-{program.pk}", items=persons, row=row,
                 user=user, persons=lambda person: [person], log={"obj": program, "detail": "eligible xlsx"},
                 headers=[_("Registration number"), _("Name"), _("NIK (masked)"), _("Sex"), _("Birth year"),
                          _("Kelurahan")])


def cycles_table(user, params):
    """The distribution cycles in the user's scope, as on the page."""
    def row(c):
        return [c.pk, c.name, c.program.name, c.scheduled_on, c.get_status_display(), c.amount, c.line_count,
                c.excluded_count, c.total]

    return Table(title=_("Distribution cycles"), name="aid-cycles", items=selectors.cycles_visible_to(user),
                 row=row, log={"model_label": "aid.Cycle", "detail": _("no filter")},
                 headers=[_("Id"), _("Name"), _("Program"), _("Distribution date"), _("Status"),
                          _("Amount per line (Rp)"), _("Lines"), _("Excluded"), _("Total (Rp)")])


def requests_table(user, params):
    """The recommendation requests with the page's status filter."""
    items = selectors.requests_visible_to(user)
    status = params.get("status", "")
    if status in RequestStatus.values:
        items = items.filter(status=status)
    today = timezone.localdate()

    def row(r):
        return [r.pk, r.person.registration_number, r.person.full_name, r.person.nik_masked, r.get_kind_display(),
                r.purpose, r.facility, r.get_status_display(), r.letter.number if r.letter else "", r.valid_until,
                bool(r.valid_until and r.valid_until < today), r.created_at]

    return Table(title=_("Recommendation requests"), name="aid-requests", items=items, row=row, user=user,
                 persons=lambda r: [r.person],
                 log={"model_label": "aid.RecommendationRequest",
                      "detail": f"status={status}" if status in RequestStatus.values else _("no filter")},
                 headers=[_("Id"), _("Registration number"), _("Name"), _("NIK (masked)"), _("Letter"),
                          _("Purpose"), _("Hospital / health facility"), _("Status"), _("Letter number"),
                          _("Valid until"), _("Expired"), _("Created at")])


def letters_table(user, params):
    """The register of aid letters issued, as on the page (newest first)."""
    items = selectors.requests_visible_to(user).filter(letter__isnull=False).select_related(
        "letter__letter_type").order_by("-letter__issued_on", "-letter__id")
    today = timezone.localdate()

    def row(r):
        return [r.letter.number, r.letter.issued_on, r.get_kind_display(), r.person.full_name, r.valid_until,
                bool(r.valid_until and r.valid_until < today), r.letter.revoked_at is not None]

    return Table(title=_("Letters issued"), name="aid-letters", items=items, row=row, user=user,
                 persons=lambda r: [r.person], log={"model_label": "aid.RecommendationRequest",
                                                    "detail": _("letters issued")},
                 headers=[_("Number"), _("Date"), _("Letter"), _("Person"), _("Valid until"), _("Expired"),
                          _("Revoked")])


def _declare(kind, build):
    listexport.register(ListExport(kind=kind, build=build, allowed=can_read))
    return listexport.view(kind)


def _declare_propose(kind, build):
    from desaku.aid.permissions import can_propose

    listexport.register(ListExport(kind=kind, build=build, allowed=can_propose))
    return listexport.view(kind)


# The views (urls.py keeps their names); the kinds are the background jobs' kinds.
export_enrolments = _declare("aid.enrolments", enrolments_table)
export_lines = _declare("aid.lines", lines_table)
export_budget = _declare("aid.budget", budget_table)
export_programs = _declare("aid.programs", programs_table)
export_eligible = _declare_propose("aid.eligible", eligible_table)
export_cycles = _declare("aid.cycles", cycles_table)
export_requests = _declare("aid.requests", requests_table)
export_letters = _declare("aid.letters", letters_table)
