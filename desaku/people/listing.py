"""The registry list's filters (PPKS category, kelurahan of domicile) and the rows they choose.

A sensitive PPKS category (ODHA, Kelompok Minoritas, Tuna Susila, ABH) is offered only to roles that may
see it; for the others a sensitive code is not a valid choice, so it filters nothing (issue 10 item 5).
The page and its Excel export use the same function, so the export is always the list on screen.
"""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.core.models import PPKSCategory
from desaku.people import listfilters, selectors
from desaku.people.forms import KelurahanField, style
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
    # The dashboard's filters (desaku/people/listfilters.py): with a period, the category was held at some time in
    # it (not only now); ``registered_by`` keeps the persons registered on or before that day.
    held_from = listfilters.day_field(_("Category held from"))
    held_to = listfilters.day_field(_("Category held to"))
    registered_by = listfilters.day_field(_("Registered on or before"))
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data if data else None, **kwargs)
        self.fields["category"].queryset = categories_for(user)
        self.fields["category"].label_from_instance = lambda c: f"{c.code} {c.short_name or c.name}"
        self.fields["kecamatan"] = listfilters.kecamatan_field()
        self.fields["organisation"] = listfilters.organisation_field()
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
        for name in ("kecamatan", "organisation", "held_from", "held_to", "registered_by", "mine"):
            if name in values:
                shown.append(f"{name}={getattr(values[name], 'pk', values[name])}")
        return ", ".join(shown)


NARROWING = ("category", "kelurahan", "kecamatan", "organisation", "held_from", "held_to", "registered_by", "mine")


def filtered(user, values: dict):
    """The visible persons of the chosen category and kelurahan (a queryset, newest first)."""
    persons = selectors.persons_visible_to(user)
    if values.get("category") is not None:
        persons = persons.filter(listfilters.held_category("pk", values["category"], values.get("held_from"),
                                                          values.get("held_to")))
    if values.get("kelurahan") is not None:
        persons = persons.filter(domicile_kelurahan=values["kelurahan"])
    elif values.get("kecamatan"):
        persons = persons.filter(domicile_kelurahan__code__startswith=values["kecamatan"] + ".")
    if values.get("organisation") is not None:
        persons = persons.filter(organisation=values["organisation"])
    if values.get("mine"):
        persons = persons.filter(assigned_worker=user.pk)
    if values.get("registered_by") is not None:
        persons = persons.filter(created_at__lt=timezone.make_aware(
            datetime.combine(values["registered_by"] + timedelta(days=1), time.min)))
    return persons.order_by("-created_at", "-pk")


def listed(user, form: PersonListFilter):
    """What the list shows: a name search (best matches, at most LIST_LIMIT) within the filters, the filtered
    persons (a queryset, all of them) when only filters are set, or the latest registered.

    Returns (persons, query, capped)."""
    values = form.values()
    query = values.get("q", "")
    narrowed = any(name in values for name in NARROWING)
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
