"""Reads of the registry. Every query for persons goes through ``persons_visible_to(user)``."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import Q
from django.http import Http404

from desaku.core.models import Region
from desaku.people import identity
from desaku.people.matching import DEFAULT_THRESHOLD, Candidate, rank
from desaku.people.models import Alias, Classification, Person, PersonNameKey
from desaku.people.nicknames import lookup_keys
from desaku.people.permissions import can_see_sensitive

# Candidates scored per duplicate check / per search. With the ordering of candidate_ids (most shared
# keys, nearest birth year) true duplicates sit near the top: on the 1M benchmark registry, 100
# finds all but 2 of the 150 re-registrations that 300 finds, in a third of the time.
MAX_CANDIDATES = 100
SEARCH_RANKED = 150
SEARCH_CANDIDATES = 2000  # looked through when the user's scope hides most of the best-placed
_NIK_RE = re.compile(r"^[0-9][0-9 .\-]{14,20}[0-9]$")


def persons_visible_to(user):
    return Person.objects.active().visible_to(user)


def person_for(user, pk) -> Person:
    """The person if the user may see it, else 404 (never reveal that a record exists)."""
    person = persons_visible_to(user).filter(pk=pk).select_related(
        "origin_region__parent", "domicile_kelurahan__parent", "organisation", "registered_by",
        "assigned_worker").first()
    if person is None:
        raise Http404
    return person


def classifications_visible_to(user, queryset=None):
    queryset = queryset if queryset is not None else Classification.objects.all()
    if not can_see_sensitive(user):
        queryset = queryset.exclude(category__is_sensitive=True)
    return queryset.select_related("category", "assessed_by")


# ------------------------------------------------------------------------------------ candidates


def _candidate(person: Person) -> Candidate:
    return Candidate(
        id=person.pk, full_name=person.full_name,
        aliases=tuple(a.name for a in person.aliases.all()),
        sex=person.sex if person.sex in ("L", "P") else "",
        birth_date=person.birth_date, birth_date_quality=person.birth_date_quality,
        birth_year=person.birth_year, mother_name=person.mother_name,
        origin_code=person.origin_region_id or "", nik_hash=person.nik_hash,
    )


def candidate_from_data(data: dict, aliases=(), nik_hash=None) -> Candidate:
    origin = data.get("origin_region")
    origin_code = getattr(origin, "pk", origin) or ""
    sex = data.get("sex") or ""
    return Candidate(
        id=None, full_name=data.get("full_name") or "", aliases=tuple(aliases),
        sex=sex if sex in ("L", "P") else "", birth_date=data.get("birth_date"),
        birth_date_quality=data.get("birth_date_quality") or ("exact" if data.get("birth_date") else "unknown"),
        birth_year=data.get("birth_year") or (data["birth_date"].year if data.get("birth_date") else None),
        mother_name=data.get("mother_name") or "", origin_code=str(origin_code), nik_hash=nik_hash,
    )


# Candidates are collected in parts, nearest first, until ``limit`` are found: at a million persons
# one 4-letter key can hold 40,000 of them, and counting every shared key of all of them costs more
# than the whole duplicate check may (docs/benchmarks.md). Known birth year: born within ±5 years,
# then ±10, then persons without a birth year. Unknown birth year: the most recent registrations
# first (a re-caught person was usually seen lately), RECENT_BAND at a time, RECENT_BANDS bands and
# then everyone older. Persons sharing at least two keys are taken from every band before persons
# sharing one.
#
# All parts go to the database as ONE statement, ``part₁ UNION ALL part₂ … LIMIT n``: both
# PostgreSQL and SQLite read a UNION ALL lazily, part after part, and stop at the LIMIT, so the
# later (wider) parts only run when the earlier ones found too few, as the loop of one query per
# part that this replaced did, without its round trips and ORM compilation (docs/decisions.md).
YEAR_BANDS = ((0, 5), (6, 10))
RECENT_BAND = 250_000
RECENT_BANDS = 3  # then one part for everyone registered before them

_KEYS = PersonNameKey._meta.db_table
_PERSONS = Person._meta.db_table


def _in(values) -> str:
    return "(" + ", ".join(["%s"] * len(values)) + ")"


def _key_parts(candidate: Candidate, keys: list[str], *, exclude_id, limit: int):
    """(sql, params) of each part, in the order they are read (see above)."""
    year = candidate.birth_year
    sexes = [candidate.sex, "U"] if candidate.sex in ("L", "P") else None
    base = [f'"key" IN {_in(keys)}']
    base_params: list = list(keys)
    if exclude_id:
        base.append("person_id <> %s")
        base_params.append(exclude_id)
    tiers = ["HAVING COUNT(*) >= 2", "HAVING COUNT(*) = 1"] if len(keys) > 1 else [""]
    parts = []
    if year:
        if sexes:  # narrowed inside the key index (key, sex, birth_year, person)
            base.append(f"sex IN {_in(sexes)}")
            base_params += sexes
        far = YEAR_BANDS[-1][1] + 1  # persons without a birth year sort after every band
        bands = []
        for low, high in YEAR_BANDS:
            if low == 0:
                bands.append(("birth_year BETWEEN %s AND %s", [year - high, year + high]))
            else:
                bands.append(("(birth_year BETWEEN %s AND %s OR birth_year BETWEEN %s AND %s)",
                              [year - high, year - low, year + low, year + high]))
        bands.append(("birth_year IS NULL", []))
        for tier in tiers:
            for band, band_params in bands:
                parts.append((
                    f"SELECT person_id FROM {_KEYS} WHERE {' AND '.join([*base, band])} GROUP BY person_id {tier} "  # noqa: S608
                    f"ORDER BY COUNT(*) DESC, ABS(COALESCE(MAX(birth_year), %s) - %s), person_id DESC LIMIT %s",
                    [*base_params, *band_params, year + far, year, limit]))
        return parts
    # By registration: the (key, person) index answers without table lookups, so sex is checked
    # afterwards on the few persons found (twice as many fetched for that).
    bands = [("person_id > (SELECT id FROM top) - %s AND person_id <= (SELECT id FROM top) - %s",
              [(i + 1) * RECENT_BAND, i * RECENT_BAND]) for i in range(RECENT_BANDS)]
    bands.append(("person_id <= (SELECT id FROM top) - %s", [RECENT_BANDS * RECENT_BAND]))
    for tier in tiers:
        for band, band_params in bands:
            inner = (f"SELECT person_id, COUNT(*) AS shared FROM {_KEYS} WHERE {' AND '.join([*base, band])} "  # noqa: S608
                     f"GROUP BY person_id {tier} ORDER BY COUNT(*) DESC, person_id DESC LIMIT %s")
            inner_params = [*base_params, *band_params, 2 * limit if sexes else limit]
            if sexes:
                parts.append((
                    f"SELECT f.person_id FROM ({inner}) f JOIN {_PERSONS} p ON p.id = f.person_id "  # noqa: S608
                    f"WHERE p.sex IN {_in(sexes)} ORDER BY f.shared DESC, f.person_id DESC LIMIT %s",
                    [*inner_params, *sexes, limit]))
            else:
                parts.append((inner, inner_params))
    return parts


def _candidate_query(candidate: Candidate, *, exclude_id, limit: int):
    """(sql, params) of one statement giving (person_id, part) rows in candidate order, or None."""
    keys = sorted(lookup_keys(candidate.full_name, candidate.aliases))  # stored keys + table nicknames
    pieces, params = [], []
    if candidate.nik_hash:
        pieces.append(f"SELECT id AS person_id, -1 AS part FROM {_PERSONS} WHERE nik_hash = %s")  # noqa: S608
        params.append(candidate.nik_hash)
    with_top = ""
    if keys and limit > 0:
        parts = _key_parts(candidate, keys, exclude_id=exclude_id, limit=limit)
        union = " UNION ALL ".join(f"SELECT person_id, {i} AS part FROM ({sql}) part{i}"  # noqa: S608
                                   for i, (sql, _p) in enumerate(parts))
        pieces.append(f"SELECT * FROM ({union}) found LIMIT %s")  # noqa: S608
        for _sql, part_params in parts:
            params += part_params
        params.append(limit)
        if not candidate.birth_year:
            with_top = f"WITH top AS (SELECT COALESCE(MAX(id), 0) AS id FROM {_PERSONS}) "  # noqa: S608
    if not pieces:
        return None
    union = " UNION ALL ".join(f"SELECT * FROM ({piece}) piece{i}" for i, piece in enumerate(pieces))  # noqa: S608
    # The position in the UNION ALL (read in order, see above) is kept for joins that reorder.
    return with_top, f"SELECT person_id, part, ROW_NUMBER() OVER () AS pos FROM ({union}) ids", params  # noqa: S608


def candidate_ids(candidate: Candidate, *, exclude_id=None, limit: int = MAX_CANDIDATES) -> list[int]:
    """Persons sharing a blocking key (or the NIK) with the candidate, best first.

    Sex narrows the set inside the key index (a person of the other sex is not fetched; unknown
    never excludes). Within each band (see YEAR_BANDS) persons sharing at least two keys come first,
    most shared keys and then the nearest birth year first; persons sharing a single key are added
    only when all bands gave fewer than ``limit``. One query (see above).
    """
    query = _candidate_query(candidate, exclude_id=exclude_id, limit=limit)
    if query is None:
        return []
    with_top, sql, params = query
    with connection.cursor() as cursor:
        cursor.execute(f"{with_top}{sql}", params)
        rows = cursor.fetchall()
    rows.sort(key=lambda row: (row[1], row[2]))
    seen, ordered = set(), []
    for pk, _part, _pos in rows:
        if pk not in seen and pk != exclude_id:
            seen.add(pk)
            ordered.append(pk)
    return ordered


def candidates_for(candidate: Candidate, *, exclude_id=None, limit: int = MAX_CANDIDATES) -> list[Candidate]:
    """``_light_candidates(candidate_ids(...))`` in one query: the duplicate check's only read before scoring.

    Merged persons are left out (as ``_light_candidates`` does).
    """
    return _candidates_and_aliases(candidate, exclude_id=exclude_id, limit=limit)[0]


def _candidates_and_aliases(candidate: Candidate, *, exclude_id, limit: int):
    """(candidates, {person id: [(alias id, alias name)]}) from one query."""
    query = _candidate_query(candidate, exclude_id=exclude_id, limit=limit)
    if query is None:
        return [], {}
    with_top, sql, params = query
    alias = Alias._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"{with_top}SELECT ids.part, ids.pos, p.id, p.full_name, p.sex, p.birth_date, p.birth_date_quality, "  # noqa: S608
            f"p.birth_year, p.mother_name, p.origin_region_id, p.nik_hash, a.id, a.name FROM ({sql}) ids "
            f"JOIN {_PERSONS} p ON p.id = ids.person_id LEFT JOIN {alias} a ON a.person_id = p.id "
            f"WHERE p.merged_into_id IS NULL", params)
        rows = cursor.fetchall()
    rows.sort(key=lambda row: (row[0], row[1]))
    fields, aliases = {}, {}
    for _part, _pos, *values, alias_id, name in rows:  # one row per alias (a LEFT JOIN), or one with None
        pk = values[0]
        if pk == exclude_id:
            continue
        fields.setdefault(pk, values)
        if alias_id is not None:
            aliases.setdefault(pk, {})[alias_id] = name
    candidates = [_light_candidate(values, set(aliases.get(values[0], {}).values())) for values in fields.values()]
    return candidates, {pk: sorted(found.items(), key=lambda a: (a[1], a[0])) for pk, found in aliases.items()}


def _attach_aliases(person: Person, rows) -> None:
    """Fill ``person.aliases.all()`` from rows already read, as ``prefetch_related("aliases")`` with
    ``Alias.objects.only("person_id", "name")`` would (same instances, same order), without its query."""
    db = person._state.db
    instances = []
    for alias_id, name in rows:
        alias = Alias.from_db(db, ["id", "person_id", "name"], (alias_id, person.pk, name))
        Alias._meta.get_field("person").set_cached_value(alias, person)
        instances.append(alias)
    queryset = person.aliases.all()
    queryset._result_cache = instances
    queryset._prefetch_done = True
    person._prefetched_objects_cache = {**getattr(person, "_prefetched_objects_cache", {}), "aliases": queryset}


def _light_candidate(values, aliases) -> Candidate:
    pk, name, sex, born, quality, year, mother, origin, nik_hash = values
    if isinstance(born, str):  # SQLite answers a raw query's dates as text
        born = date.fromisoformat(born)
    return Candidate(id=pk, full_name=name, aliases=tuple(sorted(aliases)), sex=sex if sex in ("L", "P") else "",
                     birth_date=born, birth_date_quality=quality, birth_year=year, mother_name=mother or "",
                     origin_code=origin or "", nik_hash=nik_hash)


_CANDIDATE_FIELDS = ("pk", "full_name", "sex", "birth_date", "birth_date_quality", "birth_year", "mother_name",
                     "origin_region_id", "nik_hash")


def _light_candidates(ids, queryset=None) -> list[Candidate]:
    """Candidates for scoring from one value query (no model instances: 100 of them cost milliseconds)."""
    queryset = queryset if queryset is not None else Person.objects.all()
    rows = queryset.filter(pk__in=ids, merged_into__isnull=True).order_by().values_list(
        *_CANDIDATE_FIELDS, "aliases__name")
    fields, aliases = {}, {}
    for *values, alias in rows:  # one row per alias (a LEFT JOIN), or one with None
        fields[values[0]] = values
        if alias:
            aliases.setdefault(values[0], []).append(alias)
    order = {pk: i for i, pk in enumerate(ids)}
    return [Candidate(id=pk, full_name=name, aliases=tuple(sorted(aliases.get(pk, ()))),
                      sex=sex if sex in ("L", "P") else "", birth_date=born, birth_date_quality=quality,
                      birth_year=year, mother_name=mother or "", origin_code=origin or "", nik_hash=nik_hash)
            for pk, name, sex, born, quality, year, mother, origin, nik_hash in sorted(
                fields.values(), key=lambda r: order.get(r[0], len(order)))]


def reason_dicts(match) -> list[dict]:
    out = []
    for reason in match.reasons:
        if isinstance(reason, dict):
            out.append({"code": reason.get("code", ""), "label": str(reason.get("label", ""))})
        else:
            out.append({"code": getattr(reason, "code", ""), "label": str(getattr(reason, "label", reason))})
    return out


@dataclass
class DuplicateReport:
    matches: list = field(default_factory=list)  # [(Person, score, reasons)] visible to the user, best first;
    #                                              a protected child is masked (person.identity_hidden, no reasons)
    hidden_count: int = 0                        # likely matches outside the user's scope

    def as_log(self) -> list[dict]:
        return [{"id": p.pk, "score": round(s, 3), "reasons": [r["code"] for r in reasons]}
                for p, s, reasons in self.matches]


def duplicate_report(*, data: dict, aliases=(), nik: str = "", user=None, exclude_id=None,
                     threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> DuplicateReport:
    from desaku.people.services import nik_hash_for

    candidate = candidate_from_data(data, aliases, nik_hash_for(nik) if nik else None)
    candidates, alias_rows = _candidates_and_aliases(candidate, exclude_id=exclude_id, limit=MAX_CANDIDATES)
    matches = rank(candidate, candidates, threshold=threshold, limit=limit)
    # Full records only for the few matches; loading them through the scope is the visibility check.
    # Their aliases were read with the candidates (no prefetch query).
    matched = [m.candidate.id for m in matches]
    source = persons_visible_to(user) if user is not None else Person.objects.all()
    persons = {p.pk: p for p in source.filter(pk__in=matched).order_by()} if matched else {}
    for person in persons.values():
        _attach_aliases(person, alias_rows.get(person.pk, ()))
    # A protected child (people.identity) is shown to users who may not see the identity as initials,
    # without the reasons (they would tell the child's birth date or mother's name) and without aliases.
    restricted = identity.mask_persons(user, persons.values()) if user is not None else set()
    report = DuplicateReport()
    for match in matches:
        if match.candidate.id in persons:
            person = persons[match.candidate.id]
            if person.pk in restricted:
                _attach_aliases(person, ())
                report.matches.append((person, match.score, []))
            else:
                report.matches.append((person, match.score, reason_dicts(match)))
        else:
            report.hidden_count += 1
    return report


def duplicates_of(person: Person, user, **kwargs) -> DuplicateReport:
    data = {"full_name": person.full_name, "sex": person.sex, "birth_date": person.birth_date,
            "birth_date_quality": person.birth_date_quality, "birth_year": person.birth_year,
            "mother_name": person.mother_name, "origin_region": person.origin_region_id}
    aliases = list(person.aliases.values_list("name", flat=True))
    return duplicate_report(data=data, aliases=aliases, user=user, exclude_id=person.pk, **kwargs)


# ----------------------------------------------------------------------------------------- search

KOTA_MALANG_KELURAHAN = {"level": 4, "code__startswith": "35.73."}


@dataclass
class SearchResult:
    persons: list
    query: str
    by_nik: bool = False


def search_persons(user, query: str, *, limit: int = 50) -> SearchResult:
    """One box: a NIK (exact), a name or alias (spelling-tolerant), a birth year, a kelurahan."""
    from desaku.people.services import nik_hash_for

    query = " ".join((query or "").split())
    visible = persons_visible_to(user)
    if not query:
        return SearchResult(list(visible.order_by("-created_at")[:limit]), query)
    if _NIK_RE.match(query):
        digest = nik_hash_for(query)
        found = list(visible.filter(nik_hash=digest)) if digest else []
        return SearchResult(found, query, by_nik=True)
    words = query.split()
    year = next((int(w) for w in words if re.fullmatch(r"(19|20)[0-9]{2}", w)), None)
    words = [w for w in words if not re.fullmatch(r"(19|20)[0-9]{2}", w)]
    kelurahan = None
    if words:
        # A trailing kelurahan name narrows the search ("Budi Tlogowaru").
        for size in (2, 1):
            tail = " ".join(words[-size:])
            if len(words) > size or not words[:-size]:
                region = Region.objects.filter(name__iexact=tail, **KOTA_MALANG_KELURAHAN).first()
                if region is not None:
                    kelurahan, words = region, words[:-size]
                    break
    name = " ".join(words)
    if name:
        candidate = Candidate(id=None, full_name=name, aliases=(), sex="", birth_date=None,
                              birth_date_quality="unknown", birth_year=year, mother_name="", origin_code="",
                              nik_hash=None)
        scoped = visible
        if year:
            scoped = scoped.filter(Q(birth_year__range=(year - 2, year + 2)) | Q(birth_year__isnull=True))
        if kelurahan:
            scoped = scoped.filter(domicile_kelurahan=kelurahan)
        # The best-placed candidates the user may see (candidate order), scored from plain values;
        # full records only for the page shown.
        ids = candidate_ids(candidate, limit=SEARCH_RANKED)
        candidates = _light_candidates(ids, scoped)
        if len(candidates) < SEARCH_RANKED and len(ids) >= SEARCH_RANKED:
            # A narrow scope hid many of them: look further down the list, a chunk at a time.
            tried = set(ids)
            more = [pk for pk in candidate_ids(candidate, limit=SEARCH_CANDIDATES) if pk not in tried]
            for start in range(0, len(more), SEARCH_RANKED):
                candidates += _light_candidates(more[start:start + SEARCH_RANKED], scoped)
                if len(candidates) >= SEARCH_RANKED:
                    break
        candidates = candidates[:SEARCH_RANKED]
        ranked = rank(candidate, candidates, threshold=0.0, limit=limit)
        by_id = {p.pk: p for p in scoped.filter(pk__in=[m.candidate.id for m in ranked]).prefetch_related("aliases")}
        return SearchResult([by_id[m.candidate.id] for m in ranked if m.candidate.id in by_id], query)
    scoped = visible
    if year:
        scoped = scoped.filter(birth_year=year)
    if kelurahan:
        scoped = scoped.filter(domicile_kelurahan=kelurahan)
    return SearchResult(list(scoped.order_by("full_name")[:limit]), query)


# ------------------------------------------------------------------------------ households, merges


def households_visible_to(user):
    from desaku.people.models import Household

    return Household.objects.visible_to(user)


def merges_visible_to(user):
    """Merges whose two records the user may both see (merged records included)."""
    from desaku.people.models import Merge

    visible = Person.objects.visible_to(user).values("pk")
    return Merge.objects.filter(survivor__in=visible, merged__in=visible).select_related(
        "survivor", "merged", "merged_by", "undone_by")
