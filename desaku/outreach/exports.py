"""Excel exports of the outreach lists, declared on the shared list-export mechanism
(desaku.reports.listexport: the file at once when small, a background job with progress when large).

The same selectors and filters as the pages, so an export never shows more than the list. NIKs only
masked; sensitive PPKS categories never by name (a marker for roles that may know of them, nothing
for others); text that a spreadsheet would run as a formula is prefixed with an apostrophe. Every
export is written to the access log with its filters.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.outreach import forms, selectors
from desaku.outreach.permissions import can_read
from desaku.people.models import Classification
from desaku.people.permissions import can_see_sensitive
from desaku.reports import listexport
from desaku.reports.listexport import MAX_ROWS, XLSX, ListExport, Table, cell, workbook  # noqa: F401 (used by others)


def category_labels(user, categories) -> str:
    shown = [c.short_name or c.code for c in categories if not c.is_sensitive]
    if any(c.is_sensitive for c in categories) and can_see_sensitive(user):
        shown.append(_("(restricted category)"))
    return ", ".join(shown)


def current_categories(person) -> list:
    return [c.category for c in getattr(person, "current_classifications", [])]


def with_categories(queryset, path="person"):
    return queryset.prefetch_related(Prefetch(
        f"{path}__classifications", queryset=Classification.objects.filter(valid_to__isnull=True)
        .select_related("category"), to_attr="current_classifications"))


def filtered_table(user, params, *, name, title, filter_class, queryset, model_label, headers, row,
                   persons=None) -> Table:
    """A list page's table: ``queryset(user)`` through the page's filter form fed with ``params``;
    ``persons(item)`` names the registry persons a row shows (masked when protected, see listexport)."""
    filter_form = filter_class(params, user=user)  # as on the page (the user's categories, organisations)
    return Table(title=title, name=name, headers=headers, items=filter_form.apply(queryset(user)),
                 row=lambda item: row(user, item), persons=persons, user=user,
                 log={"model_label": model_label, "detail": filter_form.describe() or _("no filter")})


def declare(kind, build, allowed=can_read):
    """Register a list export and return its view (for urls.py)."""
    listexport.register(ListExport(kind=kind, build=build, allowed=allowed))
    return listexport.view(kind)


def _name(user):
    return (user.get_full_name() or user.username) if user else ""


def _person_columns(person):
    return [person.registration_number, person.full_name, person.nik_masked, person.get_sex_display(),
            person.birth_year]


def person_headers():  # a function, so the labels follow the request's language
    return [_("Registration number"), _("Name"), _("NIK (masked)"), _("Sex"), _("Birth year")]


def operations_table(user, params):
    def queryset(user):
        return selectors.operations_visible_to(user).select_related("organisation", "created_by").prefetch_related(
            "team", "agencies", "encounters")

    def row(user, op):
        kecamatan = op.kelurahan.parent.name if op.kelurahan and op.kelurahan.parent_id else ""
        return [op.pk, op.get_kind_display(), op.started_at, op.ended_at, op.place,
                op.kelurahan.name if op.kelurahan else "", kecamatan, op.latitude, op.longitude,
                ", ".join(_name(u) for u in op.team.all()), ", ".join(a.short_name or a.name for a in op.agencies.all()),
                len(op.encounters.all()), op.report_reference, str(op.organisation), _name(op.created_by), op.notes]

    return filtered_table(user, params, name="operations", title=_("Operations"), filter_class=forms.OperationFilter,
                  queryset=queryset, model_label="outreach.OutreachOperation", row=row, headers=[
                      _("Id"), _("Type"), _("Start"), _("End"), _("Place"), _("Kelurahan"), _("Kecamatan"),
                      _("Latitude"), _("Longitude"), _("Team"), _("Agencies"), _("Persons found"),
                      _("Public report reference"), _("Organisation"), _("Recorded by"), _("Notes")])


def encounters_table(user, params):
    def queryset(user):
        return with_categories(selectors.encounters_visible_to(user).select_related(
            "operation", "referred_to", "previous_disposition", "recorded_by"))

    def row(user, e):
        previous = e.previous_disposition
        return [e.pk, e.operation_id, e.operation.get_kind_display(), e.encountered_at, *_person_columns(e.person),
                e.person.age_on(timezone.localtime(e.encountered_at).date()),
                category_labels(user, current_categories(e.person)), e.place, e.get_activity_display(),
                e.get_company_display(), e.possible_exploitation, e.get_outcome_display(),
                e.referred_to.name if e.referred_to else "", previous.get_kind_display() if previous else "",
                previous.decided_on if previous else None, e.days_since_exit, _name(e.recorded_by), e.notes]

    return filtered_table(user, params, name="encounters", title=_("Encounters"), filter_class=forms.EncounterFilter,
                  queryset=queryset, model_label="outreach.Encounter", row=row, persons=lambda e: [e.person],
                  headers=[
                      _("Id"), _("Operation"), _("Operation type"), _("Time"), *person_headers(), _("Age"),
                      _("PPKS categories"), _("Where"), _("Doing"), _("With whom"), _("Possible exploitation"),
                      _("Outcome"), _("Referred to"), _("Earlier disposition"), _("Earlier exit on"),
                      _("Days since exit"), _("Recorded by"), _("Notes")])


def stays_table(user, params):
    def queryset(user):
        return with_categories(selectors.stays_visible_to(user).select_related("over_capacity_approved_by")
                               .prefetch_related("assessments"))

    def row(user, s):
        latest = max(s.assessments.all(), key=lambda a: a.version, default=None)
        return [s.pk, *_person_columns(s.person), category_labels(user, current_categories(s.person)), s.shelter.name,
                s.admitted_on, s.due_on, s.extensions, s.get_status_display(), s.ended_on,
                s.days_in(timezone.localdate()), _name(s.responsible_worker), s.over_capacity_reason,
                latest.version if latest else None, latest.get_risk_level_display() if latest else "",
                latest.get_recommendation_display() if latest else ""]

    return filtered_table(user, params, name="stays", title=_("Shelter stays"), filter_class=forms.StayFilter,
                  queryset=queryset, model_label="outreach.Stay", row=row, persons=lambda s: [s.person],
                  headers=[
                      _("Id"), *person_headers(), _("PPKS categories"), _("Shelter"), _("Admitted on"),
                      _("Assessment due"), _("Extensions"), _("Status"), _("Ended on"), _("Days"),
                      _("Responsible Peksos"), _("Reason for admitting over capacity"), _("Assessment version"),
                      _("Risk level"), _("Recommended disposition")])


def dispositions_table(user, params):
    def queryset(user):
        return selectors.dispositions_visible_to(user).select_related(
            "stay__shelter", "proposed_by", "approved_by", "destination_region", "letter")

    def row(user, d):
        person = d.stay.person
        return [d.pk, d.stay_id, *_person_columns(person), d.stay.shelter.name, d.get_kind_display(),
                d.exit_destination.name, d.exit_destination.get_exit_class_display(), d.decided_on,
                d.get_status_display(), _name(d.proposed_by), _name(d.approved_by), d.approved_at, d.review_note,
                d.institution.name if d.institution else "",
                d.destination_region.name if d.destination_region else "", d.letter.number if d.letter else ""]

    return filtered_table(user, params, name="dispositions", title=_("Dispositions"), filter_class=forms.DispositionFilter,
                  queryset=queryset, model_label="outreach.Disposition", row=row,
                  persons=lambda d: [d.stay.person], headers=[
                      _("Id"), _("Stay"), *person_headers(), _("Shelter"), _("Disposition"), _("Exit destination"),
                      _("Exit class"), _("Date"), _("Status"), _("Proposed by"), _("Approved by"), _("Approved at"),
                      _("Approver's note"), _("Institution"), _("Area of origin"), _("Letter number")])


def pending_table(user, params):
    """The Kepala Bidang's queue: every proposed disposition in scope, oldest first as on the page, with the
    latest assessment's risk and recommendation."""
    items = selectors.pending_dispositions(user).select_related(
        "stay__shelter", "stay__person", "proposed_by", "destination_region", "exit_destination").prefetch_related(
        "stay__assessments").order_by("decided_on", "id")
    today = timezone.localdate()

    def row(d):
        stay = d.stay
        latest = max(stay.assessments.all(), key=lambda a: a.version, default=None)
        return [d.pk, d.stay_id, *_person_columns(stay.person), stay.shelter.name, stay.admitted_on, stay.due_on,
                stay.due_on < today if stay.due_on else False, d.get_kind_display(), d.exit_destination.name,
                d.decided_on, _name(d.proposed_by), d.destination_region.name if d.destination_region else "",
                latest.version if latest else None, latest.get_risk_level_display() if latest else "",
                latest.get_recommendation_display() if latest else ""]

    return Table(title=_("Waiting for approval"), name="dispositions-pending", items=items, row=row, user=user,
                 persons=lambda d: [d.stay.person],
                 log={"model_label": "outreach.Disposition", "detail": _("waiting for approval")}, headers=[
                     _("Id"), _("Stay"), *person_headers(), _("Shelter"), _("Admitted on"), _("Assessment due"),
                     _("Overdue"), _("Disposition"), _("Exit destination"), _("Date"), _("Proposed by"),
                     _("Area of origin"), _("Assessment version"), _("Risk level"), _("Recommended disposition")])


def activities_table(user, params):
    def queryset(user):
        return selectors.activities_visible_to(user).select_related("kelurahan", "created_by").prefetch_related(
            "participants").order_by("-held_on", "-id")

    def row(user, activity):
        # Participants are counted, not named: an activity list is not the place for a name roll.
        return [activity.pk, activity.get_kind_display(), activity.held_on, activity.place,
                activity.kelurahan.name if activity.kelurahan else "", activity.organiser, activity.topic,
                len(activity.participants.all()), activity.head_count, _name(activity.created_by), activity.notes]

    return filtered_table(user, params, name="preventive-activities", title=_("Preventive activities"),
                  filter_class=forms.ActivityFilter, queryset=queryset, model_label="outreach.PreventiveActivity",
                  row=row, headers=[_("Id"), _("Type"), _("Date"), _("Place"), _("Kelurahan"), _("Organiser"),
                                    _("Topic"), _("Registered participants"), _("Head count"), _("Recorded by"),
                                    _("Notes")])


# The views (urls.py keeps their names); the kinds are the background jobs' kinds.
export_operations = declare("outreach.operations", operations_table)
export_encounters = declare("outreach.encounters", encounters_table)
export_stays = declare("outreach.stays", stays_table)
export_dispositions = declare("outreach.dispositions", dispositions_table)
export_pending_dispositions = declare("outreach.pending-dispositions", pending_table)
export_activities = declare("outreach.activities", activities_table)
