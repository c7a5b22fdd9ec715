"""The filters a list page shares with the dashboard (issue 10): period, place, organisation and PPKS category.

A dashboard figure links to the list it summarises with the same filters (``desaku.reports.links``), so the
list must be able to narrow its rows the way the figure counted them. A list filter declares where its records
keep those facts and calls ``add_fields`` / ``narrow``:

- ``date_field``: the record's date; ``from``/``to`` (inclusive days) narrow it;
- ``end_date_field``: the day the record ended (a stay, an occupancy); ``ended_from``/``ended_to`` narrow it;
- ``region_path``: a Region FK (kelurahan); ``kecamatan``/``kelurahan`` narrow it;
- ``organisation_path``: an Organisation FK; ``organisation`` narrows it;
- ``person_path`` (or ``household_path``): whose PPKS category ``category`` (a code) narrows it — the person
  (or a member of the household) held the category at some time in the chosen period, as on the dashboard;
  without a period, holds it now.

A sensitive category is offered only to users who may see it; a list filter built without a user (a background
export) accepts the code but then lists nothing, so such a filter never widens and never reveals.
"""

from datetime import datetime, time, timedelta

from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.core.models import Organisation, PPKSCategory, Region
from desaku.people.models import Classification
from desaku.people.permissions import can_see_sensitive


class DayInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def day_field(label):
    return forms.DateField(label=label, required=False, widget=DayInput())


def kecamatan_field():
    choices = [("", _("All kecamatan"))] + [
        (r.code, r.name) for r in Region.objects.filter(level=3, code__startswith="35.73.").order_by("code")]
    return forms.ChoiceField(label=_("Kecamatan"), required=False, choices=choices)


def kelurahan_field():
    return forms.ModelChoiceField(label=_("Kelurahan"), required=False, empty_label=_("All kelurahan"),
                                  queryset=Region.objects.filter(level=4, code__startswith="35.73.").order_by("code"))


def organisation_field():
    return forms.ModelChoiceField(label=_("Organisation"), required=False, empty_label=_("All organisations"),
                                  queryset=Organisation.objects.order_by("name"))


def category_field(user):
    categories = PPKSCategory.objects.order_by("number")
    if user is not None and not can_see_sensitive(user):
        categories = categories.exclude(is_sensitive=True)
    field = forms.ModelChoiceField(label=_("PPKS category"), required=False, queryset=categories,
                                   to_field_name="code", empty_label=_("All categories"))
    field.label_from_instance = lambda c: f"{c.code} {c.short_name or c.name}"
    return field


def add_fields(form, *, user=None, date_field="", end_date_field="", region_path="", organisation_path="",
               person_path="", household_path="") -> None:
    """Add the shared filter fields the list supports to ``form`` (before it is styled)."""
    if date_field:
        form.fields["from"] = day_field(_("From"))
        form.fields["to"] = day_field(_("To"))
    if end_date_field:
        form.fields["ended_from"] = day_field(_("Ended from"))
        form.fields["ended_to"] = day_field(_("Ended to"))
    if region_path:
        form.fields.setdefault("kecamatan", kecamatan_field())
        form.fields["kelurahan"] = kelurahan_field()
    if organisation_path:
        form.fields["organisation"] = organisation_field()
    if person_path or household_path:
        form.fields["category"] = category_field(user)


def _is_datetime(queryset, path: str) -> bool:
    model = queryset.model
    parts = path.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return isinstance(model._meta.get_field(parts[-1]), models.DateTimeField)


def _day_range(queryset, path: str, first, last):
    """Rows whose ``path`` falls on a day in [first, last] (either may be None); local days for timestamps."""
    if _is_datetime(queryset, path):
        if first:
            queryset = queryset.filter(**{f"{path}__gte": timezone.make_aware(datetime.combine(first, time.min))})
        if last:
            queryset = queryset.filter(**{f"{path}__lt": timezone.make_aware(
                datetime.combine(last + timedelta(days=1), time.min))})
        return queryset
    if first:
        queryset = queryset.filter(**{f"{path}__gte": first})
    if last:
        queryset = queryset.filter(**{f"{path}__lte": last})
    return queryset


def held_category(person_path: str, category, first=None, last=None) -> Q:
    """Q: the person at ``person_path`` held ``category`` at some time in [first, last] (now when neither)."""
    held = Classification.objects.filter(person=OuterRef(person_path), category=category)
    if first is None and last is None:
        held = held.filter(valid_to__isnull=True)
    else:
        if last is not None:
            held = held.filter(valid_from__lte=last)
        if first is not None:
            held = held.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
    return Q(Exists(held))


def period_of(values: dict, month=None):
    """The period a category must have been held in: the date range, else the ended range, else the month."""
    first = values.get("from") or values.get("ended_from")
    last = values.get("to") or values.get("ended_to")
    if first is None and last is None and month is not None:
        from calendar import monthrange

        first, last = month, month.replace(day=monthrange(month.year, month.month)[1])
    return first, last


def narrow(queryset, values: dict, *, user=None, month=None, date_field="", end_date_field="", region_path="",
           organisation_path="", person_path="", household_path=""):
    """Apply the shared filters present in ``values`` (a form's cleaned, non-empty values)."""
    if date_field and (values.get("from") or values.get("to")):
        queryset = _day_range(queryset, date_field, values.get("from"), values.get("to"))
    if end_date_field and (values.get("ended_from") or values.get("ended_to")):
        queryset = _day_range(queryset, end_date_field, values.get("ended_from"), values.get("ended_to"))
    if region_path and values.get("kelurahan") is not None:
        queryset = queryset.filter(**{region_path: values["kelurahan"]})
    elif region_path and values.get("kecamatan"):
        queryset = queryset.filter(**{f"{region_path}__code__startswith": values["kecamatan"] + "."})
    if organisation_path and values.get("organisation") is not None:
        queryset = queryset.filter(**{organisation_path: values["organisation"]})
    category = values.get("category")
    if category is not None and (person_path or household_path):
        if category.is_sensitive and (user is None or not can_see_sensitive(user)):
            return queryset.none()
        first, last = period_of(values, month)
        if person_path:
            queryset = queryset.filter(held_category(person_path, category, first, last))
        else:
            from desaku.people.models import HouseholdMembership

            members = HouseholdMembership.objects.filter(household=OuterRef(household_path)).filter(
                held_category("person", category, first, last))
            queryset = queryset.filter(Exists(members))
    return queryset
