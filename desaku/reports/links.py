"""Links from a dashboard figure to the list it summarises, carrying every dashboard filter.

The target lists take the dashboard's filters through desaku/people/listfilters.py: ``from``/``to`` (the
record's date), ``ended_from``/``ended_to`` (the day a stay or occupancy ended), ``kecamatan``, ``kelurahan``,
``organisation`` and ``category`` (a PPKS code, held at some time in the period). A figure says which of these
its target list understands; when a filter is set that the list cannot apply, there is no link: a list that
shows more than the figure counted would mislead (docs/decisions.md).
"""

from urllib.parse import urlencode

from django.urls import reverse

from desaku.core.models import PPKSCategory

ALL_PLACES = ("kecamatan", "kelurahan", "organisation", "category")
PERIOD_NAMES = {"from": ("from", "to"), "ended": ("ended_from", "ended_to"), "held": ("held_from", "held_to")}


def category_code(pk) -> str | None:
    return PPKSCategory.objects.filter(pk=pk).values_list("code", flat=True).first() if pk else None


def list_link(name, filters, *, period="from", supports=ALL_PLACES, **extra) -> str | None:
    """The URL of list ``name`` narrowed like ``filters``.

    ``period``: how the list takes the period: ``"from"`` (``from``/``to``), ``"ended"``
    (``ended_from``/``ended_to``), ``"held"`` (the registry: ``held_from``/``held_to``), ``"month"`` (only a
    single month), or None when the figure does not depend on it. ``supports``: the other filters the list
    understands. ``extra``: the row's own parameters (a status, an activity…).
    """
    params = {}
    if period in PERIOD_NAMES:
        first, last = PERIOD_NAMES[period]
        params[first], params[last] = filters.start.isoformat(), filters.end.isoformat()
    elif period == "month":
        months = filters.months
        if len(months) != 1:
            return None
        params["month"] = f"{months[0]:%Y-%m}"
    for dimension in ALL_PLACES:
        value = getattr(filters, dimension)
        if not value:
            continue
        if dimension not in supports:
            return None
        if dimension == "kecamatan" and filters.kelurahan:
            continue  # the kelurahan says it
        params[dimension] = category_code(value) if dimension == "category" else value
    params.update({k: v for k, v in extra.items() if v not in (None, "", False)})
    return reverse(name) + ("?" + urlencode(params) if params else "")
