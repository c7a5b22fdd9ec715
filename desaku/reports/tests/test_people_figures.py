"""Persons by PPKS category and by kelurahan (docs/measures.md)."""

from datetime import date

from desaku.reports import figures
from desaku.reports.figures import Filters
from desaku.reports.tests.helpers import category, classify, kelurahan, person

YEAR_2025 = Filters(start=date(2025, 1, 1), end=date(2025, 12, 31))


def _registry(actors):
    worker = actors["operator"]
    k1, k2 = kelurahan("35.73.01", 0), kelurahan("35.73.02", 0)
    a = person(worker, "Ani", domicile_kelurahan=k1)
    b = person(worker, "Budi", domicile_kelurahan=k1, birth_year=1971)
    c = person(worker, "Citra", domicile_kelurahan=k2, birth_year=1972)
    d = person(worker, "Dodi", birth_year=1973)
    classify(a, worker, "PPKS-11", date(2025, 1, 1))  # Gelandangan, still held
    classify(b, worker, "PPKS-12", date(2024, 1, 1), date(2024, 12, 31))  # Pengemis, ended before 2025
    classify(c, worker, "PPKS-12", date(2025, 2, 1))  # Pengemis
    classify(c, worker, "PPKS-11", date(2025, 2, 1))  # and Gelandangan
    classify(d, worker, "PPKS-16", date(2025, 1, 1))  # ODHA: sensitive
    return k1, k2


def _by_code(result):
    return {row[0].split(" ")[0]: row[1] for row in result.rows}


def test_by_category_counts_classifications_held_in_the_period(actors):
    _registry(actors)
    result = figures.get("people.by_category").compute(YEAR_2025, actors["kadis"])
    # 2025: Gelandangan a, c = 2; Pengemis c = 1 (b's ended in 2024); ODHA d = 1 (the Kepala Dinas may see it).
    assert _by_code(result) == {"PPKS-11": 2, "PPKS-12": 1, "PPKS-16": 1}


def test_sensitive_categories_are_hidden_from_roles_without_them(actors):
    _registry(actors)
    result = figures.get("people.by_category").compute(YEAR_2025, actors["auditor"])
    assert _by_code(result) == {"PPKS-11": 2, "PPKS-12": 1}
    # Filtering by a sensitive category counts nothing for them.
    odha = Filters(start=YEAR_2025.start, end=YEAR_2025.end, category=category("PPKS-16").pk)
    assert figures.get("people.by_category").compute(odha, actors["auditor"]).rows == []


def test_by_kelurahan_and_filters(actors):
    k1, k2 = _registry(actors)
    this_year = Filters.default()  # persons registered up to the end of the period (they were made today)
    result = figures.get("people.by_kelurahan").compute(this_year, actors["kadis"])
    counts = {row[0]: row[2] for row in result.rows}
    # k1: Ani, Budi = 2; k2: Citra = 1; Dodi has no domicile = 1.
    assert counts[k1.name] == 2 and counts[k2.name] == 1 and sum(counts.values()) == 4
    only_k1 = Filters(start=this_year.start, end=this_year.end, kecamatan="35.73.01")
    assert [row[2] for row in figures.get("people.by_kelurahan").compute(only_k1, actors["kadis"]).rows] == [2]
    gelandangan = Filters(start=this_year.start, end=this_year.end, category=category("PPKS-11").pk)
    assert figures.get("people.by_kelurahan").headline(
        figures.get("people.by_kelurahan").compute(gelandangan, actors["kadis"])) == 2  # Ani and Citra
