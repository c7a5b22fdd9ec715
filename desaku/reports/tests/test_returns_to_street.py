"""Returns to the street after a permanent exit (docs/measures.md#returns-to-the-street)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from desaku.reports import figures
from desaku.reports.figures import Filters
from desaku.reports.figures_outreach import RETURN_BANDS, returns_to_street
from desaku.reports.tests.helpers import found, person, stay

Q1 = Filters(start=date(2025, 1, 1), end=date(2025, 3, 31))


def test_bands_from_constructed_histories(actors):
    worker, kabid, kadis = actors["operator"], actors["kabid"], actors["kadis"]
    a, b, c, d, e, f = (person(worker, n, birth_year=1970 + i)
                        for i, n in enumerate(["Ahmad", "Bejo", "Cipto", "Darmi", "Eko", "Fajar"]))
    # A: home to family (permanent) 2025-01-10, found 2025-03-01: 21 + 28 + 1 = 50 days -> 0–180.
    stay(a, worker, date(2025, 1, 2), ended=date(2025, 1, 10), approver=kabid)
    found(a, worker, date(2025, 3, 1))
    # B: permanent exit 2025-01-20, found 2025-09-01: 11+28+31+30+31+30+31+31+1 = 224 days -> 181–365.
    stay(b, worker, date(2025, 1, 15), ended=date(2025, 1, 20), approver=kabid)
    found(b, worker, date(2025, 9, 1))
    # C: permanent exit 2025-02-01, back in the shelter 2026-03-01: 365 + 28 = 393 days -> 366–730.
    stay(c, worker, date(2025, 1, 25), ended=date(2025, 2, 1), approver=kabid)
    stay(c, worker, date(2026, 3, 1))
    # D: permanent exit 2025-02-15, never seen again -> not returned.
    stay(d, worker, date(2025, 2, 10), ended=date(2025, 2, 15), approver=kabid)
    # E: absconded (street, not permanent) -> outside the cohort although found again.
    stay(e, worker, date(2025, 1, 3), ended=date(2025, 1, 5), approver=kabid, kind="absconded")
    found(e, worker, date(2025, 1, 30))
    # F: permanent exit after the period (2025-06-30) -> outside the cohort.
    stay(f, worker, date(2025, 6, 20), ended=date(2025, 6, 30), approver=kabid)
    found(f, worker, date(2025, 7, 15))

    result = figures.get("outreach.returns").compute(Q1, kadis)
    # Cohort A, B, C, D = 4; one in each band (25 % each); D not returned.
    assert [row[1] for row in result.rows] == [4, 1, 1, 1, 1]
    assert [row[2] for row in result.rows] == [100.0, 25.0, 25.0, 25.0, 25.0]
    assert figures.get("outreach.returns").headline(result) == 3


def test_a_same_day_sighting_is_not_a_return_and_only_the_first_return_counts():
    # Exit day 0; sighting on day 0 ignored; first real return day 200 (181–365), a later one on day 20 of
    # another exit of the same person does not count because only the earliest exit is followed.
    exits = [(1, date(2025, 1, 1)), (1, date(2025, 5, 1))]
    returns = [(1, date(2025, 1, 1)), (1, date(2025, 7, 20)), (1, date(2025, 5, 21))]
    # Earliest exit 2025-01-01; returns after it: 2025-05-21 (140 days) and 2025-07-20 (200 days) -> 140 -> 0–180.
    assert returns_to_street(exits, returns) == (1, [1, 0, 0], 0)
    # A return after 730 days is no return: 2025-01-01 + 731 days = 2027-01-02.
    assert returns_to_street([(2, date(2025, 1, 1))], [(2, date(2027, 1, 2))]) == (1, [0, 0, 0], 1)
    assert RETURN_BANDS == ((0, 180), (181, 365), (366, 730))


@given(st.lists(st.tuples(st.integers(1, 5), st.dates(date(2024, 1, 1), date(2026, 12, 31))), max_size=15),
       st.lists(st.tuples(st.integers(1, 6), st.dates(date(2024, 1, 1), date(2028, 12, 31))), max_size=30))
def test_every_exited_person_is_in_exactly_one_row(exits, returns):
    exited, bands, not_returned = returns_to_street(exits, returns)
    assert exited == len({p for p, _d in exits})
    assert sum(bands) + not_returned == exited and not_returned >= 0
    # A person is "returned" exactly when some sighting falls 1..730 days after their earliest exit.
    first = {p: min(d for q, d in exits if q == p) for p, _d in exits}
    expected = sum(1 for p, d in first.items() if any(q == p and 0 < (r - d).days <= 730 for q, r in returns))
    assert sum(bands) == expected
