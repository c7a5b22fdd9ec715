"""The people registry at scale: duplicate check, search by name and NIK, generating 1M persons.

The scratch database is topped up to ``1,000,000 × size`` synthetic persons (bench/registry_generator.py);
a registry that is already there is reused, and the generation row then shows the measurement
recorded when it was made (var/bench/registry_generation.json).
"""

import json
import os
import random
import time
from pathlib import Path

from bench.common import Row, median, percentile, timed

SAMPLES = 200
STATS_FILE = Path("var/bench/registry_generation.json")
GENERATION_TARGET_S = 600  # at 1M persons
MEMORY_TARGET_MB = 500


def _db_key(connection) -> str:
    return f"{connection.vendor}:{connection.settings_dict.get('NAME')}"


def _load_stats() -> dict:
    try:
        return json.loads(STATS_FILE.read_text())
    except (OSError, ValueError):
        return {}


def _generation(count: int):
    """Ensure ``count`` persons; return the (recorded) generation measurement."""
    from django.db import connection

    from bench.registry_generator import generate

    report = generate(count=count, out=print)
    stats = _load_stats()
    key = _db_key(connection)
    if report.created:
        entry = {"count": report.total, "created": report.created, "seconds": round(report.seconds, 1),
                 "peak_rss_mb": round(report.peak_rss_mb), "half_rss_mb": round(report.half_rss_mb),
                 "rows_rss_mb": round(report.rows_rss_mb), "phases": report.phases,
                 "when": time.strftime("%Y-%m-%d %H:%M")}
        if report.created == report.total or key not in stats:
            stats[key] = entry
        STATS_FILE.parent.mkdir(parents=True, exist_ok=True)
        STATS_FILE.write_text(json.dumps(stats, indent=2))
    return stats.get(key)


def _person_data(person) -> dict:
    return {"full_name": person.full_name, "sex": person.sex, "birth_date": person.birth_date,
            "birth_date_quality": person.birth_date_quality, "birth_year": person.birth_year,
            "mother_name": person.mother_name, "origin_region": person.origin_region_id}


def _sample_persons(rng, n: int, **filters):
    from django.db.models import Max, Min

    from desaku.people.models import Person

    bounds = Person.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
    found = []
    while len(found) < n:
        ids = [rng.randint(bounds["lo"], bounds["hi"]) for _ in range(n * 3)]
        found += list(Person.objects.filter(pk__in=ids, merged_into__isnull=True, **filters)
                      .prefetch_related("aliases"))
    rng.shuffle(found)
    return found[:n]


def _new_entries(rng, n: int) -> list[tuple[dict, list]]:
    """Half re-registrations of existing persons under another spelling, half new people."""
    from django.utils import timezone

    from desaku.people import demo

    today = timezone.localdate()
    entries = []
    for person in _sample_persons(rng, n // 2):
        data = _person_data(person)
        data["full_name"] = demo.variant(person.full_name, rng)
        if data["birth_year"] and rng.random() < 0.6:  # estimated again, differently
            data.update(birth_date=None, birth_date_quality="approximate",
                        birth_year=data["birth_year"] + rng.choice((-3, -1, 0, 0, 1, 2, 5)))
        if rng.random() < 0.5:
            data["mother_name"] = ""
        aliases = [demo.nickname_of(person.full_name, rng)] if rng.random() < 0.3 else []
        entries.append((data, aliases))
    while len(entries) < n:
        sex = rng.choice("LP")
        age = rng.randint(6, 85)
        born = demo.birth_for_age(rng, age, today)
        name, _quality = demo.person_name(rng, sex, born.year)
        data = {"full_name": name, "sex": sex, "mother_name": demo.mother_name(rng) if rng.random() < 0.4 else ""}
        if rng.random() < 0.4:
            data.update(birth_date=born, birth_date_quality="exact", birth_year=born.year)
        elif rng.random() < 0.7:
            data.update(birth_date_quality="approximate", birth_year=born.year)
        entries.append((data, [demo.nickname_of(name, rng)] if rng.random() < 0.2 else []))
    rng.shuffle(entries)
    return entries


def _search_names(rng, n: int) -> list[str]:
    from desaku.people import demo

    names = []
    for person in _sample_persons(rng, n // 2):
        names.append(person.full_name if rng.random() < 0.5 else demo.variant(person.full_name, rng))
    while len(names) < n:
        name, _quality = demo.person_name(rng, rng.choice("LP"), rng.randint(1940, 2018))
        names.append(name if rng.random() < 0.7 else name.split()[-1])  # people also type one name
    rng.shuffle(names)
    return names


def _niks(rng, n: int) -> list[str]:
    from datetime import date

    from desaku.people import demo
    from desaku.people.services import nik_of

    found = [nik_of(p) for p in _sample_persons(rng, n * 4 // 5, nik_hash__isnull=False)]
    while len(found) < n:  # numbers nobody has
        found.append(demo.make_nik(rng, region6="357305", birth=date(1970, 1, 1 + rng.randrange(28)),
                                   sex="L", serial=9000 + rng.randrange(999)))
    rng.shuffle(found)
    return found


def _stats(samples) -> str:
    return f"median {median(samples):.1f} ms, p95 {percentile(samples, 95):.1f} ms"


def run(size: float) -> list[Row]:
    from django.test.utils import override_settings

    from desaku.core.models import User
    from desaku.people import selectors

    count = int(1_000_000 * size)
    generation = _generation(count)
    user = User.objects.get(username="bench")  # data scope "all", made by the generator
    rng = random.Random(7)
    entries = _new_entries(rng, SAMPLES)
    names = _search_names(rng, SAMPLES)
    niks = _niks(rng, SAMPLES)

    def check(i):
        data, aliases = entries[i]
        selectors.duplicate_report(data=data, aliases=aliases, user=user)

    def by_name(i):
        selectors.search_persons(user, names[i])

    def by_nik(i):
        result = selectors.search_persons(user, niks[i])
        assert result.by_nik

    with override_settings(DEBUG=False):  # production settings: no query log
        for func in (check, by_name, by_nik):
            timed(func, 20)  # warm the caches
        dup = timed(check, SAMPLES)
        name = timed(by_name, SAMPLES)
        nik = timed(by_nik, SAMPLES)
    # The machine may be shared: the load average says how much of it the measurement had.
    scale = f"{count:,} persons, load {os.getloadavg()[0]:.1f}"
    rows = [
        Row(f"duplicate check for a new person ({scale}, n={SAMPLES})", _stats(dup),
            "median ≤ 20 ms, p95 ≤ 50 ms", median(dup) <= 20 and percentile(dup, 95) <= 50),
        Row(f"search by name ({scale}, n={SAMPLES})", _stats(name), "p95 ≤ 100 ms",
            percentile(name, 95) <= 100),
        Row(f"search by NIK ({scale}, n={SAMPLES})", _stats(nik), "p95 ≤ 10 ms", percentile(nik, 95) <= 10),
    ]
    if generation:
        target_s = GENERATION_TARGET_S * generation["count"] / 1_000_000
        extrapolated = generation["created"] != generation["count"]
        label = (f"generate {generation['created']:,} persons" + (" (top-up)" if extrapolated else "")
                 + f", {generation['when']}")
        rate = generation["created"] / generation["seconds"] if generation["seconds"] else 0
        seconds = generation["count"] / rate if rate else 0
        rows.append(Row(label, f"{generation['seconds']:,.0f} s ({rate:,.0f} persons/s)"
                        + (f"; {seconds:,.0f} s for {generation['count']:,}" if extrapolated else ""),
                        f"≤ {target_s:,.0f} s for {generation['count']:,}", seconds <= target_s))
        peak, half = generation["peak_rss_mb"], generation["half_rss_mb"]
        written = generation.get("rows_rss_mb", peak)
        rows.append(Row("generator memory (peak RSS of the process)",
                        f"{half:,} MB half-way, {written:,} MB after the last row, {peak:,} MB with the index rebuild",
                        f"flat while writing, ≤ {MEMORY_TARGET_MB} MB", written - half <= 32 and peak <= MEMORY_TARGET_MB))
    return rows
