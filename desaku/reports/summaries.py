"""Summary tables behind the heads' dashboard and the monthly report (docs/measures.md, "Performance").

``refresh()`` rebuilds ``ReportCell`` from the records: every figure's numbers per month, organisation
(0 = all) and place ("" = everywhere, "35.73.01." = a kecamatan, "35.73.01.1001" = a kelurahan), so each
filter combination without a PPKS category is ONE coordinate and a figure reads a few hundred rows.
Counts that are additive (operations, encounters, dispositions, registrations, person-nights, stay
lengths) are plain GROUP BY results spread over the coordinates. Distinct-person measures are made
exact over any run of months by storing, with each person-month (or each exit), the month of the
same person's previous occurrence in the same coordinate: a person is counted once in a period
[S, E] by the occurrence whose previous one lies before S (or does not exist). These come from two
set-based queries with window functions (no person id is stored).

``source(filters, user)`` decides whether the summary can answer for this user: scope "all", or scope
"organisation" when the user sees nothing outside their organisation's records (no own records in
other organisations' operations or stays, no person shared by consent or another module: the refresh
stores each user's organisations in ``ReportReach``, and only later records are read per request);
never with a PPKS-category filter. Otherwise the figure computes live, as before.
"""

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby
from operator import itemgetter

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

EXTRAS_SECONDS = 600


def month_of(day) -> date:
    if isinstance(day, datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return day.replace(day=1)


def ym(month: date | None) -> str:
    return f"{month:%Y-%m}" if month else ""


def parse_ym(text: str) -> date | None:
    return date(int(text[:4]), int(text[5:7]), 1) if text else None


def places(code) -> tuple:
    """The place coordinates a record with this kelurahan (or kecamatan) code counts in."""
    if not code:
        return ("",)
    if len(code) > 9 and code[8] == ".":
        return ("", code[:9], code)
    return ("", code)


def coordinates(org, code):
    for region in places(code):
        yield 0, region
        if org:
            yield org, region


class Cells:
    def __init__(self):
        self.values = defaultdict(int)

    def spread(self, figure, month, org, code, key, n=1):
        for o, r in coordinates(org, code):
            self.values[(figure, month, o, r, key)] += n

    def at(self, figure, month, coordinate, key, n=1):
        self.values[(figure, month, coordinate[0], coordinate[1], key)] += n


# ------------------------------------------------------------------------------------------ building


def _grouped(acc, figure, queryset, month_field, org_field, place_field, key_field=None, *, trunc=TruncMonth):
    values = {"m": trunc(month_field) if trunc else month_field}
    rows = queryset.order_by().annotate(**values).values("m", org_field, place_field, *(
        [key_field] if key_field else [])).annotate(n=Count("pk"))
    for row in rows.iterator(chunk_size=20_000):
        key = str(row[key_field] or "") if key_field else "n"
        acc.spread(figure, month_of(row["m"]), row[org_field], row[place_field], key, row["n"])


def _additive(acc):
    from desaku.outreach.models import Disposition, DispositionStatus, Encounter, OutreachOperation
    from desaku.people.models import Person

    _grouped(acc, "ops", OutreachOperation.objects.all(), "started_at", "organisation_id", "kelurahan_id")
    rows = Encounter.objects.order_by().annotate(m=TruncMonth("encountered_at")).values(
        "m", "operation__organisation_id", "operation__kelurahan_id", "activity").annotate(n=Count("pk"))
    for row in rows.iterator(chunk_size=20_000):
        month, org, code = month_of(row["m"]), row["operation__organisation_id"], row["operation__kelurahan_id"]
        acc.spread("enc", month, org, code, row["activity"], row["n"])
        acc.spread("place", month, org, code, code or "", row["n"])
    _grouped(acc, "disp", Disposition.objects.filter(status=DispositionStatus.APPROVED), "decided_on",
             "stay__organisation_id", "stay__encounter__operation__kelurahan_id", "exit_destination__exit_class")
    _grouped(acc, "reg", Person.objects.filter(merged_into__isnull=True), "created_at", "organisation_id",
             "domicile_kelurahan_id", "domicile_kelurahan_id")


def _categories(acc):
    """Each person's classifications per category as disjoint intervals (overlaps merged): +1 at the
    interval's first month with its last month in the key, and -1 for each gap between two intervals
    (counted when the gap lies inside the period), so a person counts once however many intervals
    overlap the period."""
    from desaku.people.models import Classification

    rows = Classification.objects.filter(person__merged_into__isnull=True).order_by(
        "person_id", "category_id", "valid_from").values_list(
        "person_id", "category_id", "valid_from", "valid_to", "person__organisation_id",
        "person__domicile_kelurahan_id")
    for (_person, category), group in groupby(rows.iterator(chunk_size=20_000), key=itemgetter(0, 1)):
        merged = []
        group = list(group)
        org, code = group[0][4], group[0][5]
        for _p, _c, start, end, _org, _code in group:
            if merged and (merged[-1][1] is None or start <= merged[-1][1]):
                last = merged[-1]
                last[1] = None if last[1] is None or end is None else max(last[1], end)
            else:
                merged.append([start, end])
        for index, (start, end) in enumerate(merged):
            acc.spread("cat", month_of(start), org, code, f"{category}|{ym(month_of(end) if end else None)}")
            if index:
                gap_start = merged[index - 1][1]
                acc.spread("cat", month_of(gap_start), org, code, f"g{category}|{ym(month_of(start))}", -1)


def _stays(acc, cutoff):
    """Closed stays that ended before ``cutoff``: person-nights per month and lengths (the rest is live)."""
    from desaku.outreach.models import Stay, StayStatus

    rows = Stay.objects.filter(ended_on__isnull=False, ended_on__lt=cutoff).order_by().values_list(
        "admitted_on", "ended_on", "status", "organisation_id", "encounter__operation__kelurahan_id")
    for admitted, ended, status, org, code in rows.iterator(chunk_size=20_000):
        last = ended - timedelta(days=1)
        month = month_of(admitted)
        while month <= last:
            following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
            nights = (min(last, following - timedelta(days=1)) - max(admitted, month)).days + 1
            if nights > 0:
                acc.spread("stay", month, org, code, "nights", nights)
            month = following
        if status == StayStatus.CLOSED:
            acc.spread("stay", month_of(ended), org, code, f"los{(ended - admitted).days}")


def _sql(queryset):
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _dialect():
    """The few expressions that differ: a date's month (a date on PostgreSQL, 'YYYY-MM' on SQLite) and the
    days between two dates."""
    if connection.vendor == "postgresql":
        return (lambda d: f"CAST(date_trunc('month', {d}) AS date)"), (lambda a, b: f"({a} - {b})")
    return (lambda d: f"substr({d}, 1, 7)"), (lambda a, b: f"CAST(julianday({a}) - julianday({b}) AS INTEGER)")


def _month(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return parse_ym(value[:7])


# The coordinates of a place code (``places``) as a small table (k, lo, cr) over the codes of ``source``:
# lo = 0 for the whole city, 1 for the record's own organisation; cr the place ("" = everywhere).
_LEVELS = ("(SELECT 0 AS lo, 0 AS lr UNION ALL SELECT 0, 1 UNION ALL SELECT 0, 2 UNION ALL "
           "SELECT 1, 0 UNION ALL SELECT 1, 1 UNION ALL SELECT 1, 2)")
_KELURAHAN = "(length(c.k) > 9 AND substr(c.k, 9, 1) = '.')"
_REGION = ("CASE lv.lr WHEN 0 THEN '' WHEN 1 THEN CASE WHEN c.k = '' THEN NULL WHEN " + _KELURAHAN
           + " THEN substr(c.k, 1, 9) ELSE c.k END ELSE CASE WHEN " + _KELURAHAN + " THEN c.k END END")


def _codes_sql(source):
    return (f"SELECT c.k, lv.lo, {_REGION} AS cr FROM (SELECT DISTINCT COALESCE(k, '') AS k "  # noqa: S608
            f"FROM {source}) c CROSS JOIN {_LEVELS} lv WHERE {_REGION} IS NOT NULL")


def _coordinates_sql(source, columns):
    """The rows of ``source`` (with o, k) spread over their coordinates: ``columns`` plus co, cr. The place
    expressions run once per distinct code, not once per row."""
    codes = _codes_sql(source)
    return (f"SELECT {columns}, CASE WHEN cc.lo = 0 THEN 0 ELSE s.o END AS co, cc.cr FROM {source} s "  # noqa: S608
            f"JOIN ({codes}) cc ON cc.k = COALESCE(s.k, '') "
            f"WHERE cc.lo = 0 OR s.o IS NOT NULL AND s.o <> 0")


def _person_pass(acc):
    """Persons found (first time / seen before) and returns to the street, set-based (window functions on
    SQLite 3.25+ and PostgreSQL): the same cells as one walk over each person's history."""
    from desaku.core.models import ExitClass
    from desaku.outreach.models import Disposition, DispositionStatus, Encounter, Stay

    month, days = _dialect()
    enc, enc_params = _sql(Encounter.objects.order_by().annotate(
        p=F("person_id"), d=TruncDate("encountered_at"), o=F("operation__organisation_id"),
        k=F("operation__kelurahan_id")).values("p", "d", "o", "k"))
    sta, sta_params = _sql(Stay.objects.order_by().annotate(p=F("person_id"), d=F("admitted_on"),
                                                           o=F("organisation_id")).values("p", "d", "o"))
    ex, ex_params = _sql(Disposition.objects.filter(
        status=DispositionStatus.APPROVED, exit_destination__exit_class=ExitClass.PERMANENT).order_by().annotate(
        x=F("pk"), p=F("stay__person_id"), d=F("decided_on"), o=F("stay__organisation_id"),
        k=F("stay__encounter__operation__kelurahan_id")).values("x", "p", "d", "o", "k"))
    # Constants and the ORM's own SQL (its values stay parameters) only.
    sightings = f"enc AS ({enc}), sta AS ({sta}), sight AS (SELECT p, d, o FROM enc UNION ALL SELECT p, d, o FROM sta)"  # noqa: S608,E501
    # Found: each person × coordinate × month with the previous month of the same person in that coordinate;
    # a first month carries the month the person was first seen anywhere ("f") and in the coordinate's
    # organisation ("o").
    found = f"""
        WITH {sightings},
        firsts AS (SELECT p, o, {month("MIN(d)")} AS m FROM sight GROUP BY p, o),
        first_all AS (SELECT p, MIN(m) AS m FROM firsts GROUP BY p),
        em AS (SELECT DISTINCT p, {month("d")} AS m, o, COALESCE(k, '') AS k FROM enc),
        codes AS (SELECT k, lo, cr, DENSE_RANK() OVER (ORDER BY cr) AS ci FROM ({_codes_sql("em")}) x),
        lagged AS (SELECT p, co, ci, m, LAG(m) OVER (PARTITION BY p, co, ci ORDER BY m) AS prev
                   FROM (SELECT s.p, s.m, CASE WHEN cc.lo = 0 THEN 0 ELSE s.o END AS co, cc.ci FROM em s
                         JOIN codes cc ON cc.k = s.k WHERE cc.lo = 0 OR s.o IS NOT NULL AND s.o <> 0) c
                   GROUP BY p, co, ci, m),
        counted AS (SELECT l.m, l.co, l.ci, l.prev, fa.m AS fm, fo.m AS om, COUNT(*) AS n FROM lagged l
                    LEFT JOIN first_all fa ON l.prev IS NULL AND fa.p = l.p
                    LEFT JOIN firsts fo ON l.prev IS NULL AND l.co <> 0 AND fo.p = l.p AND fo.o = l.co
                    GROUP BY l.m, l.co, l.ci, l.prev, fa.m, fo.m)
        SELECT c.m, c.co, r.cr, c.prev, c.fm, c.om, c.n FROM counted c
        JOIN (SELECT DISTINCT ci, cr FROM codes) r ON r.ci = c.ci"""  # noqa: S608
    # Returns: the first sighting on a later day (anywhere, and in the exit's organisation) from a stream of
    # sightings and exits in reverse order, where an exit follows that day's sightings; then the band, and
    # the month of the person's previous exit in the same coordinate.
    band = ("CASE WHEN {n} IS NULL THEN 'n' WHEN {d} <= 180 THEN '0' WHEN {d} <= 365 THEN '1' "
            "WHEN {d} <= 730 THEN '2' ELSE 'n' END")
    returns = f"""
        WITH {sightings}, ex AS ({ex}),
        stream AS (SELECT p, d, o, 0 AS isx, NULL AS x FROM sight WHERE p IN (SELECT p FROM ex)
                   UNION ALL SELECT p, d, o, 1, x FROM ex),
        nx AS (SELECT x,
                 MIN(CASE WHEN isx = 0 THEN d END) OVER (PARTITION BY p ORDER BY d DESC, isx DESC
                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS n,
                 MIN(CASE WHEN isx = 0 THEN d END) OVER (PARTITION BY p, o ORDER BY d DESC, isx DESC
                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS no
               FROM stream),
        banded AS (SELECT ex.x, ex.p, ex.d, {month("ex.d")} AS m, ex.o, ex.k,
                     {band.format(n="nx.n", d=days("nx.n", "ex.d"))} AS b,
                     {band.format(n="nx.no", d=days("nx.no", "ex.d"))} AS bo
                   FROM ex JOIN nx ON nx.x = ex.x),
        spread AS ({_coordinates_sql("banded", "s.x, s.p, s.d, s.m, s.b, s.bo")}),
        lagged AS (SELECT m, co, cr, b, bo, LAG(m) OVER (PARTITION BY p, co, cr ORDER BY d, x) AS prev
                   FROM spread)
        SELECT m, co, cr, b, bo, prev, COUNT(*) FROM lagged GROUP BY m, co, cr, b, bo, prev"""  # noqa: S608
    values = acc.values
    with connection.cursor() as cursor:
        cursor.execute(found, enc_params + sta_params)
        for m, co, cr, prev, first, first_in_org, n in cursor.fetchall():
            m = _month(m)
            if prev is not None:
                values[("found", m, co, cr, "p" + ym(_month(prev)))] += n
            else:
                values[("found", m, co, cr, "f" + ym(_month(first)))] += n
                if co:
                    values[("found", m, co, cr, "o" + ym(_month(first_in_org)))] += n
        cursor.execute(returns, enc_params + sta_params + ex_params)
        for m, co, cr, b, bo, prev, n in cursor.fetchall():
            m, prev = _month(m), ym(_month(prev))
            values[("ret", m, co, cr, f"{b}|{prev}")] += n
            if co:
                values[("ret", m, co, cr, f"o{bo}|{prev}")] += n


def _write(values) -> int:
    from desaku.reports.models import ReportCell

    table = ReportCell._meta.db_table
    columns = ["figure", "month", "organisation", "region", "key", "value"]
    rows = [(f, m, o, r, k, v) for (f, m, o, r, k), v in values.items() if v]
    quote = connection.ops.quote_name
    cols = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {quote(table)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            for start in range(0, len(rows), 10_000):
                cursor.executemany(f"INSERT INTO {quote(table)} ({cols}) VALUES ({marks})",  # noqa: S608
                                   rows[start:start + 10_000])
    return len(rows)


def refresh(today: date | None = None, out=None):
    """Rebuild every summary from the records (set-based GROUP BYs and window functions), and the
    organisations each user's own records lie in (``ReportReach``)."""
    from desaku.reports.models import ReportReach, SummaryRefresh

    started = time.perf_counter()
    cutoff = today or timezone.localdate()
    reach_at = timezone.now()
    reach, marks = _reach()
    if out:
        out(f"  reach: {len(reach):,} (user, organisation), {time.perf_counter() - started:.0f} s")
    acc = Cells()
    steps = [("counts", _additive), ("categories", _categories), ("stays", lambda a: _stays(a, cutoff)),
             ("persons", _person_pass)]
    for name, step in steps:
        step(acc)
        if out:
            out(f"  {name}: {len(acc.values):,} cells, {time.perf_counter() - started:.0f} s")
    with transaction.atomic():
        count = _write(acc.values)
        ReportReach.objects.all().delete()
        ReportReach.objects.bulk_create([ReportReach(user_id=u, organisation_id=o) for u, o in reach],
                                        batch_size=5_000)
        SummaryRefresh.objects.all().delete()
        done = SummaryRefresh.objects.create(refreshed_at=timezone.now(), cutoff=cutoff, cells=count,
                                             seconds=round(time.perf_counter() - started, 1),
                                             reach_at=reach_at, reach_marks=marks)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE reports_reportcell")
    cache.delete("reports:summary:latest")
    return done


# ------------------------------------------------------------------------------------------ reading


def latest():
    """The last refresh (or None), cached briefly: every figure of a dashboard asks."""
    from desaku.reports.models import SummaryRefresh

    found = cache.get("reports:summary:latest")
    if found is None:
        found = SummaryRefresh.objects.order_by("-refreshed_at").first() or False
        cache.set("reports:summary:latest", found, 60)
    return found or None


@dataclass(frozen=True)
class Source:
    """Where a figure reads: the coordinate of the filters, and whether the user's scope is one organisation
    (then "seen before" and returns look only at that organisation's records)."""

    organisation: int
    region: str
    org_scope: bool
    cutoff: date
    refreshed_at: datetime

    def rows(self, figure: str, start: date | None, end: date):
        from desaku.reports.models import ReportCell

        cells = ReportCell.objects.filter(figure=figure, organisation=self.organisation, region=self.region,
                                          month__lte=end)
        if start is not None:
            cells = cells.filter(month__gte=start)
        return list(cells.values_list("month", "key", "value"))


def _or_parts(q):
    """The alternatives of an OR'ed Q, flattened, so each can be checked with its own index."""
    if isinstance(q, Q) and q.connector == Q.OR and not q.negated and len(q.children) > 1:
        parts = []
        for child in q.children:
            parts.extend(_or_parts(child if isinstance(child, Q) else Q(child)))
        return parts
    if isinstance(q, Q) and len(q.children) == 1 and not q.negated and isinstance(q.children[0], Q):
        return _or_parts(q.children[0])
    return [q if isinstance(q, Q) else Q(q)]


def _ties():
    """Each way a user is tied to records the summary files under an organisation: (key, queryset, user
    field, organisation field). An encounter of an operation the user created is not listed: its
    organisation is the operation's, so the operation already ties the user to it."""
    from desaku.outreach.models import Encounter, OutreachOperation, Stay
    from desaku.people.models import Person

    persons = Person.objects.filter(merged_into__isnull=True)
    return [("operation", OutreachOperation.objects.all(), "created_by", "organisation"),
            ("operation", OutreachOperation.objects.all(), "team", "organisation"),
            ("encounter", Encounter.objects.all(), "recorded_by", "operation__organisation"),
            ("stay", Stay.objects.all(), "responsible_worker", "organisation"),
            ("stay", Stay.objects.all(), "admitted_by", "organisation"),
            ("person", persons, "registered_by", "organisation"),
            ("person", persons, "assigned_worker", "organisation")]


def _tables():
    from desaku.outreach.models import Encounter, OutreachOperation, Stay
    from desaku.people.models import Person

    return {"operation": OutreachOperation, "encounter": Encounter, "stay": Stay, "person": Person,
            "team": OutreachOperation.team.through}


def _reach():
    """The distinct (user, organisation) pairs of ``_ties`` (one GROUP BY each, not one query per user), and
    the highest primary key of every table read (records above it are newer than the pairs)."""
    from django.db.models import Max

    marks = {key: model.objects.aggregate(m=Max("pk"))["m"] or 0 for key, model in _tables().items()}
    pairs = set()
    for _key, queryset, user_field, org_field in _ties():
        pairs.update(queryset.filter(**{f"{user_field}__isnull": False}).order_by().values_list(
            user_field, org_field).distinct().iterator(chunk_size=20_000))
    return sorted(pairs, key=lambda pair: (pair[0], pair[1] or 0)), marks


REACH_MARGIN = timedelta(minutes=10)  # a transaction running while the reach was read commits within this
CHANGED_LIMIT = 5_000  # more records changed since the refresh than this: check the whole tables instead


def _changed_since(done):
    """Per table, the ids of records created or changed since the reach was read: above the primary-key
    mark, or with a history row (simple-history, indexed by date) since then less REACH_MARGIN; for
    encounters also those of changed operations (their organisation is the operation's). None when there
    are too many. The same for every user, so cached for a minute."""
    key = f"reports:summary:changed:{done.refreshed_at.timestamp()}"
    found = cache.get(key)
    if found is not None:
        return found or None
    from desaku.outreach.models import Encounter

    tables, marks = _tables(), done.reach_marks
    since = done.reach_at - REACH_MARGIN
    found = {}
    for name in ("operation", "encounter", "stay", "person"):
        model = tables[name]
        ids = set(model.objects.filter(pk__gt=marks.get(name, 0)).values_list("pk", flat=True)[:CHANGED_LIMIT + 1])
        ids.update(model.history.model.objects.filter(history_date__gte=since).values_list(
            "id", flat=True)[:CHANGED_LIMIT + 1])
        found[name] = ids
    found["operation"].update(tables["team"].objects.filter(pk__gt=marks.get("team", 0)).values_list(
        "outreachoperation_id", flat=True)[:CHANGED_LIMIT + 1])
    if found["operation"]:
        found["encounter"].update(Encounter.objects.filter(operation__in=list(found["operation"])[:CHANGED_LIMIT + 1])
                                  .values_list("pk", flat=True)[:CHANGED_LIMIT + 1])
    if any(len(ids) > CHANGED_LIMIT for ids in found.values()):
        found = False
    else:
        found = {name: sorted(ids) for name, ids in found.items()}
    cache.set(key, found, 60)
    return found or None


def _tied_outside(user, done) -> bool:
    """``_ties`` outside the user's organisation: the pairs of the last refresh, then only the records
    created or changed since (without a usable refresh, or after many changes, the whole tables)."""
    from desaku.reports.models import ReportReach

    org = user.organisation_id
    changed = _changed_since(done) if done is not None and done.reach_at else None
    if changed is None:
        return any(queryset.filter(**{user_field: user.pk}).exclude(**{org_field: org}).exists()
                   for _key, queryset, user_field, org_field in _ties())
    if ReportReach.objects.filter(user_id=user.pk).exclude(organisation_id=org).exists():
        return True
    return any(queryset.filter(pk__in=changed[key], **{user_field: user.pk}).exclude(**{org_field: org}).exists()
               for key, queryset, user_field, org_field in _ties() if changed[key])


def _sees_outside_organisation(user, done=None) -> bool:
    """Whether a user with scope "organisation" sees any record the summary files under another
    organisation: their own operations, encounters or stays there, or persons shared with them (each
    alternative of ``extra_person_q`` checked on its own, so each can use its index)."""
    from desaku.people.models import Person
    from desaku.people.visibility import extra_person_q

    if _tied_outside(user, done):
        return True
    # "Another organisation" as two ranges, not "<>": the index on people_person (organisation_id) can then
    # serve the persons side (a "<>" was a sequential scan of every person, for each alternative).
    org = user.organisation_id
    persons = Person.objects.filter(Q(organisation__lt=org) | Q(organisation__gt=org), merged_into__isnull=True)
    return any(persons.filter(part).exists() for part in _or_parts(extra_person_q(user)))


def source(filters, user) -> Source | None:
    """The summary coordinate answering ``filters`` for ``user``, or None (compute live)."""
    from desaku.core.models import Scope
    from desaku.core.scoping import effective_scope

    done = latest()
    if done is None or filters.category:
        return None
    region = filters.kelurahan or (filters.kecamatan + "." if filters.kecamatan else "")
    scope = effective_scope(user)
    if scope == Scope.ALL:
        return Source(filters.organisation or 0, region, False, done.cutoff, done.refreshed_at)
    org = getattr(user, "organisation_id", None)
    if scope != Scope.ORGANISATION or not org or (filters.organisation and filters.organisation != org):
        return None
    key = f"reports:summary:outside:{user.pk}:{done.refreshed_at.timestamp()}"
    outside = cache.get(key)
    if outside is None:
        outside = _sees_outside_organisation(user, done)
        cache.set(key, outside, EXTRAS_SECONDS)
    if outside:
        return None
    return Source(org, region, True, done.cutoff, done.refreshed_at)
