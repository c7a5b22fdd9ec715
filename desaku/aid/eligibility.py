"""Gathering the facts the rules need, set-based: a handful of queries per chunk of persons, never one
per person. The rules themselves are pure (rules.py)."""

from collections import defaultdict
from datetime import date
from itertools import islice

from django.db.models import Q

from desaku.aid import rules as R
from desaku.aid.models import OPEN_ENROLMENT, Enrolment, Program, WelfareStatus

CHUNK = 5000


def chunked(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def age_on(birth_date, birth_year, on: date):
    if birth_date:
        return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    if birth_year:
        return on.year - birth_year
    return None


def needed(rule_lists) -> set:
    return {r["rule"] for rules in rule_lists for r in rules}


def facts_for(person_ids, *, on: date, rule_names=None, exclude_program_id=None) -> dict:
    """{person id: Facts} for these ids (a list, or a queryset of person ids used as a subquery); only the
    facts the given rules ask for are read."""
    from django.db.models import QuerySet

    from desaku.people.models import Classification, Disability, HouseholdMembership, Person

    ids = person_ids if isinstance(person_ids, QuerySet) else list(person_ids)
    wanted = set(R.RULE_NAMES) if rule_names is None else set(rule_names)
    categories, severities, deciles, enrolled = defaultdict(set), defaultdict(set), {}, defaultdict(set)
    if "ppks" in wanted:
        current = Classification.objects.filter(person_id__in=ids, valid_from__lte=on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        for pid, code in current.values_list("person_id", "category__code"):
            categories[pid].add(code)
    if "disability" in wanted:
        for pid, severity in Disability.objects.filter(person_id__in=ids).values_list("person_id", "severity"):
            severities[pid].add(severity)
    if "decile_max" in wanted:
        # The household's DTKS decile, overridden by the person's latest welfare record.
        for pid, decile in HouseholdMembership.objects.filter(
                person_id__in=ids, end_date__isnull=True, household__welfare_decile__isnull=False).values_list(
                "person_id", "household__welfare_decile"):
            deciles[pid] = decile
        latest = {}
        for pid, decile in WelfareStatus.objects.filter(person_id__in=ids, recorded_on__lte=on).order_by(
                "person_id", "recorded_on", "id").values_list("person_id", "decile"):
            latest[pid] = decile
        deciles.update({pid: d for pid, d in latest.items() if d is not None})
    if "not_enrolled" in wanted:
        open_ = Enrolment.objects.filter(person_id__in=ids, status__in=OPEN_ENROLMENT)
        if exclude_program_id:
            open_ = open_.exclude(program_id=exclude_program_id)
        for pid, code in open_.values_list("person_id", "program__code"):
            enrolled[pid].add(code)
    facts = {}
    rows = Person.objects.filter(pk__in=ids).values_list(
        "pk", "birth_date", "birth_year", "date_of_death", "domicile_kelurahan__code")
    for pid, birth_date, birth_year, died, kelurahan in rows:
        facts[pid] = R.Facts(
            alive=died is None or died > on, age=age_on(birth_date, birth_year, on),
            categories=frozenset(categories.get(pid, ())), severities=frozenset(severities.get(pid, ())),
            kelurahan_code=kelurahan, decile=deciles.get(pid), enrolled=frozenset(enrolled.get(pid, ())))
    return facts


def prefilter(queryset, rules: list, on: date):
    """Narrow a Person queryset in the database by the rules SQL can express (the evaluator still decides)."""
    from desaku.people.models import Classification, Disability

    for rule in rules:
        name = rule["rule"]
        if name == "alive":
            queryset = queryset.filter(date_of_death__isnull=True)
        elif name == "domicile_malang":
            queryset = queryset.filter(domicile_kelurahan__code__startswith=R.MALANG_PREFIX)
        elif name == "ppks":
            queryset = queryset.filter(pk__in=Classification.objects.filter(
                category__code__in=rule["categories"], valid_from__lte=on).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=on)).values("person_id"))
        elif name == "disability":
            queryset = queryset.filter(pk__in=Disability.objects.filter(severity__in=rule["severities"])
                                       .values("person_id"))
    return queryset


def check_person(person, *, on: date, programs=None) -> list[dict]:
    """Every active program for one person: eligible or not, each failed rule named, any open enrolment."""
    programs = list(programs if programs is not None else Program.objects.filter(active=True)
                    .select_related("funding_source"))
    facts_all = facts_for([person.pk], on=on).get(person.pk, R.Facts())
    open_by_program = {e.program_id: e for e in Enrolment.objects.filter(person=person, status__in=OPEN_ENROLMENT)}
    codes = {p.pk: p.code for p in Program.objects.filter(pk__in=list(open_by_program))}
    rows = []
    for program in programs:
        others = frozenset(c for pid, c in codes.items() if pid != program.pk)
        facts = R.Facts(**{**facts_all.__dict__, "enrolled": others})
        failures = R.evaluate(program.rules, facts)
        rows.append({"program": program, "eligible": not failures, "failures": failures,
                     "enrolment": open_by_program.get(program.pk)})
    return rows


def eligible_not_enrolled(program: Program, persons, *, on: date, limit: int | None = 500) -> list[int]:
    """Ids of persons in ``persons`` (already scoped) who pass the program's rules and have no open enrolment."""
    enrolled = Enrolment.objects.filter(program=program, status__in=OPEN_ENROLMENT).values("person_id")
    candidates = prefilter(persons.exclude(pk__in=enrolled), program.rules, on).order_by("pk").values_list(
        "pk", flat=True)
    names = needed([program.rules])
    found = []
    for batch in chunked(candidates.iterator(chunk_size=CHUNK), CHUNK):
        facts = facts_for(batch, on=on, rule_names=names, exclude_program_id=program.pk)
        found += [pid for pid in batch if pid in facts and not R.evaluate(program.rules, facts[pid])]
        if limit is not None and len(found) >= limit:
            return found[:limit]
    return found
