"""Figures of the people registry (definitions in docs/measures.md)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from desaku.people.models import Classification
from desaku.people.selectors import persons_visible_to
from desaku.reports.figures import Figure, Result, bar, register
from desaku.reports.filtering import aware_range, may_see_sensitive, narrow


def filtered_persons(filters, user):
    persons = persons_visible_to(user)
    return narrow(persons, filters, user, region="domicile_kelurahan", organisation="organisation", person="pk")


@register
class PeopleByCategory(Figure):
    key = "people.by_category"
    title = _("Persons by PPKS category")
    definition = "persons-by-ppks-category"
    group = _("Registry")

    def compute(self, filters, user):
        persons = filtered_persons(filters, user)
        classifications = Classification.objects.filter(person__in=persons.values("pk"), valid_from__lte=filters.end,
                                                        person__merged_into__isnull=True).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=filters.start))
        if not may_see_sensitive(user):
            classifications = classifications.exclude(category__is_sensitive=True)
        rows = list(classifications.values("category__number", "category__code", "category__name").annotate(
            n=Count("person", distinct=True)).order_by("category__number"))
        table = [[f"{r['category__code']} {r['category__name']}", r["n"]] for r in rows]
        return Result(columns=[_("PPKS category"), _("Persons")], rows=table,
                      chart=bar([r["category__code"] for r in rows], {_("Persons"): [r["n"] for r in rows]}))

    def link(self, filters):
        return reverse("people:list")


@register
class PeopleByKelurahan(Figure):
    key = "people.by_kelurahan"
    title = _("Persons by domicile kelurahan")
    definition = "persons-by-kelurahan"
    group = _("Registry")

    def compute(self, filters, user):
        _start, end = aware_range(filters)
        persons = filtered_persons(filters, user).filter(created_at__lt=end)
        rows = list(persons.values("domicile_kelurahan__code", "domicile_kelurahan__name",
                                   "domicile_kelurahan__parent__name").annotate(n=Count("pk")).order_by(
            "domicile_kelurahan__code"))
        unknown = _("No domicile recorded")
        table = [[r["domicile_kelurahan__name"] or unknown, r["domicile_kelurahan__parent__name"] or "", r["n"]]
                 for r in rows]
        table.sort(key=lambda row: -row[2])
        return Result(columns=[_("Kelurahan"), _("Kecamatan"), _("Persons")], rows=table,
                      chart=bar([r[0] for r in table[:20]], {_("Persons"): [r[2] for r in table[:20]]}))

    def headline(self, result):
        return sum(row[2] for row in result.rows)

    def link(self, filters):
        return reverse("people:list")
