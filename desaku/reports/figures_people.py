"""Figures of the people registry (definitions in docs/measures.md)."""

from collections import defaultdict
from dataclasses import replace

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from desaku.core.models import PPKSCategory, Region
from desaku.people.models import Classification
from desaku.people.selectors import persons_visible_to
from desaku.reports import summaries
from desaku.reports.figures import Figure, Result, bar, register
from desaku.reports.filtering import aware_range, may_see_sensitive, narrow
from desaku.reports.links import list_link


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
        src = summaries.source(filters, user)
        if src is not None:
            counts = self.from_summary(filters, src)
        else:
            persons = filtered_persons(filters, user)
            classifications = Classification.objects.filter(
                person__in=persons.values("pk"), valid_from__lte=filters.end,
                person__merged_into__isnull=True).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=filters.start))
            counts = dict(classifications.order_by().values("category").annotate(n=Count("person", distinct=True)).values_list(
                "category", "n"))
        categories = PPKSCategory.objects.filter(pk__in=[pk for pk, n in counts.items() if n])
        if not may_see_sensitive(user):
            categories = categories.exclude(is_sensitive=True)
        rows = [{"category__code": c.code, "category__name": c.name, "n": counts[c.pk]}
                for c in categories.order_by("number")]
        table = [[f"{r['category__code']} {r['category__name']}", r["n"]] for r in rows]
        return Result(columns=[_("PPKS category"), _("Persons")], rows=table, links=[
            self.row_link(filters, c) for c in categories.order_by("number")],
                      chart=bar([r["category__code"] for r in rows], {_("Persons"): [r["n"] for r in rows]}))

    def row_link(self, filters, category):
        """The persons who held ``category`` in the period (only one category fits in the list's filter)."""
        if filters.category and filters.category != category.pk:
            return None
        return list_link("people:list", replace(filters, category=category.pk), period="held")

    def from_summary(self, filters, src):
        """Intervals overlapping the period, minus the gaps between two of a person's intervals that both
        overlap it (summaries._categories)."""
        start, end = filters.months[0], filters.months[-1]
        counts = defaultdict(int)
        for month, key, value in src.rows("cat", None, end):
            head, last = key.split("|")
            if head.startswith("g"):
                if month >= start and summaries.parse_ym(last) <= end:
                    counts[int(head[1:])] += value
            elif not last or summaries.parse_ym(last) >= start:
                counts[int(head)] += value
        return counts

    def link(self, filters):
        return list_link("people:list", filters, period="held")


@register
class PeopleByKelurahan(Figure):
    key = "people.by_kelurahan"
    title = _("Persons by domicile kelurahan")
    definition = "persons-by-kelurahan"
    group = _("Registry")

    def compute(self, filters, user):
        src = summaries.source(filters, user)
        if src is not None:
            counts = defaultdict(int)
            for _month, key, value in src.rows("reg", None, filters.months[-1]):
                counts[key or None] += value
        else:
            _start, end = aware_range(filters)
            counts = dict(filtered_persons(filters, user).filter(created_at__lt=end).order_by().values(
                "domicile_kelurahan").annotate(n=Count("pk")).values_list("domicile_kelurahan", "n"))
        names = {r.code: (r.name, r.parent.name if r.parent else "") for r in Region.objects.filter(
            code__in=[c for c in counts if c]).select_related("parent")}
        unknown = _("No domicile recorded")
        table = [[names[code][0] if code else unknown, names[code][1] if code else "", n, code or ""]
                 for code, n in counts.items() if n]
        table.sort(key=lambda row: (-row[2], row[3]))
        links = [self.row_link(filters, row[3]) for row in table]
        table = [row[:3] for row in table]
        return Result(columns=[_("Kelurahan"), _("Kecamatan"), _("Persons")], rows=table, links=links,
                      chart=bar([r[0] for r in table[:20]], {_("Persons"): [r[2] for r in table[:20]]}))

    def headline(self, result):
        return sum(row[2] for row in result.rows)

    def row_link(self, filters, code):
        if not code:
            return None  # the list cannot choose "no domicile recorded"
        return list_link("people:list", replace(filters, kelurahan=code), period="held",
                         registered_by=filters.end.isoformat())

    def link(self, filters):
        return list_link("people:list", filters, period="held", registered_by=filters.end.isoformat())
