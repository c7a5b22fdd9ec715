"""The heads' dashboard: every figure the user may see, computed for the filters, with comparisons."""

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from desaku.reports import figures as registry
from desaku.reports.figures import Figure, Filters, Result


@dataclass
class Panel:
    figure: Figure
    result: Result
    comparison: dict
    link: str | None

    @property
    def table(self):
        """Rows with the link to the filtered list of each (None where the list has no such filter)."""
        links = self.result.links or [None] * len(self.result.rows)
        return list(zip(self.result.rows, links, strict=False))


# Computed panels are kept this long: a head opening the dashboard again, or a colleague with the same
# scope, gets them from the cache (docs/measures.md, "Performance").
CACHE_SECONDS = 600


def cache_key(user, filters: Filters, keys) -> str:
    """Users with scope "all" share results (same figures, same sensitivity); everyone else has their own,
    since their visible records depend on who they are (owner fields, shares, assignments)."""
    from django.utils.translation import get_language

    from desaku.core.models import Scope
    from desaku.core.scoping import effective_scope
    from desaku.reports.filtering import may_see_sensitive

    who = (f"all:{int(may_see_sensitive(user))}" if effective_scope(user) == Scope.ALL else f"user:{user.pk}")
    raw = json.dumps([who, get_language(), filters.as_json(), list(keys)], sort_keys=True)
    return "reports:panels:" + hashlib.sha256(raw.encode()).hexdigest()


def panels(user, filters: Filters, *, compare: bool = True, progress=None, use_cache: bool = True) -> list[Panel]:
    shown = registry.figures_for(user)
    key = cache_key(user, filters, [f.key for f in shown]) + (":c" if compare else "")
    cached = cache.get(key) if use_cache else None
    if cached is None:
        cached = []
        for index, figure in enumerate(shown):
            result = figure.compute(filters, user)
            comparison = registry.compare(figure, filters, user, result) if compare else {
                "current": figure.headline(result), "previous": None, "last_year": None}
            cached.append((figure.key, result, comparison))
            if progress:
                progress(100 * (index + 1) / max(1, len(shown)))
        if use_cache:
            cache.set(key, cached, CACHE_SECONDS)
    out = []
    for figure_key, result, comparison in cached:
        figure = registry.get(figure_key)
        out.append(Panel(figure=figure, result=result, comparison=comparison, link=figure.link(filters)))
    return out


def describe(filters: Filters) -> str:
    parts = [f"{filters.start:%Y-%m} – {filters.end:%Y-%m}"]
    for name in ("kecamatan", "kelurahan", "category", "organisation"):
        value = getattr(filters, name)
        if value:
            parts.append(f"{name}={value}")
    return ", ".join(parts)


def export_dashboard(job, user, progress):
    """The exporter behind the dashboard's Excel button: the same figures with the job's filters."""
    from datetime import date

    from desaku.core.services import log_access
    from desaku.reports.workbooks import figures_workbook

    params = job.params or {}
    filters = Filters(start=date.fromisoformat(params["start"]), end=date.fromisoformat(params["end"]),
                      kecamatan=params.get("kecamatan", ""), kelurahan=params.get("kelurahan", ""),
                      category=params.get("category"), organisation=params.get("organisation"))
    shown = panels(user, filters, progress=lambda p: progress(p * 0.9), use_cache=False)
    content = figures_workbook(title=_("Dashboard"), subtitle=describe(filters),
                               sections=[(p.figure, p.result, p.comparison) for p in shown])
    log_access(user=user, action="export", model_label="reports.Dashboard", object_id="*",
               detail=describe(filters))
    return f"desaku-dashboard-{filters.start:%Y%m}-{filters.end:%Y%m}.xlsx", content


def filters_params(filters: Filters) -> dict:
    return {"start": filters.start.isoformat(), "end": filters.end.isoformat(), "kecamatan": filters.kecamatan,
            "kelurahan": filters.kelurahan, "category": filters.category, "organisation": filters.organisation}
