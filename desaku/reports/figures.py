"""The measure/figure framework: each figure is a registered object with a definition in docs/measures.md.

A program app adds its figures from its ``registrations.py``::

    from desaku.reports.figures import Figure, Result, register

    @register
    class CasesOpened(Figure):
        key = "cases.opened"
        title = _("Cases opened per month")
        definition = "cases-opened"           # anchor in docs/measures.md
        def compute(self, filters, user):     # count only through the app's *_visible_to(user) selectors
            ...
            return Result(columns=[...], rows=[[label, value, ...]], chart=bar(labels, {...}))

``compute`` must read through the app's scoped selectors, so a figure never counts what the user
may not see.
"""

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.reports.permissions import READERS

DOCS = "docs/measures.md"


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> list[date]:
    """First days of every month from ``start``'s month to ``end``'s month."""
    months, current = [], month_start(start)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters. ``start``/``end`` are inclusive dates (whole months in the UI)."""

    start: date
    end: date
    kecamatan: str = ""  # region code 35.73.CC
    kelurahan: str = ""  # region code 35.73.CC.10NN
    category: int | None = None  # PPKSCategory pk
    organisation: int | None = None  # Organisation pk

    @classmethod
    def default(cls, today: date | None = None) -> "Filters":
        """The last twelve whole months ending with the current month."""
        today = today or timezone.localdate()
        return cls(start=add_months(month_start(today), -11), end=month_end(today))

    @property
    def region(self) -> str:
        return self.kelurahan or self.kecamatan

    @property
    def months(self) -> list[date]:
        return months_between(self.start, self.end)

    def previous(self) -> "Filters":
        """The same number of months immediately before."""
        count = len(self.months)
        start = add_months(month_start(self.start), -count)
        return replace(self, start=start, end=month_end(add_months(start, count - 1)))

    def last_year(self) -> "Filters":
        start = add_months(month_start(self.start), -12)
        return replace(self, start=start, end=month_end(add_months(month_start(self.end), -12)))

    def query(self) -> dict:
        """The filters as GET parameters of the dashboard (round-trips through the filter form)."""
        data = {"start": f"{self.start:%Y-%m}", "end": f"{self.end:%Y-%m}"}
        for name in ("kecamatan", "kelurahan", "category", "organisation"):
            value = getattr(self, name)
            if value:
                data[name] = str(value)
        return data

    def as_json(self) -> dict:
        return {**self.query()}


@dataclass
class Result:
    """A figure's answer: a table (first column the label) and the chart drawn from it."""

    columns: list
    rows: list[list]
    chart: dict = field(default_factory=dict)
    note: str = ""
    # Links per row (same order as rows) to the filtered list the row summarises, where one exists.
    links: list = field(default_factory=list)

    def value(self, label, column: int = 1):
        for row in self.rows:
            if str(row[0]) == str(label):
                return row[column]
        return None

    def as_json(self) -> dict:
        return {"columns": [str(c) for c in self.columns],
                "rows": [[v if isinstance(v, int | float) or v is None else str(v) for v in row] for row in self.rows],
                "chart": jsonable(self.chart), "note": str(self.note)}


def jsonable(value):
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, int | float | bool) or value is None:
        return value
    return str(value)


def bar(labels, datasets: dict, kind: str = "bar") -> dict:
    """Chart.js data: ``datasets`` maps a series label to its values."""
    return {"type": kind, "labels": [str(label) for label in labels],
            "datasets": [{"label": str(name), "data": list(values)} for name, values in datasets.items()]}


class Figure:
    key: str = ""
    title = ""
    definition = ""  # anchor in docs/measures.md
    group = _("Registry")
    roles: tuple = READERS
    comparable = True  # whether the previous-period / last-year comparison makes sense

    def compute(self, filters: Filters, user) -> Result:  # pragma: no cover - abstract
        raise NotImplementedError

    def link(self, filters: Filters) -> str | None:
        """The list this figure summarises (filtered as far as the list supports)."""
        return None

    def headline(self, result: Result):
        """One number for the comparison with earlier periods (the total of the first value column)."""
        values = [row[1] for row in result.rows if isinstance(row[1], int | float)]
        return sum(values) if values else None

    def visible_to(self, user) -> bool:
        return user.is_authenticated and user.has_role(*self.roles)

    @property
    def doc_url(self) -> str:
        """The definition's place on the app's definitions page (docs/measures.md rendered)."""
        from django.urls import reverse

        return f"{reverse('reports:definitions')}#{self.definition}"


_REGISTRY: dict[str, Figure] = {}


def register(figure_class):
    """Register a Figure subclass (usable as a class decorator); returns the class."""
    figure = figure_class()
    if not figure.key:
        raise ValueError("A figure needs a key")
    _REGISTRY[figure.key] = figure
    return figure_class


def get(key: str) -> Figure | None:
    return _REGISTRY.get(key)


# The official order of the dashboard, the monthly report and the API: by program area (the key's prefix), then
# in the order of registration. Areas not listed come last.
AREA_ORDER = {"people": 0, "outreach": 1, "shelter": 1, "cases": 2, "training": 3, "aid": 4, "village": 5,
              "community": 6}


def _ordered(figures) -> list[Figure]:
    return sorted(figures, key=lambda f: AREA_ORDER.get(f.key.split(".")[0], len(AREA_ORDER)))


def all_figures() -> list[Figure]:
    return _ordered(_REGISTRY.values())


def figures_for(user) -> list[Figure]:
    return _ordered(f for f in _REGISTRY.values() if f.visible_to(user))


def compare(figure: Figure, filters: Filters, user, result: Result | None = None) -> dict:
    """The headline now, in the previous period and in the same period last year."""
    result = result or figure.compute(filters, user)
    now = figure.headline(result)
    out = {"current": now, "previous": None, "last_year": None}
    if figure.comparable:
        out["previous"] = figure.headline(figure.compute(filters.previous(), user))
        out["last_year"] = figure.headline(figure.compute(filters.last_year(), user))
    return out


def days_inclusive(start: date, end: date) -> int:
    return (end - start).days + 1


ONE_DAY = timedelta(days=1)
