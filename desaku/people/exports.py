"""The Excel export of the registry list with its filters, declared on the shared list-export mechanism
(desaku.reports.listexport: the file at once when small, a background job with progress when large).

NIK only masked; categories only those the user may see (as on the page); a person whose identity the
user may not see (a protected child) appears with initials and without identifying fields."""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from desaku.people import listing, selectors
from desaku.people.models import Classification
from desaku.people.permissions import can_merge, can_read
from desaku.reports import listexport
from desaku.reports.listexport import ListExport, Table


def persons_table(user, params):
    form = listing.PersonListFilter(params, user=user)
    persons, _query, _capped = listing.listed(user, form)
    current = Prefetch("classifications", to_attr="export_categories", queryset=selectors.classifications_visible_to(
        user, Classification.objects.filter(valid_to__isnull=True)))
    if isinstance(persons, QuerySet):
        persons = persons.select_related("domicile_kelurahan__parent").prefetch_related(current)
    else:
        from django.db.models import prefetch_related_objects

        prefetch_related_objects(persons, "domicile_kelurahan__parent", current)

    def row(person):
        categories = ", ".join(c.category.short_name or c.category.code
                               for c in getattr(person, "export_categories", []))
        kelurahan = person.domicile_kelurahan
        return [person.registration_number, person.full_name, person.nik_masked, person.get_sex_display(),
                person.birth_year if not person.identity_hidden else None, kelurahan.name if kelurahan else "",
                kelurahan.parent.name if kelurahan and kelurahan.parent_id else "", person.no_fixed_abode,
                categories, person.created_at]

    return Table(title=_("Persons"), name="registry", items=persons, row=row, persons=lambda p: [p], user=user,
                 log={"model_label": "people.Person", "detail": form.describe() or _("no filter")},
                 headers=[_("Registration number"), _("Name"), _("NIK (masked)"), _("Sex"), _("Birth year"),
                          _("Kelurahan"), _("Kecamatan"), _("No fixed abode"), _("PPKS categories"),
                          _("Registered at")])


listexport.register(ListExport(kind="people.persons", build=persons_table, allowed=can_read))
export_persons = listexport.view("people.persons")


def merges_table(user, params):
    """The merges in the user's scope, as on the merge list (both records masked when protected)."""
    def row(m):
        return [m.pk, m.merged_at, m.survivor.registration_number, m.survivor.full_name,
                m.merged.registration_number, m.merged.full_name, str(m.merged_by), m.reason, m.undone_at,
                str(m.undone_by or ""), m.undo_reason]

    return Table(title=_("Merges"), name="registry-merges", row=row, user=user,
                 items=selectors.merges_visible_to(user).select_related("survivor", "merged", "merged_by", "undone_by"),
                 persons=lambda m: [m.survivor, m.merged],
                 log={"model_label": "people.Merge", "detail": _("no filter")},
                 headers=[_("Id"), _("When"), _("Registration number (kept)"), _("Kept record"),
                          _("Registration number (merged)"), _("Merged record"), _("By"), _("Reason"),
                          _("Undone at"), _("Undone by"), _("Reason for undoing")])


listexport.register(ListExport(kind="people.merges", build=merges_table, allowed=can_merge))
export_merges = listexport.view("people.merges")
