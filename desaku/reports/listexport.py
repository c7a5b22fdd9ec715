"""Excel exports of list pages, declared once: returned at once when small, made in the background when large.

An app declares each list export from its own ``exports.py`` (imported by its ``registrations.py``, so a
task worker knows it too)::

    register(ListExport(kind="outreach.encounters", allowed=can_read, build=encounter_table))

``build(user, params)`` returns a :class:`Table`: the scoped, filtered rows of the page (the same
selectors and filter form as the list, fed with ``params``, the page's query string plus the URL's
arguments), the headers, the row function and what to write in the access log. The view
``respond(request, kind)`` counts the rows: up to ``DESAKU_EXPORT_SYNC_MAX_ROWS`` (2,000) the workbook
is returned directly; above it an :class:`~desaku.reports.models.ExportJob` is started and the user is
sent to its progress page (``reports:export_detail``), which offers the download. Both paths write the
same workbook with the same code (:func:`render`).

Every cell goes through :func:`cell` (text a spreadsheet would run as a formula gets an apostrophe); the
row functions show NIKs only masked and sensitive values only to roles that may see them. A table that shows
registry persons names them in ``persons``: a person whose identity the user may not see (a protected child,
desaku.people.identity) is masked (initials, no NIK or birth year) before the row function sees it. This module
imports no program app: the apps come to it (docs/measures.md, "Exports").
"""

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 50_000  # a workbook never holds more (narrow the filters); the page says so
DEFAULT_SYNC_MAX_ROWS = 2_000
LANGUAGE_PARAM = "_language"  # the requester's language, kept in the job's params for the worker


def cell(value):
    """A value openpyxl can write safely: local naive datetimes, neutralised formulas, text otherwise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | Decimal | date):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def workbook(title: str, headers: list, rows: Iterable) -> bytes:
    """One sheet: a bold, frozen header row and one row per item, every value through :func:`cell`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = str(title)[:31]
    sheet.append([cell(h) for h in headers])
    for item in sheet[1]:
        item.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([cell(v) for v in row])
    for column in sheet.columns:
        width = max((len(str(c.value)) for c in column[:200] if c.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(45, max(10, width + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class Table:
    """What one export writes: ``items`` (a queryset or a list, already scoped and filtered) and how."""

    title: str                       # the sheet's name
    name: str                        # the file: desaku-<name>-<yyyymmdd>.xlsx
    headers: list
    items: Any
    row: Callable[[Any], list]
    log: dict = field(default_factory=dict)  # log_access keywords: model_label + object_id, or obj; detail
    # The registry persons an item shows (``item -> iterable of Person``) and the user it is written for:
    # those whose identity the user may not see (a protected child) are masked before their row is written.
    persons: Callable[[Any], Iterable] | None = None
    user: Any = None

    def count(self) -> int:
        return self.items.count() if isinstance(self.items, QuerySet) else len(self.items)

    def iterate(self):
        items = self.items
        if isinstance(items, QuerySet):
            items = items if items.query.is_sliced else items[:MAX_ROWS]
            items = items.iterator(chunk_size=1000)
        else:
            items = iter(list(items)[:MAX_ROWS])
        return items if self.persons is None else self._masked(items)

    def _masked(self, items, chunk: int = 500):
        """The items, their persons masked per chunk (one identity query per chunk, not per row)."""
        batch = []
        for item in items:
            batch.append(item)
            if len(batch) >= chunk:
                yield from self._mask(batch)
                batch = []
        yield from self._mask(batch)

    def _mask(self, batch):
        mask_persons(self.user, [p for item in batch for p in self.persons(item)])
        return batch

    @property
    def filename(self) -> str:
        return f"desaku-{self.name}-{timezone.localdate():%Y%m%d}.xlsx"


def mask_persons(user, persons) -> set[int]:
    """The identity-protection hook (desaku.people.identity) on display copies, birth year included."""
    from desaku.people import identity

    persons = [p for p in persons if p is not None]
    hidden = identity.mask_persons(user, persons)
    for person in persons:
        if person.pk in hidden:
            person.birth_year = None
    return hidden


@dataclass(frozen=True)
class ListExport:
    kind: str                                    # "outreach.encounters": the job's kind
    build: Callable[[Any, QueryDict], Table]     # (user, params) -> Table; may raise Http404
    allowed: Callable[[Any], bool]               # checked by the view, when the job starts and when it runs
    refusal: type[Exception] = PermissionDenied  # Http404 where a list must not even be known to exist


_LIST_EXPORTS: dict[str, ListExport] = {}


def register(export: ListExport) -> ListExport:
    """Declare a list export; it is also registered as a background exporter under the same kind."""
    from desaku.reports.exports import register_exporter

    _LIST_EXPORTS[export.kind] = export
    register_exporter(export.kind, _background(export), allowed=export.allowed)
    return export


def declared(kind: str) -> ListExport:
    return _LIST_EXPORTS[kind]


def describe(form) -> str:
    """What a list's filter form was given, for the access log ("status=sent, stale=True"), or "no filter"."""
    if form is None or not form.is_bound or not form.is_valid():
        return _("no filter")
    shown = ", ".join(f"{key}={value}" for key, value in form.cleaned_data.items()
                      if value not in (None, "", False, [], ()) and not hasattr(value, "exists"))
    return shown or _("no filter")


def sync_max_rows() -> int:
    return int(getattr(settings, "DESAKU_EXPORT_SYNC_MAX_ROWS", DEFAULT_SYNC_MAX_ROWS))


def params_of(query, **url_kwargs) -> dict:
    """The query string as JSON-able data (one value, or a list when repeated) plus the URL's arguments."""
    params = {}
    for key, values in query.lists():
        if key == LANGUAGE_PARAM:
            continue
        params[key] = values if len(values) > 1 else values[0]
    params.update({key: str(value) for key, value in url_kwargs.items()})
    return params


def as_query(params: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in (params or {}).items():
        if key == LANGUAGE_PARAM:
            continue
        query.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    query._mutable = False
    return query


def render(table: Table, progress: Callable[[float], None] | None = None) -> bytes:
    """The workbook of a table; ``progress(percent)`` is called as rows are written (background jobs)."""
    if progress is None:
        return workbook(table.title, table.headers, (table.row(item) for item in table.iterate()))
    total = max(1, min(table.count(), MAX_ROWS))
    progress(5)

    def rows():
        for index, item in enumerate(table.iterate(), start=1):
            if index % 500 == 0:
                progress(5 + 85 * index / total)
            yield table.row(item)

    content = workbook(table.title, table.headers, rows())
    progress(95)
    return content


def _background(export: ListExport):
    def run(job, user, progress):
        params = job.params or {}
        with translation.override(params.get(LANGUAGE_PARAM) or settings.LANGUAGE_CODE):
            table = export.build(user, as_query(params))
            return table.filename, render(table, progress)

    return run


def download(table: Table) -> HttpResponse:
    response = HttpResponse(render(table), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{table.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def respond(request, kind: str, **url_kwargs):
    """The export view of a list: the file when small, else a background job and its progress page.

    The export is written to the access log here (with the request), on both paths.
    """
    from desaku.core.services import log_access
    from desaku.reports.exports import start_export

    export = declared(kind)
    user = request.user
    if not export.allowed(user):
        raise export.refusal
    params = params_of(request.GET, **url_kwargs)
    table = export.build(user, as_query(params))
    large = table.count() > sync_max_rows()
    log = dict(table.log) if "obj" in table.log else {"object_id": "*", **table.log}
    log["detail"] = str(log.get("detail") or _("no filter"))
    if large:
        log["detail"] = f"{log['detail']} ({_('in the background')})"
    log_access(user=user, action="export", request=request, **log)
    if not large:
        return download(table)
    job = start_export(user=user, kind=kind, params={**params, LANGUAGE_PARAM: translation.get_language()})
    return redirect("reports:export_detail", pk=job.pk)


def view(kind: str, *, doc: str = ""):
    """A GET view for urls.py: ``export_encounters = listexport.view("outreach.encounters")``."""
    from django.contrib.auth.decorators import login_required
    from django.views.decorators.http import require_GET

    def export_view(request, **url_kwargs):
        return respond(request, kind, **url_kwargs)

    export_view.__name__ = export_view.__qualname__ = "export_" + kind.split(".", 1)[-1].replace("-", "_")
    export_view.__doc__ = doc or f"The Excel export of {kind} (desaku.reports.listexport)."
    return require_GET(login_required(export_view))
