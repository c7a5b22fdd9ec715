"""The registry list's filters (PPKS category, kelurahan of domicile) and the rows they choose.

A sensitive PPKS category (ODHA, Kelompok Minoritas, Tuna Susila, ABH) is offered only to roles that may
see it; for the others a sensitive code is not a valid choice, so it filters nothing (issue 10 item 5).
The page and its Excel export use the same function, so the export is always the list on screen.
"""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from desaku.core.models import PPKSCategory
from desaku.people import selectors
from desaku.people.forms import KelurahanField, style
from desaku.people.models import Classification
from desaku.people.permissions import can_see_sensitive

LIST_LIMIT = 200  # a name search shows the best matches only


def categories_for(user):
    categories = PPKSCategory.objects.filter(active=True).order_by("number")
    return categories if can_see_sensitive(user) else categories.exclude(is_sensitive=True)


class PersonListFilter(forms.Form):
    q = forms.CharField(required=False)
    category = forms.ModelChoiceField(label=_("PPKS category"), required=False, queryset=PPKSCategory.objects.none(),
                                      to_field_name="code", empty_label=_("All categories"))
    kelurahan = KelurahanField(label=_("Kelurahan (domicile)"), required=False, empty_label=_("All kelurahan"))

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data if data else None, **kwargs)
        self.fields["category"].queryset = categories_for(user)
        self.fields["category"].label_from_instance = lambda c: f"{c.code} {c.short_name or c.name}"
        style(self)

    def values(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def describe(self) -> str:
        values = self.values()
        shown = [f"q={values['q']}"] if "q" in values else []
        if "category" in values:
            shown.append(f"category={values['category'].code}")
        if "kelurahan" in values:
            shown.append(f"kelurahan={values['kelurahan'].code}")
        return ", ".join(shown)


def filtered(user, values: dict):
    """The visible persons of the chosen category and kelurahan (a queryset, newest first)."""
    persons = selectors.persons_visible_to(user)
    if values.get("category") is not None:
        persons = persons.filter(Exists(Classification.objects.filter(
            person=OuterRef("pk"), category=values["category"], valid_to__isnull=True)))
    if values.get("kelurahan") is not None:
        persons = persons.filter(domicile_kelurahan=values["kelurahan"])
    return persons.order_by("-created_at", "-pk")


def listed(user, form: PersonListFilter):
    """What the list shows: a name search (best matches, at most LIST_LIMIT) within the filters, the filtered
    persons (a queryset, all of them) when only filters are set, or the latest registered.

    Returns (persons, query, capped)."""
    values = form.values()
    query = values.get("q", "")
    narrowed = "category" in values or "kelurahan" in values
    if query:
        result = selectors.search_persons(user, query, limit=LIST_LIMIT)
        persons = result.persons
        if narrowed:
            keep = set(filtered(user, values).filter(pk__in=[p.pk for p in persons]).values_list("pk", flat=True))
            persons = [p for p in persons if p.pk in keep]
        return persons, result.query, len(result.persons) >= LIST_LIMIT
    if narrowed:
        return filtered(user, values), "", False
    persons = selectors.search_persons(user, "", limit=LIST_LIMIT).persons
    return persons, "", len(persons) >= LIST_LIMIT
