"""Figures of street outreach and the shelters (definitions in docs/measures.md).

Places: an encounter is placed by its operation's kelurahan; a stay or disposition by the operation
in which the person was found (stays admitted without an encounter have no place and drop out when a
place filter is set). Organisation: the organisation that ran the operation / holds the stay.
"""

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.core.models import ExitClass, Region
from desaku.outreach import selectors
from desaku.outreach.models import Activity, DispositionStatus, Shelter, StayStatus
from desaku.reports import summaries
from desaku.reports.figures import Figure, Result, bar, month_end, register
from desaku.reports.filtering import aware_range, narrow
from desaku.reports.links import list_link

OUTREACH = _("Outreach and shelter")
RETURN_BANDS = ((0, 180), (181, 365), (366, 730))
LOS_BANDS = ((0, 7), (8, 14), (15, 21), (22, None))


def encounters(filters, user):
    start, end = aware_range(filters)
    qs = selectors.encounters_visible_to(user).filter(encountered_at__gte=start, encountered_at__lt=end)
    return narrow(qs, filters, user, region="operation__kelurahan", organisation="operation__organisation",
                  person="person")


def operations(filters, user):
    start, end = aware_range(filters)
    qs = selectors.operations_visible_to(user).filter(started_at__gte=start, started_at__lt=end)
    qs = narrow(qs, filters, user, region="kelurahan", organisation="organisation", person=None)
    if filters.category:  # operations that found someone of the category
        qs = qs.filter(pk__in=encounters(filters, user).values("operation_id"))
    return qs


def stays(user, filters):
    qs = selectors.stays_visible_to(user)
    return narrow(qs, filters, user, region="encounter__operation__kelurahan", organisation="organisation",
                  person="person")


def approved_dispositions(user, filters):
    qs = selectors.dispositions_visible_to(user).filter(status=DispositionStatus.APPROVED)
    return narrow(qs, filters, user, region="stay__encounter__operation__kelurahan",
                  organisation="stay__organisation", person="stay__person")


def _month_of(filters, month):
    """``filters`` narrowed to one of its months."""
    return replace(filters, start=max(filters.start, month), end=min(filters.end, month_end(month)))


def pct(part, whole):
    return round(100 * part / whole, 1) if whole else None


@register
class OutreachPerMonth(Figure):
    key = "outreach.per_month"
    title = _("Outreach operations and persons found per month")
    definition = "outreach-per-month"
    group = OUTREACH

    def compute(self, filters, user):
        src = summaries.source(filters, user)
        if src is not None:
            return self.from_summary(filters, src)
        ops = dict(operations(filters, user).order_by().annotate(m=TruncMonth("started_at")).values("m").annotate(
            n=Count("pk", distinct=True)).values_list("m", "n"))
        enc = encounters(filters, user).order_by().annotate(m=TruncMonth("encountered_at")).values("m").annotate(
            n=Count("pk"), p=Count("person", distinct=True))
        found = {r["m"]: (r["n"], r["p"]) for r in enc}
        ops = {summaries.month_of(k): v for k, v in ops.items()}
        found = {summaries.month_of(k): v for k, v in found.items()}
        return self.result(filters, ops, found)

    def from_summary(self, filters, src):
        first, last = filters.months[0], filters.months[-1]
        ops, encounters_n, persons = defaultdict(int), defaultdict(int), defaultdict(int)
        for month, _key, value in src.rows("ops", first, last):
            ops[month] += value
        for month, _key, value in src.rows("enc", first, last):
            encounters_n[month] += value
        unseen = "o" if src.org_scope else "f"
        for month, key, value in src.rows("found", first, last):
            if key[0] in ("p", unseen):
                persons[month] += value
        found = {m: (encounters_n.get(m, 0), persons.get(m, 0)) for m in set(encounters_n) | set(persons)}
        return self.result(filters, ops, found)

    def result(self, filters, ops, found):
        rows, links = [], []
        for month in filters.months:
            n_enc, n_persons = found.get(month, (0, 0))
            rows.append([f"{month:%Y-%m}", ops.get(month, 0), n_enc, n_persons])
            links.append(list_link("outreach:encounter_list", _month_of(filters, month)))
        labels = [r[0] for r in rows]
        return Result(columns=[_("Month"), _("Operations"), _("Encounters"), _("Persons found")], rows=rows,
                      links=links, chart=bar(labels, {_("Operations"): [r[1] for r in rows],
                                                      _("Persons found"): [r[3] for r in rows]}, kind="line"))

    def headline(self, result):
        return sum(r[3] for r in result.rows)

    def link(self, filters):
        return list_link("outreach:operation_list", filters, supports=("kecamatan", "kelurahan", "organisation"))


@register
class EncountersByActivity(Figure):
    key = "outreach.by_activity"
    title = _("Persons found by activity")
    definition = "encounters-by-activity"
    group = OUTREACH

    def compute(self, filters, user):
        src = summaries.source(filters, user)
        if src is not None:
            counts = defaultdict(int)
            for _month, key, value in src.rows("enc", filters.months[0], filters.months[-1]):
                counts[key] += value
        else:
            counts = dict(encounters(filters, user).order_by().values("activity").annotate(
                n=Count("pk")).values_list("activity", "n"))
        rows = [[label, counts.get(value, 0)] for value, label in Activity.choices]
        links = [list_link("outreach:encounter_list", filters, activity=value) for value, _label in Activity.choices]
        return Result(columns=[_("Doing"), _("Encounters")], rows=rows, links=links,
                      chart=bar([r[0] for r in rows], {_("Encounters"): [r[1] for r in rows]}, kind="doughnut"))

    def link(self, filters):
        return list_link("outreach:encounter_list", filters)


@register
class EncountersByPlace(Figure):
    key = "outreach.by_place"
    title = _("Persons found by place")
    definition = "encounters-by-place"
    group = OUTREACH

    def compute(self, filters, user):
        src = summaries.source(filters, user)
        if src is not None:
            counts = defaultdict(int)
            for _month, key, value in src.rows("place", filters.months[0], filters.months[-1]):
                counts[key or None] += value
        else:
            counts = dict(encounters(filters, user).order_by().values("operation__kelurahan").annotate(
                n=Count("pk")).values_list("operation__kelurahan", "n"))
        names = {r.code: (r.name, r.parent.name if r.parent else "") for r in Region.objects.filter(
            code__in=[c for c in counts if c]).select_related("parent")}
        unknown = _("Place not recorded")
        table = [[names[code][0] if code else unknown, names[code][1] if code else "", n, code]
                 for code, n in counts.items() if n]
        table.sort(key=lambda row: (-row[2], str(row[0]), row[1]))
        # "Place not recorded" has no link: the list cannot choose encounters without a kelurahan.
        links = [list_link("outreach:encounter_list", replace(filters, kelurahan=row[3])) if row[3] else None
                 for row in table]
        table = [row[:3] for row in table]
        return Result(columns=[_("Kelurahan"), _("Kecamatan"), _("Encounters")], rows=table, links=links,
                      chart=bar([r[0] for r in table[:15]], {_("Encounters"): [r[2] for r in table[:15]]}))

    def headline(self, result):
        return sum(r[2] for r in result.rows)

    def link(self, filters):
        return list_link("outreach:encounter_list", filters)


def nights_by_month(spans, months, today):
    """Person-nights per month: a stay takes a bed on each night from admission to the day before it
    ended (an open stay: up to and including today)."""
    nights = defaultdict(int)
    bounds = [(month, (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1))
              for month in months]
    for admitted, ended in spans:
        last = (ended - timedelta(days=1)) if ended else today
        for month, month_last in bounds:
            if month > last:
                break
            lo, hi = max(admitted, month), min(last, month_last)
            if hi >= lo:
                nights[month] += (hi - lo).days + 1
    return nights


def beds_by_month(shelters, months) -> dict:
    """Beds per month: the capacity of the shelters (a queryset of ids, None = all) as recorded at the end of
    each month, from the shelters' change history; active shelters only. A shelter without any history
    record (loaded before history was kept) counts with its present capacity and state, and a shelter whose
    first record is a change (not its creation) counts with that record's values for the months before it."""
    records = Shelter.history.order_by("id", "history_date", "history_id")
    current = Shelter.objects.all()
    if shelters is not None:
        records, current = records.filter(id__in=shelters), current.filter(pk__in=shelters)
    history = defaultdict(list)
    for pk, at, kind, capacity, active in records.values_list("id", "history_date", "history_type", "capacity",
                                                               "active"):
        history[pk].append((timezone.localtime(at).date(), kind, capacity, active))
    beds = defaultdict(int)
    for pk, capacity_now, active_now in current.values_list("pk", "capacity", "active"):
        changes = history.get(pk)
        for month in months:
            last_day = month_end(month)
            if not changes:
                capacity, active = capacity_now, active_now
            else:
                known = [c for c in changes if c[0] <= last_day]
                if known:
                    _day, kind, capacity, active = known[-1]
                    active = active and kind != "-"
                elif changes[0][1] == "+":
                    continue  # not created yet
                else:
                    _day, _kind, capacity, active = changes[0]
            if active:
                beds[month] += capacity
    return beds


@register
class ShelterOccupancy(Figure):
    key = "shelter.occupancy"
    title = _("Shelter occupancy")
    definition = "shelter-occupancy"
    group = OUTREACH

    def compute(self, filters, user):
        today = timezone.localdate()
        src = summaries.source(filters, user)
        spans = stays(user, filters).filter(admitted_on__lte=filters.end).exclude(ended_on__lt=filters.start)
        if src is not None:  # stays ended before the summary's cutoff come from it; the others are live
            spans = spans.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=src.cutoff))
        months = filters.months
        nights = nights_by_month(list(spans.values_list("admitted_on", "ended_on")), months, today)
        if src is not None:
            for month, _key, value in src.rows("stay", months[0], months[-1]):
                if _key == "nights":
                    nights[month] += value
        beds = beds_by_month(self.shelters(filters, user), months)
        rows = []
        for month in months:
            capacity = beds.get(month, 0)
            month_last = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            days = (min(month_last, today) - month).days + 1 if month <= today else 0
            average = round(nights[month] / days, 1) if days > 0 else 0
            rows.append([f"{month:%Y-%m}", nights[month], average, capacity, pct(average, capacity) or 0])
        return Result(columns=[_("Month"), _("Person-nights"), _("Average persons per night"), _("Beds"),
                               _("Occupancy %")], rows=rows,
                      chart=bar([r[0] for r in rows], {_("Average persons per night"): [r[2] for r in rows],
                                                       _("Beds"): [r[3] for r in rows]}, kind="line"))

    def shelters(self, filters, user):
        """The shelters whose beds count: every shelter for a user who sees all stays without a place,
        organisation or category filter; otherwise the shelters that held one of the counted stays."""
        from desaku.core.models import Scope
        from desaku.core.scoping import effective_scope

        if effective_scope(user) == Scope.ALL and not (filters.region or filters.organisation or filters.category):
            return None
        return stays(user, filters).filter(admitted_on__lte=filters.end).exclude(
            ended_on__lt=filters.start).order_by().values("shelter_id").distinct()

    def link(self, filters):
        return list_link("outreach:board", filters, period=None, supports=())


def histogram_median(counts: Counter):
    """statistics.median of the multiset ``counts`` (value -> how often) without expanding it."""
    total = sum(counts.values())
    wanted = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for value in sorted(counts):
        while len(found) < 2 and wanted[len(found)] < seen + counts[value]:
            found.append(value)
        seen += counts[value]
    return found[0] if total % 2 else (found[0] + found[1]) / 2


def band_label(lo, hi):
    return f"{lo}–{hi}" if hi is not None else f"{lo}+"


@register
class LengthOfStay(Figure):
    key = "shelter.length_of_stay"
    title = _("Length of shelter stays")
    definition = "length-of-stay"
    group = OUTREACH

    def compute(self, filters, user):
        src = summaries.source(filters, user)
        ended = stays(user, filters).filter(status=StayStatus.CLOSED, ended_on__gte=filters.start,
                                            ended_on__lte=filters.end)
        if src is not None:
            ended = ended.filter(ended_on__gte=src.cutoff)
        lengths = Counter((end - admitted).days for admitted, end in ended.values_list("admitted_on", "ended_on"))
        if src is not None:
            for _month, key, value in src.rows("stay", filters.months[0], filters.months[-1]):
                if key.startswith("los"):
                    lengths[int(key[3:])] += value
        rows = []
        for lo, hi in LOS_BANDS:
            rows.append([_("%(band)s days") % {"band": band_label(lo, hi)},
                         sum(n for d, n in lengths.items() if d >= lo and (hi is None or d <= hi))])
        note = ""
        count = sum(lengths.values())
        if count:
            note = _("%(n)s stays ended; mean %(mean)s days, median %(median)s days.") % {
                "n": count, "mean": round(sum(d * n for d, n in lengths.items()) / count, 1),
                "median": histogram_median(lengths)}
        return Result(columns=[_("Length of stay"), _("Stays ended")], rows=rows, note=note,
                      chart=bar([str(r[0]) for r in rows], {_("Stays ended"): [r[1] for r in rows]}))

    def link(self, filters):
        """The stays that ended in the period (the figure counts by the day a stay ended)."""
        return list_link("outreach:stay_list", filters, period="ended", status=StayStatus.CLOSED)


@register
class DispositionsByClass(Figure):
    key = "outreach.dispositions"
    title = _("Dispositions by destination class")
    definition = "dispositions-by-destination-class"
    group = OUTREACH

    def compute(self, filters, user):
        src = summaries.source(filters, user)
        if src is not None:
            counts = defaultdict(int)
            for _month, key, value in src.rows("disp", filters.months[0], filters.months[-1]):
                counts[key] += value
        else:
            counts = dict(approved_dispositions(user, filters).filter(
                decided_on__gte=filters.start, decided_on__lte=filters.end).order_by().values(
                "exit_destination__exit_class").annotate(n=Count("pk")).values_list("exit_destination__exit_class",
                                                                                    "n"))
        total = sum(counts.values())
        rows = [[label, counts.get(value, 0), pct(counts.get(value, 0), total) or 0]
                for value, label in ExitClass.choices]
        links = [list_link("outreach:disposition_list", filters, status=DispositionStatus.APPROVED, exit_class=value)
                 for value, _label in ExitClass.choices]
        return Result(columns=[_("Destination class"), _("Dispositions"), _("%")], rows=rows, links=links,
                      chart=bar([str(r[0]) for r in rows], {_("Dispositions"): [r[1] for r in rows]}, kind="doughnut"))

    def link(self, filters):
        return list_link("outreach:disposition_list", filters, status=DispositionStatus.APPROVED)


def returns_to_street(exits, returns):
    """Return bands for the earliest permanent exit of each person.

    ``exits``: (person_id, exit_date) pairs; ``returns``: (person_id, date) of every later sign of being
    back on the street (an encounter or a shelter admission). A return counts on a day after the exit;
    only the first within 730 days counts. Returns (exited, [band counts], not_returned).
    """
    first_exit = {}
    for person, day in exits:
        if person not in first_exit or day < first_exit[person]:
            first_exit[person] = day
    seen = defaultdict(list)
    for person, day in returns:
        if person in first_exit:
            seen[person].append(day)
    bands = [0] * len(RETURN_BANDS)
    for person, exited in first_exit.items():
        later = [(d - exited).days for d in seen[person] if d > exited]
        later = [d for d in later if d <= RETURN_BANDS[-1][1]]
        if not later:
            continue
        first = min(later)
        for i, (lo, hi) in enumerate(RETURN_BANDS):
            if lo <= first <= hi:
                bands[i] += 1
    exited = len(first_exit)
    return exited, bands, exited - sum(bands)


@register
class ReturnsToStreet(Figure):
    key = "outreach.returns"
    title = _("Returns to the street after a permanent exit")
    definition = "returns-to-the-street"
    group = OUTREACH

    def compute(self, filters, user):
        src = summaries.source(filters, user)
        if src is not None:
            exited, bands = 0, [0] * len(RETURN_BANDS)
            start = filters.months[0]
            prefix = "o" if src.org_scope else ""
            for _month, key, value in src.rows("ret", start, filters.months[-1]):
                if prefix and not key.startswith(prefix) or not prefix and key.startswith("o"):
                    continue
                band, previous = key[len(prefix):].split("|")
                if previous and summaries.parse_ym(previous) >= start:
                    continue  # the person's earliest exit in the period is an earlier one
                exited += value
                if band != "n":
                    bands[int(band)] += value
            return self.result(filters, exited, bands, exited - sum(bands))
        cohort = approved_dispositions(user, filters).filter(
            exit_destination__exit_class=ExitClass.PERMANENT, decided_on__gte=filters.start,
            decided_on__lte=filters.end)
        exits = list(cohort.values_list("stay__person_id", "decided_on"))
        persons = cohort.order_by().values("stay__person_id")  # a subquery, not a list of ids
        horizon = filters.end + timedelta(days=RETURN_BANDS[-1][1])
        later = [(p, timezone.localtime(at).date()) for p, at in selectors.encounters_visible_to(user).filter(
            person_id__in=persons, encountered_at__date__gt=filters.start,
            encountered_at__date__lte=horizon).values_list("person_id", "encountered_at")]
        later += list(selectors.stays_visible_to(user).filter(
            person_id__in=persons, admitted_on__gt=filters.start, admitted_on__lte=horizon).values_list(
            "person_id", "admitted_on"))
        return self.result(filters, *returns_to_street(exits, later))

    def result(self, filters, exited, bands, not_returned):
        rows = [[_("Persons exited to a permanent destination"), exited, 100.0 if exited else 0]]
        for (lo, hi), n in zip(RETURN_BANDS, bands, strict=True):
            rows.append([_("Back on the street within %(band)s days") % {"band": band_label(lo, hi)}, n,
                         pct(n, exited) or 0])
        rows.append([_("Not seen on the street within 730 days"), not_returned, pct(not_returned, exited) or 0])
        note = ""
        if filters.end + timedelta(days=730) > timezone.localdate():
            note = _("The 730-day follow-up of some exits has not ended yet; later returns may still come.")
        return Result(columns=[_("Persons"), _("Count"), _("%")], rows=rows, note=note,
                      chart=bar([str(r[0]) for r in rows[1:]], {_("Persons"): [r[1] for r in rows[1:]]}))

    def headline(self, result):
        return sum(r[1] for r in result.rows[1:4])

    def link(self, filters):
        """The cohort: the approved exits to a permanent destination decided in the period (a person exited twice
        is listed twice; the figure follows each person from their earliest exit)."""
        return list_link("outreach:disposition_list", filters, status=DispositionStatus.APPROVED,
                         exit_class=ExitClass.PERMANENT)


@register
class FirstTimeRepeat(Figure):
    key = "outreach.first_time"
    title = _("First-time and repeat persons found")
    definition = "first-time-and-repeat"
    group = OUTREACH

    def compute(self, filters, user):
        src = summaries.source(filters, user)
        if src is not None:
            total = first = 0
            start = filters.months[0]
            unseen = "o" if src.org_scope else "f"
            for _month, key, value in src.rows("found", start, filters.months[-1]):
                if key[0] == "p" and summaries.parse_ym(key[1:]) < start:
                    total += value  # found earlier in the period: counted there
                elif key[0] == unseen:
                    total += value
                    if summaries.parse_ym(key[1:]) >= start:
                        first += value
            return self.result(total, first, total - first)
        # In SQL (EXISTS per person found), so no list of person ids travels to Python and back.
        start, _end = aware_range(filters)
        base = encounters(filters, user)
        earlier = Q(Exists(selectors.encounters_visible_to(user).filter(
            person_id=OuterRef("person_id"), encountered_at__lt=start))) | Q(Exists(
            selectors.stays_visible_to(user).filter(person_id=OuterRef("person_id"), admitted_on__lt=filters.start)))
        total = base.order_by().values("person_id").distinct().count()
        repeat = base.filter(earlier).order_by().values("person_id").distinct().count()
        return self.result(total, total - repeat, repeat)

    def result(self, total, first, repeat):
        rows = [[_("First time"), first, pct(first, total) or 0], [_("Seen before"), repeat, pct(repeat, total) or 0]]
        return Result(columns=[_("Persons found"), _("Count"), _("%")], rows=rows,
                      chart=bar([str(r[0]) for r in rows], {_("Persons"): [r[1] for r in rows]}, kind="doughnut"))

    def link(self, filters):
        return list_link("outreach:encounter_list", filters)
