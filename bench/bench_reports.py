"""Reports at scale: the heads' dashboard (p95) and the monthly report over 1,000,000 × size persons and
10,000,000 × size events (outreach operations, encounters, shelter stays, dispositions, classifications).

The registry comes from bench/registry_generator.py; the events are written here with COPY (PostgreSQL) or
executemany (SQLite), without history rows (they are synthetic). Data already there is reused.
Targets (issue 10, PostgreSQL, size 1.0): dashboard p95 < 1 s, monthly report < 30 s.
"""

import os
import random
import secrets
import time
from datetime import date, datetime, timedelta

from bench.common import Row, median, percentile

EVENTS_PER_PERSON = 10
SAMPLES = int(os.environ.get("BENCH_REPORTS_SAMPLES", "20"))
ACTIVITIES = ["begging", "vending", "busking", "scavenging", "sleeping", "other"]
# Of every 10 events: 1 operation-share, 6 encounters, 1 stay, 1 disposition, 1 classification.
SHARES = {"encounter": 0.6, "operation": 0.1, "stay": 0.1, "disposition": 0.1, "classification": 0.1}


def _columns(model):
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _copy(model, objects):
    from django.db import connection

    from bench.registry_generator import _insert

    fields = _columns(model)
    rows = [[f.get_db_prep_save(getattr(o, f.attname), connection) for f in fields] for o in objects]
    _insert(connection, model._meta.db_table, [f.column for f in fields], rows)


def _aware(day, hour):
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


def generate_events(*, persons: int, events: int, seed: int = 10, out=print) -> dict:
    """Top the outreach tables up to ``events`` rows in total; returns counts and seconds."""
    from django.db import transaction
    from django.db.models import Max, Min

    from desaku.core.models import ExitDestination, Organisation, PPKSCategory, Region, User
    from desaku.outreach.models import Disposition, Encounter, OutreachOperation, Shelter, Stay
    from desaku.people.models import Classification, Person

    existing = Encounter.objects.count()
    target = int(events * SHARES["encounter"])
    started = time.perf_counter()
    if existing >= target * 0.95:
        return {"created": 0, "seconds": 0.0}
    rng = random.Random(seed)
    user = User.objects.get(username="bench")
    orgs = list(Organisation.objects.values_list("pk", flat=True))
    org = user.organisation_id
    kelurahan = list(Region.objects.filter(level=4, code__startswith="35.73.").values_list("code", flat=True))
    shelters = list(Shelter.objects.values_list("pk", flat=True))
    exits = list(ExitDestination.objects.values_list("pk", flat=True))
    categories = list(PPKSCategory.objects.values_list("pk", flat=True))
    bounds = Person.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
    today = date.today()
    days = 3 * 365
    n_ops = int(events * SHARES["operation"])
    n_stays = int(events * SHARES["stay"])
    batch = 50_000
    with transaction.atomic():
        op_first = (OutreachOperation.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        for start in range(0, n_ops, batch):
            _copy(OutreachOperation, [OutreachOperation(
                kind=rng.choice(["patrol", "raid", "report"]), started_at=_aware(today - timedelta(days=rng.randrange(days)),
                                                                                 rng.randrange(6, 22)),
                kelurahan_id=rng.choice(kelurahan), place="Jalan", organisation_id=rng.choice(orgs) if rng.random() < 0.2
                else org, created_by_id=user.pk) for _ in range(min(batch, n_ops - start))])
        op_last = OutreachOperation.objects.aggregate(m=Max("pk"))["m"]
        out(f"  operations: {op_last - op_first + 1}")
        ops = dict(OutreachOperation.objects.filter(pk__gte=op_first).values_list("pk", "started_at"))
        op_ids = list(ops)
        for start in range(0, target, batch):
            rows = []
            for _ in range(min(batch, target - start)):
                op = rng.choice(op_ids)
                rows.append(Encounter(operation_id=op, person_id=rng.randint(bounds["lo"], bounds["hi"]),
                                      encountered_at=ops[op] + timedelta(minutes=rng.randrange(180)),
                                      activity=rng.choice(ACTIVITIES), company="alone", outcome="counselled",
                                      recorded_by_id=user.pk))
            _copy(Encounter, rows)
            out(f"  encounters: {start + len(rows)}")
        stays, dispositions = [], []
        stay_first = (Stay.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        for i in range(n_stays):
            admitted = today - timedelta(days=rng.randrange(30, days))
            ended = admitted + timedelta(days=rng.randrange(1, 30))
            stays.append(Stay(person_id=rng.randint(bounds["lo"], bounds["hi"]), shelter_id=rng.choice(shelters),
                              admitted_on=admitted, due_on=admitted + timedelta(days=7), status="closed",
                              ended_on=ended, responsible_worker_id=user.pk, organisation_id=org,
                              admitted_by_id=user.pk))
            dispositions.append(Disposition(stay_id=stay_first + i, kind="returned", exit_destination_id=rng.choice(exits),
                                            decided_on=ended, status="approved", proposed_by_id=user.pk,
                                            approved_by_id=user.pk))
            if len(stays) == batch:
                _copy(Stay, stays)
                _copy(Disposition, dispositions)
                stays, dispositions = [], []
        _copy(Stay, stays)
        _copy(Disposition, dispositions)
        n_class = int(events * SHARES["classification"])
        for start in range(0, n_class, batch):
            _copy(Classification, [Classification(
                person_id=rng.randint(bounds["lo"], bounds["hi"]), category_id=rng.choice(categories),
                valid_from=today - timedelta(days=rng.randrange(days)), assessed_by_id=user.pk)
                for _ in range(min(batch, n_class - start))])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"created": target + n_ops + 2 * n_stays, "seconds": time.perf_counter() - started}


def _client_for(role, scope):
    from django.test import Client

    from desaku.core.models import Organisation, User
    from desaku.core.services import create_staff_user

    name = "bench_" + "".join(c for c in str(role).lower() if c.isalnum())
    user = User.objects.filter(username=name).first() or create_staff_user(
        username=name, password=secrets.token_urlsafe(24), roles=[role], data_scope=scope,
        organisation=Organisation.objects.get(name="Dinas Sosial Kota Malang"))
    client = Client()
    client.force_login(user)
    return client


def run(size: float) -> list[Row]:
    from django.db import connection
    from django.test.utils import setup_test_environment

    from bench.bench_registry import _generation
    from desaku.core.models import Role, Scope
    from desaku.outreach.models import Encounter
    from desaku.people.models import Person

    persons, events = int(1_000_000 * size), int(10_000_000 * size)
    _generation(persons)
    made = generate_events(persons=persons, events=events)
    setup_test_environment()
    n_persons, n_encounters = Person.objects.count(), Encounter.objects.count()
    load = os.getloadavg()[0]
    label = f"{n_persons:,} persons, {n_encounters:,} encounters, {connection.vendor}, load {load:.1f}"
    rows = []
    if made["created"]:
        rows.append(Row(f"generate {made['created']:,} events", f"{made['seconds']:.0f} s", "-", True))
    from django.core.cache import cache

    from desaku.reports.summaries import latest
    from desaku.reports.summaries import refresh as refresh_summaries

    # As the daily job does: rebuild the figures' summary tables, then measure. BENCH_REUSE_SUMMARIES=1 keeps
    # the last rebuild when nothing was generated since (to re-measure the dashboard without the rebuild).
    previous = latest()
    if os.environ.get("BENCH_REUSE_SUMMARIES") == "1" and previous and not made["created"]:
        rows.append(Row(f"report summaries, full rebuild, {previous.cells:,} cells (reused from "
                        f"{previous.refreshed_at:%Y-%m-%d %H:%M})", f"{previous.seconds:.0f} s",
                        "daily job, minutes", previous.seconds < 900))
    else:
        done = refresh_summaries(out=print)
        rows.append(Row(f"report summaries, full rebuild, {done.cells:,} cells ({label})", f"{done.seconds:.0f} s",
                        "daily job, minutes", done.seconds < 900))
    from desaku.core.models import Organisation, PPKSCategory

    kecamatan = ["", "35.73.01", "35.73.02", "35.73.03", "35.73.04", "35.73.05"]
    # A PPKS-category filter is always computed from the records (the summaries hold no person ids): measured as
    # its own series, like an organisation filter (a summary lookup per organisation).
    categories = list(PPKSCategory.objects.filter(is_sensitive=False, active=True).order_by("number").values_list(
        "pk", flat=True))
    organisations = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    for role, scope in ((Role.KEPALA_DINAS, Scope.ALL), (Role.KEPALA_BIDANG, Scope.ORGANISATION)):
        client = _client_for(role, scope)
        cache.clear()
        cold, warm, by_category, by_organisation = [], [], [], []
        for i in range(SAMPLES):
            # Cold: a filter combination nobody asked for in the last ten minutes (computed live).
            end = f"{date.today().year - i // 6}-{date.today().month:02d}"
            query = {"kecamatan": kecamatan[i % 6], "end": end}
            start = time.perf_counter()
            response = client.get("/reports/", query)
            cold.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
            for series, extra in ((by_category, {"category": categories[i % len(categories)]}),
                                  (by_organisation, {"organisation": organisations[i % len(organisations)]})):
                start = time.perf_counter()
                response = client.get("/reports/", {"end": end, **extra})
                series.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.status_code
            # Warm: the default view again (served from the cache of computed panels).
            start = time.perf_counter()
            client.get("/reports/")
            warm.append((time.perf_counter() - start) * 1000)
        name = f"heads' dashboard, 12 months + comparisons, {role} ({label}, n={SAMPLES})"
        rows.append(Row(name + ", cold (computed)", f"median {median(cold):.0f} ms, p95 {percentile(cold, 95):.0f} ms",
                        "p95 < 1000 ms (at size 1.0)", percentile(cold, 95) < 1000))
        for label_, series in ((", cold, PPKS-category filter (computed live)", by_category),
                               (", cold, organisation filter", by_organisation)):
            rows.append(Row(name + label_, f"median {median(series):.0f} ms, p95 {percentile(series, 95):.0f} ms",
                            "p95 < 1000 ms (at size 1.0)", percentile(series, 95) < 1000))
        rows.append(Row(name + ", repeated (cached)", f"median {median(warm):.0f} ms, p95 {percentile(warm, 95):.0f} ms",
                        "p95 < 1000 ms (at size 1.0)", percentile(warm, 95) < 1000))
    from desaku.reports.monthly import generate_monthly_report
    from desaku.reports.opendata import refresh

    month = date.today().replace(day=1) - timedelta(days=1)
    start = time.perf_counter()
    generate_monthly_report(month=month)
    seconds = time.perf_counter() - start
    rows.append(Row(f"monthly report, PDF + workbook ({label})", f"{seconds:.1f} s", "< 30 s (at size 1.0)",
                    seconds < 30))
    start = time.perf_counter()
    cells = refresh()
    seconds = time.perf_counter() - start
    rows.append(Row(f"open-data summary refresh, {cells:,} cells ({label})", f"{seconds:.1f} s", "daily job", True))
    return rows
