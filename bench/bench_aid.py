"""Social aid: generating a distribution cycle for 100,000 active enrolees with eligibility re-checked.

The scratch database is topped up to ``100,000 × size`` persons with a severe disability, a Kota Malang
domicile, a welfare record and an active enrolment in a bench program (bulk inserts, no history); a few
percent fail a rule (died, moved out of the city, decile too high, in a conflicting program) so the
exclusion path is exercised. Then one cycle is generated and timed, and generated again under
tracemalloc for the peak of Python memory.
"""

import os
import time
import tracemalloc
from datetime import date
from decimal import Decimal

from bench.common import Row

TARGET_S = 30
MEMORY_TARGET_MB = 200
BATCH = 5000


def _setup(count: int):
    from django.db import transaction

    from desaku.aid.models import Enrolment, EnrolmentStatus, Program, WelfareStatus
    from desaku.core.auditing import allow_bulk_writes
    from desaku.core.models import FundingSource, Organisation, OrganisationKind, Region, User
    from desaku.people.models import Disability, Person

    org = Organisation.objects.filter(name="Bench Dinsos").first()
    if org is None:
        org = Organisation(name="Bench Dinsos", short_name="bench", kind=OrganisationKind.DINAS)
        org.save()
    user = User.objects.filter(username="bench_aid").first() or User.objects.create_user(
        username="bench_aid", password="x", organisation=org, data_scope="all", is_superuser=True)
    fs = FundingSource.objects.get(code="APBD-I")
    rules = [{"rule": "alive"}, {"rule": "disability", "severities": ["severe"]}, {"rule": "domicile_malang"},
             {"rule": "decile_max", "max": 5}, {"rule": "not_enrolled", "programs": ["bench-other"]}]
    program = Program.objects.filter(code="bench-aspd").first()
    if program is None:
        program = Program(code="bench-aspd", name="Bench ASPD", kind="cash", funding_source=fs, year=2026,
                          budget=Decimal(10) ** 12, benefit_amount=Decimal(900_000), rules=rules,
                          frequency="monthly_quarterly", created_by=user)
        program.save()
        other = Program(code="bench-other", name="Bench other", kind="cash", funding_source=fs, year=2026,
                        rules=[], created_by=user)
        other.save()
    other = Program.objects.get(code="bench-other")
    have = Enrolment.objects.filter(program=program, status=EnrolmentStatus.ACTIVE).count()
    malang = list(Region.objects.filter(code__startswith="35.73.", level=4).values_list("pk", flat=True))
    outside = Region.objects.exclude(code__startswith="35.73.").filter(level=4).values_list("pk", flat=True).first()
    made = have
    with allow_bulk_writes(reason="bench aid setup", by=user):
        while made < count:
            n = min(BATCH, count - made)
            with transaction.atomic():
                persons = Person.objects.bulk_create([Person(
                    full_name=f"Penerima Bench {made + i}", sex="L" if i % 2 else "P", birth_year=1940 + i % 60,
                    domicile_kelurahan_id=outside if (made + i) % 97 == 5 and outside else malang[i % len(malang)],
                    date_of_death=date(2025, 1, 1) if (made + i) % 101 == 7 else None,
                    organisation=org, registered_by=user) for i in range(n)])
                Disability.objects.bulk_create([Disability(person=p, type="physical", severity="severe")
                                                for p in persons])
                WelfareStatus.objects.bulk_create([WelfareStatus(
                    person=p, in_dtks=True, decile=8 if (made + i) % 89 == 3 else 1 + i % 5, recorded_on=date(2026, 1, 1),
                    recorded_by=user) for i, p in enumerate(persons)])
                Enrolment.objects.bulk_create([Enrolment(
                    program=program, person=p, status=EnrolmentStatus.ACTIVE, start_date=date(2026, 1, 1),
                    organisation=org, proposed_by=user, bank_name="Bank Jatim", account_number=f"{p.pk:010d}")
                    for p in persons])
                conflicting = [p for i, p in enumerate(persons) if (made + i) % 83 == 11]
                Enrolment.objects.bulk_create([Enrolment(
                    program=other, person=p, status=EnrolmentStatus.ACTIVE, organisation=org, proposed_by=user)
                    for p in conflicting])
            made += n
            print(f"  aid bench: {made:,} enrolees", flush=True)
    if made > have:
        _analyze()
    return program, user


def _analyze():
    """Fresh statistics after the bulk load, as a production database has (else the planner guesses badly)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("people_person", "people_disability", "aid_welfarestatus", "aid_enrolment",
                          "people_classification", "people_householdmembership"):
                cursor.execute(f"ANALYZE {table}")  # noqa: S608 - fixed table names


def _clear(program):
    """Remove earlier bench cycles with plain SQL (a queryset delete would write history row by row)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM aid_cycleline WHERE cycle_id IN (SELECT id FROM aid_cycle WHERE program_id = %s)",
                       [program.pk])
        cursor.execute("DELETE FROM aid_cycleexclusion WHERE cycle_id IN "
                       "(SELECT id FROM aid_cycle WHERE program_id = %s)", [program.pk])
        cursor.execute("DELETE FROM aid_cycle WHERE program_id = %s", [program.pk])


def run(size: float) -> list[Row]:
    import gc

    from django.db import connection

    from desaku.aid import services

    count = max(1000, int(100_000 * size))
    program, user = _setup(count)
    _clear(program)
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    cycle = services.generate_cycle(program=program, by=user, name="Bench tahap 1", scheduled_on=date(2026, 6, 1))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    load = os.getloadavg()[0]
    _clear(program)
    gc.collect()
    tracemalloc.start()
    services.generate_cycle(program=program, by=user, name="Bench tahap 1 (memory)", scheduled_on=date(2026, 6, 1))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / 2**20
    enrolees = cycle.line_count + cycle.excluded_count
    return [
        Row(f"aid cycle generation, {enrolees:,} active enrolees ({connection.vendor})",
            f"{seconds:.1f} s ({cycle.line_count:,} lines, {cycle.excluded_count:,} excluded with reasons; "
            f"Python CPU {cpu:.1f} s, load average {load:.1f})",
            f"≤ {TARGET_S} s", seconds <= TARGET_S and enrolees >= count),
        Row("aid cycle generation, peak Python memory (tracemalloc)", f"{peak_mb:.0f} MB",
            f"≤ {MEMORY_TARGET_MB} MB (bounded: chunks of 5,000)", peak_mb <= MEMORY_TARGET_MB),
    ]
