"""A synthetic registry of N persons for the benchmarks (``manage.py generate_registry``).

Each person comes with the rows the registry keeps beside it: aliases, the ``PersonNameKey`` rows
the duplicate check reads (``names.blocking_keys``, with sex and birth year copied as
``services.rebuild_name_keys`` does) and the NIK triple (Fernet ciphertext, blind index, masked
form) made with the same ``desaku.core.crypto`` calls as ``services``.

Speed (1,000,000 persons in minutes on 2 cores):

* rows are made in worker processes (names, keys and encryption are CPU work) while the main
  process writes the previous batch;
* they are written as plain tuples (``executemany`` on SQLite, ``COPY`` on PostgreSQL) with
  explicit ids: Django's ``bulk_create`` spends most of its time compiling SQL per value (45
  columns per person). The writes are bulk writes on audited models, so they run under
  ``allow_bulk_writes`` and leave one audit entry per transaction and model, as ``bulk_create``
  under the permit would;
* into an empty registry the secondary indexes are dropped first and rebuilt at the end (one sort
  instead of a million random B-tree inserts); on SQLite the generator's own connection runs
  with ``synchronous=OFF`` (a crash loses at most the run, which is regenerated).

Memory is constant: at most a few batches exist at a time (workers are throttled), NIK uniqueness
is kept with a fixed-size bitmap of blind indexes, and the caches are bounded.
"""

import multiprocessing
import os
import random
import resource
import secrets
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

BATCH_SIZE = 5000
SQLITE_COMMIT_EVERY = 50_000  # rows per transaction on SQLite (fewer, larger commits)
NIK_SHARE = 0.4
_BITMAP_BITS = 1 << 27  # 16 MB; a false positive only costs one person its NIK
TABLES = ("people_person", "people_alias", "people_personnamekey")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


@dataclass
class GenerationReport:
    created: int
    total: int
    seconds: float
    peak_rss_mb: float
    name_keys: int = 0
    aliases: int = 0
    half_rss_mb: float = 0.0  # peak RSS when half the rows were written …
    rows_rss_mb: float = 0.0  # … and when all were (before the index rebuild): equal = constant memory
    phases: dict = field(default_factory=dict)  # seconds spent writing, waiting for rows, indexing…

    @property
    def rows_per_second(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0


class _NikBitmap:
    """Set membership for NIK blind indexes in constant memory (false positives allowed)."""

    def __init__(self):
        self.bits = bytearray(_BITMAP_BITS // 8)

    def add(self, digest: str) -> bool:
        """Record ``digest``; False if it (or a colliding one) was there already."""
        slot = int(digest[:8], 16) & (_BITMAP_BITS - 1)
        byte, bit = slot >> 3, 1 << (slot & 7)
        if self.bits[byte] & bit:
            return False
        self.bits[byte] |= bit
        return True


def _keys_for(full_name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    from desaku.people.names import blocking_keys

    if not aliases:
        return _name_keys(full_name)  # most persons: full names repeat, so cache them
    return tuple(blocking_keys(full_name, aliases))


@lru_cache(maxsize=300_000)
def _name_keys(full_name: str) -> tuple[str, ...]:
    from desaku.people.names import blocking_keys

    return tuple(blocking_keys(full_name))


@dataclass
class _World:
    """What rows point to, read once from the database (plain values: it goes to the workers)."""

    organisation_id: int
    user_id: int
    kelurahan: list
    origins_near: list
    origins_far: list
    provinces_other: list

    @classmethod
    def load(cls) -> "_World":
        from desaku.core.models import Organisation, Region, Role, Scope, User
        from desaku.core.services import create_staff_user
        from desaku.people import demo

        organisation = Organisation.objects.get(name="Dinas Sosial Kota Malang")
        user = User.objects.filter(username="bench").first()
        if user is None:
            user = create_staff_user(username="bench", password=secrets.token_urlsafe(24), roles=[Role.OPERATOR],
                                     organisation=organisation, data_scope=Scope.ALL,
                                     first_name="Benchmark", last_name="Generator")
        kelurahan = list(Region.objects.filter(level=4, code__startswith="35.73.")
                         .order_by("code").values_list("code", flat=True))
        level2 = set(Region.objects.filter(level=2).values_list("code", flat=True))
        near = [c for c in demo.ORIGIN_CODES_NEAR if c in level2] or ["35.07"]
        return cls(organisation_id=organisation.pk, user_id=user.pk, kelurahan=kelurahan, origins_near=near,
                   origins_far=[c for c in demo.ORIGIN_CODES_FAR if c in level2] or near,
                   provinces_other=sorted(c for c in level2 if not c.startswith("35.")))


def _person_row(rng, world: "_World", today: date):
    """One synthetic person: (field dict, NIK number or "", aliases [(name, kind)])."""
    from desaku.people import demo

    sex = "L" if rng.random() < 0.55 else ("P" if rng.random() < 0.94 else "U")
    band = rng.random()
    age = rng.randint(5, 17) if band < 0.15 else (rng.randint(18, 59) if band < 0.7 else rng.randint(60, 92))
    born = demo.birth_for_age(rng, age, today)
    has_nik = rng.random() < NIK_SHARE and sex != "U"
    row = {"sex": sex}
    nik = ""
    if has_nik:
        prefixes = demo.NIK_PREFIXES_KOTA_MALANG if rng.random() < 0.55 else demo.NIK_PREFIXES_JATIM
        region6 = rng.choice(prefixes)
        nik = demo.make_nik(rng, region6=region6, birth=born, sex=sex, serial=rng.randint(1, 999))
    roll = rng.random()
    if nik and roll < 0.9 or not nik and roll < 0.1:
        row.update(birth_date=born, birth_date_quality="exact", birth_year=born.year)
    elif nik or roll < 0.4:  # a stated year, often rounded
        year = born.year - born.year % 5 if not nik and rng.random() < 0.4 else born.year
        row.update(birth_date_quality="approximate", birth_year=year)
    elif roll < 0.68:  # an age estimated by a worker at some encounter, often rounded to 5
        on = today - timedelta(days=rng.randrange(3000))
        estimated = max(1, age - (today.year - on.year))
        if rng.random() < 0.5 and estimated > 10:
            estimated -= estimated % 5
        row.update(birth_date_quality="approximate", estimated_age=estimated, age_estimated_on=on,
                   birth_year=on.year - estimated)
    else:
        row.update(birth_date_quality="unknown")
    name, quality = demo.person_name(rng, sex if sex != "U" else rng.choice("LP"), row.get("birth_year"))
    row.update(full_name=name, name_quality=quality)
    if rng.random() < 0.45:
        row["mother_name"] = demo.mother_name(rng)
    roll = rng.random()
    if roll < 0.2:
        origin = None
    elif roll < 0.5:
        origin = "35.73" if rng.random() < 0.5 else rng.choice(world.kelurahan)
    elif roll < 0.92:
        origin = rng.choice(world.origins_near)
    elif roll < 0.97:
        origin = rng.choice(world.origins_far)
    else:
        origin = rng.choice(world.provinces_other or world.origins_far)
    row["origin_region_id"] = origin
    if rng.random() < 0.35:
        row["no_fixed_abode"] = True
    else:
        row["domicile_kelurahan_id"] = rng.choice(world.kelurahan)
        row["domicile_address"], row["domicile_rt"], row["domicile_rw"] = demo.address(rng)
    row["religion"] = rng.choices(("islam", "kristen", "katolik", "hindu", "buddha", ""),
                                  (87, 6, 3, 1, 1, 2))[0]
    if age >= 18:
        row["occupation"] = rng.choice(demo.OCCUPATIONS_ADULT)
        row["marital_status"] = rng.choice(("single", "married", "married", "divorced", "widowed", ""))
        row["education"] = rng.choice(("none", "sd_not_finished", "sd", "sd", "smp", "sma", ""))
    else:
        row["education"] = rng.choice(("sd_not_finished", "sd", "smp", ""))
    if rng.random() < 0.5:
        row["birthplace"] = rng.choice(demo.BIRTHPLACES)
    if rng.random() < 0.2:
        row["phone"] = f"08{rng.randint(11, 59)}{rng.randint(10_000_000, 99_999_999)}"
    aliases = []
    roll = rng.random()
    if roll < 0.22:
        aliases.append((demo.nickname_of(name, rng), "nickname"))
        if roll < 0.06:
            aliases.append((demo.variant(name, rng), "spelling"))
        elif roll < 0.09:
            kin = demo.KINSHIP_FEMALE if sex == "P" else demo.KINSHIP_MALE
            aliases.append((f"{rng.choice(kin)} {rng.choice(demo.STREET_NAMES)}", "street"))
    seen = {name.casefold()}
    aliases = [a for a in aliases if not (a[0].casefold() in seen or seen.add(a[0].casefold()))]
    return row, nik, aliases


def _blind(number: str) -> str:
    from desaku.core import crypto

    return crypto.blind_index(number, "nik")


class _Columns:
    """Column order and defaults of one table, so a row dict becomes a plain tuple."""

    def __init__(self, connection, model, *, attnames=None):
        from django.utils import timezone

        fields = [model._meta.get_field(name) for name in attnames] if attnames else list(
            model._meta.concrete_fields)
        self.model = model
        self.attnames = [f.attname for f in fields]
        self.columns = [f.column for f in fields]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.defaults, self.date_slots = [], []
        for i, f in enumerate(fields):
            internal = f.get_internal_type()
            if internal == "DateTimeField" and (f.auto_now or f.auto_now_add):
                self.defaults.append(now)
            else:
                self.defaults.append(None if f.primary_key else f.get_default())
            if internal == "DateField":
                self.date_slots.append(i)
        self.adapt_date = connection.ops.adapt_datefield_value

    def row(self, values: dict) -> tuple:
        out = [values.get(a, d) for a, d in zip(self.attnames, self.defaults, strict=True)]
        for i in self.date_slots:
            if out[i] is not None:
                out[i] = self.adapt_date(out[i])
        return tuple(out)


# ------------------------------------------------------------------------------ making rows (workers)

_STATE: dict = {}


def _init_worker(world: _World, person_cols: _Columns, seed: int, today: date):
    _STATE.update(world=world, person_cols=person_cols, seed=seed, today=today)


def _make_batch(task) -> tuple[list, list, list]:
    """Rows for persons ``start … start+n-1`` (ids from ``first_id``): persons, aliases, name keys."""
    from desaku.core import crypto

    start, n, first_id = task
    world, cols, today = _STATE["world"], _STATE["person_cols"], _STATE["today"]
    rng = random.Random(_STATE["seed"] * 1_000_003 + start)
    base = {"organisation_id": world.organisation_id, "registered_by_id": world.user_id}
    persons, alias_rows, key_rows = [], [], []
    for pk in range(first_id, first_id + n):
        row, nik, aliases = _person_row(rng, world, today)
        row.update(base, id=pk)
        if nik:
            row.update(nik_encrypted=crypto.encrypt(nik), nik_hash=_blind(nik), nik_masked=crypto.mask_number(nik))
        persons.append(cols.row(row))
        for alias, kind in aliases:
            alias_rows.append((pk, alias, kind, ""))
        sex, year = row["sex"], row.get("birth_year")
        for key in _keys_for(row["full_name"], tuple(a for a, _ in aliases)):
            key_rows.append((pk, key, sex, year))
    return persons, alias_rows, key_rows




# -------------------------------------------------------------------------------- writing (main process)


def _insert(connection, table: str, columns, rows: list) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    cols = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {quote(table)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({cols}) VALUES ({placeholders})", rows)  # noqa: S608


def _secondary_indexes(connection) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the plain indexes on the generated tables (not constraints, not pk)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                           "AND tbl_name IN ('people_person', 'people_alias', 'people_personnamekey')")
        else:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                "AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                "WHERE c.conname = i.indexname)", [list(TABLES)])
        return list(cursor.fetchall())


def _drop_indexes(connection, indexes) -> None:
    with connection.cursor() as cursor:
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")


def _create_indexes(connection, indexes) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET maintenance_work_mem = '256MB'")
            # Inside an outer transaction (tests) deferred foreign-key checks are still pending, and
            # PostgreSQL refuses CREATE INDEX on a table with pending trigger events: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, sql in indexes:  # (IF NOT EXISTS: after a failed drop some are still there)
            cursor.execute(sql.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)
                           .replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", 1))


def _tune_sqlite(connection):
    # This connection only: a crash mid-run may lose the last transaction, which a re-run regenerates.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MB page cache (the index rebuild sorts in as much)


def _load_existing_niks(niks: _NikBitmap) -> None:
    from desaku.people.models import Person

    for digest in (Person.objects.exclude(nik_hash=None).values_list("nik_hash", flat=True)
                   .iterator(chunk_size=20_000)):
        niks.add(digest)


def _next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _raise_exit(signum, frame):
    raise SystemExit(f"stopped by signal {signum}")


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))


def _batches(todo: int, existing: int, first_id: int, batch_size: int):
    done = 0
    while done < todo:
        n = min(batch_size, todo - done)
        yield existing + done, n, first_id + done
        done += n


def generate(*, count: int, seed: int = 2016, batch_size: int = BATCH_SIZE, workers: int | None = None,
             out=print) -> GenerationReport:
    """Top the registry up to ``count`` persons (merged or not); return what was done.

    ``workers=0`` makes the rows in this process (tests: no fork, no reconnect).
    """
    from django.core.management.color import no_style
    from django.db import DEFAULT_DB_ALIAS, connection, connections, reset_queries, transaction
    from django.utils import timezone

    from desaku.core.auditing import allow_bulk_writes
    from desaku.core.models import User
    from desaku.core.services import record_audit_entry
    from desaku.people.models import Alias, Person, PersonNameKey

    started = time.perf_counter()
    world = _World.load()
    user = User.objects.get(pk=world.user_id)
    existing = Person.objects.count()
    if existing >= count:
        return GenerationReport(0, existing, 0.0, peak_rss_mb())
    workers = default_workers() if workers is None else workers
    niks = _NikBitmap()
    if existing:
        _load_existing_niks(niks)
    todo = count - existing
    first_id = _next_id(Person)
    db = connections[DEFAULT_DB_ALIAS]  # the connection itself, not the thread-local proxy
    person_cols = _Columns(db, Person)
    alias_cols = ("person_id", "name", "kind", "note")
    key_cols = ("person_id", "key", "sex", "birth_year")
    nik_slots = [person_cols.attnames.index(a) for a in ("nik_encrypted", "nik_hash", "nik_masked")]
    init = (world, person_cols, seed, timezone.localdate())
    sqlite = connection.vendor == "sqlite"
    deferred = _secondary_indexes(db) if not existing else []
    # A plain kill must still rebuild dropped indexes and stop the workers (the finally below).
    previous_handler = signal.signal(signal.SIGTERM, _raise_exit)
    pool = None
    done = keys_total = aliases_total = 0
    half_rss = 0.0
    phases = {"starting": time.perf_counter() - started, "waiting for rows": 0.0, "writing": 0.0, "committing": 0.0}
    commit_every = SQLITE_COMMIT_EVERY if sqlite else 20_000
    next_report = 50_000
    reason = "synthetic benchmark registry"
    tasks = _batches(todo, existing, first_id, batch_size)
    pending = deque()

    def feed():
        # At most two batches per worker in flight: memory stays flat even if writing is slower.
        while pool is not None and len(pending) < 2 * workers:
            task = next(tasks, None)
            if task is None:
                return
            pending.append(pool.apply_async(_make_batch, (task,)))

    try:
        if workers:
            connections.close_all()  # the workers are forked: they must not share the database socket
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker, initargs=init)
        else:
            _init_worker(*init)
        if sqlite and not db.in_atomic_block:  # (tests run inside a transaction: no pragma there)
            _tune_sqlite(db)
        elif not sqlite:
            with db.cursor() as cursor:  # this session only: a crash loses the last commits, never consistency
                cursor.execute("SET synchronous_commit TO off")
        _drop_indexes(db, deferred)
        out(f"generating {todo:,} persons ({existing:,} already there) in batches of {batch_size:,}, "
            f"{workers or 'no'} worker processes{', indexes rebuilt at the end' if deferred else ''}")
        with allow_bulk_writes(reason=reason, by=user):
            feed()
            while done < todo:
                chunk_start, chunk_aliases = done, 0
                with transaction.atomic():
                    while done < todo and done - chunk_start < commit_every:
                        tick = time.perf_counter()
                        if pool is not None:
                            persons, alias_rows, key_rows = pending.popleft().get()
                            feed()
                        else:
                            persons, alias_rows, key_rows = _make_batch(next(tasks))
                        tock = time.perf_counter()
                        phases["waiting for rows"] += tock - tick
                        for i, row in enumerate(persons):
                            digest = row[nik_slots[1]]
                            if digest and not niks.add(digest):  # the same NIK drawn twice: drop it
                                fixed = list(row)
                                for slot in nik_slots:
                                    fixed[slot] = None if slot == nik_slots[1] else ""
                                persons[i] = tuple(fixed)
                        _insert(db, Person._meta.db_table, person_cols.columns, persons)
                        _insert(db, Alias._meta.db_table, alias_cols, alias_rows)
                        _insert(db, PersonNameKey._meta.db_table, key_cols, key_rows)
                        phases["writing"] += time.perf_counter() - tock
                        done += len(persons)
                        keys_total += len(key_rows)
                        chunk_aliases += len(alias_rows)
                        reset_queries()
                    for model, created in ((Person, done - chunk_start), (Alias, chunk_aliases)):
                        record_audit_entry(actor=user, action="bulk_create", model_label=model._meta.label,
                                           object_id="*", object_repr=f"{created} × {model._meta.verbose_name}",
                                           reason=f"{reason} (generate_registry, seed {seed})")
                    tick = time.perf_counter()
                phases["committing"] += time.perf_counter() - tick
                aliases_total += chunk_aliases
                if not half_rss and done * 2 >= todo:
                    half_rss = peak_rss_mb()
                if done >= next_report or done == todo:
                    next_report = done + 50_000
                    elapsed = time.perf_counter() - started
                    out(f"  {existing + done:>10,} persons  {done / elapsed:>8,.0f} rows/s  "
                        f"peak RSS {peak_rss_mb():,.0f} MB")
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        rows_rss = peak_rss_mb()
        tick = time.perf_counter()
        if deferred:
            out(f"  rebuilding {len(deferred)} indexes …")
        _create_indexes(db, deferred)
        phases["indexing"] = time.perf_counter() - tick
        signal.signal(signal.SIGTERM, previous_handler)
    tick = time.perf_counter()
    with db.cursor() as cursor:
        for sql in db.ops.sequence_reset_sql(no_style(), [Person, Alias, PersonNameKey]):
            cursor.execute(sql)  # PostgreSQL: identity sequences past the explicit ids
        if db.vendor == "postgresql" and not db.in_atomic_block:
            # Fresh planner statistics, and the visibility map that lets index-only scans skip the heap.
            cursor.execute("VACUUM ANALYZE people_person, people_alias, people_personnamekey")
        else:
            cursor.execute("ANALYZE")
    phases["analyze"] = time.perf_counter() - tick
    seconds = time.perf_counter() - started
    return GenerationReport(done, existing + done, seconds, peak_rss_mb(), keys_total, aliases_total, half_rss,
                            rows_rss, {k: round(v, 1) for k, v in phases.items()})
