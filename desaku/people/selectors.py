"""Reads of the registry. Every query for persons goes through ``persons_visible_to(user)``."""

import re
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Q, Value
from django.db.models.functions import Abs, Coalesce
from django.http import Http404

from desaku.core.models import Region
from desaku.people.matching import DEFAULT_THRESHOLD, Candidate, rank
from desaku.people.models import Alias, Classification, Person, PersonNameKey
from desaku.people.names import blocking_keys
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


# Candidates are collected in bands, nearest first, until ``limit`` are found: at a million persons
# one 4-letter key can hold 40,000 of them, and counting every shared key of all of them costs more
# than the whole duplicate check may (docs/benchmarks.md). Known birth year: born within ±5 years,
# then ±10, then persons without a birth year. Unknown birth year: the most recent registrations
# first (a re-caught person was usually seen lately), RECENT_BAND at a time.
YEAR_BANDS = ((0, 5), (6, 10))
RECENT_BAND = 250_000


def _key_bands(candidate: Candidate):
    year = candidate.birth_year
    if year:
        for low, high in YEAR_BANDS:
            if low == 0:
                yield Q(birth_year__range=(year - high, year + high))
            else:
                yield Q(birth_year__range=(year - high, year - low)) | Q(birth_year__range=(year + low, year + high))
        yield Q(birth_year__isnull=True)
        return
    top = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    while top > 0:
        yield Q(person_id__gt=top - RECENT_BAND, person_id__lte=top)
        top -= RECENT_BAND


def candidate_ids(candidate: Candidate, *, exclude_id=None, limit: int = MAX_CANDIDATES) -> list[int]:
    """Persons sharing a blocking key (or the NIK) with the candidate, best first.

    Sex narrows the set inside the key index (a person of the other sex is not fetched; unknown
    never excludes). Within each band (see YEAR_BANDS) persons sharing at least two keys come first,
    most shared keys and then the nearest birth year first; persons sharing a single key are added
    only when all bands gave fewer than ``limit``.
    """
    ids = []
    if candidate.nik_hash:
        ids += list(Person.objects.filter(nik_hash=candidate.nik_hash).values_list("pk", flat=True))
    keys = blocking_keys(candidate.full_name, candidate.aliases)
    if keys:
        rows = PersonNameKey.objects.filter(key__in=keys)
        year = candidate.birth_year
        sexes = [candidate.sex, "U"] if candidate.sex in ("L", "P") else None
        if sexes and year:
            rows = rows.filter(sex__in=sexes)
        if exclude_id:
            rows = rows.exclude(person_id=exclude_id)
        bands = list(_key_bands(candidate))
        tiers = [Q(shared__gte=2), Q(shared=1)] if len(keys) > 1 else [Q(shared__gte=1)]
        found = []
        for tier in tiers:
            for band in bands:
                wanted = limit - len(found)
                if wanted <= 0:
                    break
                page = rows.filter(band).values("person_id").annotate(shared=Count("*")).filter(tier)
                if year:  # nearest birth year first; persons without one after every band
                    page = page.alias(distance=Abs(Coalesce(Max("birth_year"), Value(year + YEAR_BANDS[-1][1] + 1))
                                                   - Value(year))).order_by("-shared", "distance", "-person_id")
                    found += page.values_list("person_id", flat=True)[:wanted]
                    continue
                # By registration: the (key, person) index answers without table lookups, so sex is
                # checked afterwards on the few persons found (twice as many fetched for that).
                page = list(page.order_by("-shared", "-person_id").values_list("person_id", flat=True)[:2 * wanted])
                if sexes:
                    keep = set(Person.objects.filter(pk__in=page, sex__in=sexes).values_list("pk", flat=True))
                    page = [pk for pk in page if pk in keep]
                found += page[:wanted]
        ids += found
    seen, ordered = set(), []
    for pk in ids:
        if pk not in seen and pk != exclude_id:
            seen.add(pk)
            ordered.append(pk)
    return ordered


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
    matches: list = field(default_factory=list)  # [(Person, score, reasons)] visible to the user, best first
    hidden_count: int = 0                        # likely matches outside the user's scope

    def as_log(self) -> list[dict]:
        return [{"id": p.pk, "score": round(s, 3), "reasons": [r["code"] for r in reasons]}
                for p, s, reasons in self.matches]


def duplicate_report(*, data: dict, aliases=(), nik: str = "", user=None, exclude_id=None,
                     threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> DuplicateReport:
    from desaku.people.services import nik_hash_for

    candidate = candidate_from_data(data, aliases, nik_hash_for(nik) if nik else None)
    candidates = _light_candidates(candidate_ids(candidate, exclude_id=exclude_id))
    matches = rank(candidate, candidates, threshold=threshold, limit=limit)
    # Full records only for the few matches; loading them through the scope is the visibility check.
    matched = [m.candidate.id for m in matches]
    source = persons_visible_to(user) if user is not None else Person.objects.all()
    persons = {p.pk: p for p in source.filter(pk__in=matched).prefetch_related(
        Prefetch("aliases", queryset=Alias.objects.only("person_id", "name")))}
    report = DuplicateReport()
    for match in matches:
        if match.candidate.id in persons:
            report.matches.append((persons[match.candidate.id], match.score, reason_dicts(match)))
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
