"""Summary tables behind the heads' dashboard and the monthly report (docs/measures.md, "Performance").

``refresh()`` rebuilds ``ReportCell`` from the records: every figure's numbers per month, organisation
(0 = all) and place ("" = everywhere, "35.73.01." = a kecamatan, "35.73.01.1001" = a kelurahan), so each
filter combination without a PPKS category is ONE coordinate and a figure reads a few hundred rows.
Counts that are additive (operations, encounters, dispositions, registrations, person-nights, stay
lengths) are plain GROUP BY results spread over the coordinates. Distinct-person measures are made
exact over any run of months by storing, with each person-month (or each exit), the month of the
same person's previous occurrence in the same coordinate: a person is counted once in a period
[S, E] by the occurrence whose previous one lies before S (or does not exist). These come from one
pass over the events ordered by person (no person id is stored).

``source(filters, user)`` decides whether the summary can answer for this user: scope "all", or scope
"organisation" when the user sees nothing outside their organisation's records (no own records in
other organisations' operations or stays, no person shared by consent or another module); never
with a PPKS-category filter. Otherwise the figure computes live, as before.
"""

import time
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby
from operator import itemgetter

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

RETURN_HORIZON = 730
BANDS = ((0, 180), (181, 365), (366, 730))
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


def band_of(days: int | None) -> str:
    if days is None:
        return "n"
    for index, (lo, hi) in enumerate(BANDS):
        if lo <= days <= hi:
            return str(index)
    return "n"


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


def _by_person(rows):
    return groupby(rows, key=itemgetter(0))


def _persons(*streams):
    """Merge streams of rows sorted by person id: yields (person_id, [rows of stream 1], [rows of 2], …)."""
    iterators = [_by_person(s) for s in streams]
    heads = [next(it, None) for it in iterators]
    while any(h is not None for h in heads):
        person = min(h[0] for h in heads if h is not None)
        groups = []
        for index, head in enumerate(heads):
            if head is not None and head[0] == person:
                groups.append(list(head[1]))
                heads[index] = next(iterators[index], None)
            else:
                groups.append([])
        yield person, groups


def _first_after(days: list, day: date):
    index = bisect_right(days, day)
    if index < len(days) and (days[index] - day).days <= RETURN_HORIZON:
        return (days[index] - day).days
    return None


def _person_pass(acc):
    """Persons found (first time / seen before) and returns to the street, one person at a time."""
    from desaku.core.models import ExitClass
    from desaku.outreach.models import Disposition, DispositionStatus, Encounter, Stay

    encounters = Encounter.objects.order_by().annotate(day=TruncDate("encountered_at")).order_by(
        "person_id", "day").values_list("person_id", "day", "operation__organisation_id", "operation__kelurahan_id")
    stays = Stay.objects.order_by("person_id", "admitted_on").values_list("person_id", "admitted_on",
                                                                          "organisation_id")
    exits = Disposition.objects.filter(status=DispositionStatus.APPROVED,
                                       exit_destination__exit_class=ExitClass.PERMANENT).order_by(
        "stay__person_id", "decided_on", "pk").values_list(
        "stay__person_id", "decided_on", "stay__organisation_id", "stay__encounter__operation__kelurahan_id")
    for _person, (found, admitted, exited) in _persons(encounters.iterator(chunk_size=20_000),
                                                      stays.iterator(chunk_size=20_000),
                                                      exits.iterator(chunk_size=20_000)):
        sightings = [(day, org) for _p, day, org, _k in found] + [(day, org) for _p, day, org in admitted]
        first_seen, first_in_org = None, {}
        for day, org in sightings:
            if first_seen is None or day < first_seen:
                first_seen = day
            if org not in first_in_org or day < first_in_org[org]:
                first_in_org[org] = day
        months_in = defaultdict(set)
        for _p, day, org, code in found:
            month = month_of(day)
            for coordinate in coordinates(org, code):
                months_in[coordinate].add(month)
        for coordinate, months in months_in.items():
            previous = None
            for month in sorted(months):
                if previous is not None:
                    acc.at("found", month, coordinate, "p" + ym(previous))
                else:
                    acc.at("found", month, coordinate, "f" + ym(month_of(first_seen)))
                    if coordinate[0]:
                        acc.at("found", month, coordinate, "o" + ym(month_of(first_in_org[coordinate[0]])))
                previous = month
        if not exited:
            continue
        every_day = sorted(day for day, _org in sightings)
        days_in_org = defaultdict(list)
        for day, org in sorted(sightings):
            days_in_org[org].append(day)
        last_exit = {}
        for _p, day, org, code in exited:
            band = band_of(_first_after(every_day, day))
            band_in_org = band_of(_first_after(days_in_org.get(org, []), day))
            month = month_of(day)
            for coordinate in coordinates(org, code):
                previous = ym(last_exit.get(coordinate))
                acc.at("ret", month, coordinate, f"{band}|{previous}")
                if coordinate[0]:
                    acc.at("ret", month, coordinate, f"o{band_in_org}|{previous}")
                last_exit[coordinate] = month


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
    """Rebuild every summary from the records (set-based GROUP BYs plus one pass ordered by person)."""
    from desaku.reports.models import SummaryRefresh

    started = time.perf_counter()
    cutoff = today or timezone.localdate()
    acc = Cells()
    steps = [("counts", _additive), ("categories", _categories), ("stays", lambda a: _stays(a, cutoff)),
             ("persons", _person_pass)]
    for name, step in steps:
        step(acc)
        if out:
            out(f"  {name}: {len(acc.values):,} cells, {time.perf_counter() - started:.0f} s")
    with transaction.atomic():
        count = _write(acc.values)
        SummaryRefresh.objects.all().delete()
        done = SummaryRefresh.objects.create(refreshed_at=timezone.now(), cutoff=cutoff, cells=count,
                                             seconds=round(time.perf_counter() - started, 1))
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


def _sees_outside_organisation(user) -> bool:
    """Whether a user with scope "organisation" sees any record the summary files under another
    organisation: their own operations, encounters or stays there, or persons shared with them."""
    from desaku.outreach.models import Encounter, OutreachOperation, Stay
    from desaku.people.models import Person
    from desaku.people.visibility import extra_person_q

    org = user.organisation_id
    checks = [
        OutreachOperation.objects.filter(created_by=user.pk), OutreachOperation.objects.filter(team=user.pk),
        Encounter.objects.filter(recorded_by=user.pk), Encounter.objects.filter(operation__created_by=user.pk),
        Stay.objects.filter(responsible_worker=user.pk), Stay.objects.filter(admitted_by=user.pk),
    ]
    outside = [qs.exclude(**{"operation__organisation" if qs.model is Encounter else "organisation": org})
               for qs in checks]
    persons = Person.objects.filter(merged_into__isnull=True).exclude(organisation=org)
    outside += [persons.filter(registered_by=user.pk), persons.filter(assigned_worker=user.pk)]
    outside += [persons.filter(part) for part in _or_parts(extra_person_q(user))]
    return any(qs.exists() for qs in outside)


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
        outside = _sees_outside_organisation(user)
        cache.set(key, outside, EXTRAS_SECONDS)
    if outside:
        return None
    return Source(org, region, True, done.cutoff, done.refreshed_at)
