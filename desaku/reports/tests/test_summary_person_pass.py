"""The set-based person pass (summaries._person_pass, window functions) makes exactly the cells of the former
walk over each person's history, kept here as the reference (docs/measures.md, "Performance")."""

import random
from bisect import bisect_right
from collections import defaultdict
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter

import pytest
from django.db.models.functions import TruncDate

from desaku.reports import summaries
from desaku.reports.summaries import Cells, coordinates, month_of, ym
from desaku.reports.tests.helpers import found, kelurahan, person, stay

# ------------------------------------------------------------------------ the former algorithm (reference)


def _band_of(days):
    if days is None:
        return "n"
    for index, (lo, hi) in enumerate(((0, 180), (181, 365), (366, 730))):
        if lo <= days <= hi:
            return str(index)
    return "n"


def _first_after(days, day):
    index = bisect_right(days, day)
    if index < len(days) and (days[index] - day).days <= 730:
        return (days[index] - day).days
    return None


def _persons(*streams):
    iterators = [groupby(s, key=itemgetter(0)) for s in streams]
    heads = [next(it, None) for it in iterators]
    while any(h is not None for h in heads):
        current = min(h[0] for h in heads if h is not None)
        groups = []
        for index, head in enumerate(heads):
            if head is not None and head[0] == current:
                groups.append(list(head[1]))
                heads[index] = next(iterators[index], None)
            else:
                groups.append([])
        yield current, groups


def reference_person_pass(acc):
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
    for _person, (seen, admitted, exited) in _persons(list(encounters), list(stays), list(exits)):
        sightings = [(day, org) for _p, day, org, _k in seen] + [(day, org) for _p, day, org in admitted]
        first_seen, first_in_org = None, {}
        for day, org in sightings:
            if first_seen is None or day < first_seen:
                first_seen = day
            if org not in first_in_org or day < first_in_org[org]:
                first_in_org[org] = day
        months_in = defaultdict(set)
        for _p, day, org, code in seen:
            for coordinate in coordinates(org, code):
                months_in[coordinate].add(month_of(day))
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
        every_day = sorted(day for day, _org in sightings)
        days_in_org = defaultdict(list)
        for day, org in sorted(sightings):
            days_in_org[org].append(day)
        last_exit = {}
        for _p, day, org, code in exited:
            band = _band_of(_first_after(every_day, day))
            band_in_org = _band_of(_first_after(days_in_org.get(org, []), day))
            for coordinate in coordinates(org, code):
                previous = ym(last_exit.get(coordinate))
                acc.at("ret", month_of(day), coordinate, f"{band}|{previous}")
                if coordinate[0]:
                    acc.at("ret", month_of(day), coordinate, f"o{band_in_org}|{previous}")
                last_exit[coordinate] = month_of(day)


# ------------------------------------------------------------------------------------- random histories


def _random_history(actors, seed):
    """Persons found by operations of three organisations in kelurahan of two kecamatan (or none), shelter
    stays (one after another per person) closed by permanent or street exits, some on the day of a sighting,
    over four years so that every return band and "no return" occurs."""
    rng = random.Random(seed)
    worker, kabid = actors["operator"], actors["kabid"]
    orgs = [worker.organisation, actors["lks_a"].organisation, actors["lks_b"].organisation]
    places = [None, kelurahan("35.73.01", 0), kelurahan("35.73.01", 1), kelurahan("35.73.02", 0)]
    start = date(2023, 1, 1)
    people = [person(worker, f"Acak {seed} {i}", birth_year=1950 + i) for i in range(7)]
    for p in people:
        days = sorted(rng.sample(range(0, 1400), rng.randint(0, 5)))
        for offset in days:
            encounter = found(p, worker, start + timedelta(days=offset), place=rng.choice(places),
                              activity=rng.choice(["begging", "busking"]))
            encounter.operation.organisation = rng.choice(orgs)
            encounter.operation.save()
        day = start + timedelta(days=rng.randrange(0, 200))
        for _ in range(rng.randint(0, 3)):
            ended = day + timedelta(days=rng.choice([1, 3, 20]))
            entry = found(p, worker, day, place=rng.choice(places)) if rng.random() < 0.5 else None
            s = stay(p, worker, day, ended=ended, approver=kabid, encounter=entry,
                     kind=rng.choice(["returned", "returned", "absconded"]))
            s.refresh_from_db()  # closed by the approval
            s.organisation = rng.choice(orgs)
            s.save()
            if rng.random() < 0.3:  # seen on the exit day itself: no return
                found(p, worker, ended, place=rng.choice(places))
            day = ended + timedelta(days=rng.choice([0, 5, 100, 300, 700, 800]))
    return people


@pytest.mark.parametrize("seed", [1, 3])
def test_the_set_based_pass_equals_the_walk_over_each_person(actors, seed):
    _random_history(actors, seed)
    expected, made = Cells(), Cells()
    reference_person_pass(expected)
    summaries._person_pass(made)
    want = {k: v for k, v in expected.values.items() if v}
    got = {k: v for k, v in made.values.items() if v}
    # The history exercises every kind of key: first time, seen before, returned and not.
    assert {k[4][0] for k in want if k[0] == "found"} == {"f", "o", "p"}
    kinds = {k[4][0] for k in want if k[0] == "ret"}
    assert {"n", "o"} <= kinds and kinds & {"0", "1", "2"}
    assert got == want
