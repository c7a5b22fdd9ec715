"""First-time and repeat persons found (docs/measures.md#first-time-and-repeat)."""

from datetime import date

from desaku.reports import figures
from desaku.reports.figures import Filters
from desaku.reports.tests.helpers import found, person, stay

MARCH = Filters(start=date(2025, 3, 1), end=date(2025, 3, 31))


def test_first_time_and_repeat(actors):
    worker, kadis = actors["operator"], actors["kadis"]
    p1, p2, p3, p4, p5 = (person(worker, n, birth_year=1960 + i)
                          for i, n in enumerate(["Paijo", "Painem", "Parno", "Paimin", "Pardi"]))
    found(p1, worker, date(2025, 3, 5))  # first record ever -> first time
    found(p2, worker, date(2025, 2, 10))  # found in February ...
    found(p2, worker, date(2025, 3, 7))  # ... and again in March -> repeat
    stay(p3, worker, date(2024, 12, 1))  # a shelter stay before the period (no encounter) ...
    found(p3, worker, date(2025, 3, 9))  # ... -> repeat
    found(p4, worker, date(2025, 3, 2))  # twice in March, nothing before -> first time, counted once
    found(p4, worker, date(2025, 3, 20))
    found(p5, worker, date(2025, 4, 1))  # after the period -> not counted
    result = figures.get("outreach.first_time").compute(MARCH, kadis)
    # Found in March: p1, p2, p3, p4 = 4 persons; first time p1, p4 = 2 (50 %); repeat p2, p3 = 2 (50 %).
    assert [row[1:] for row in result.rows] == [[2, 50.0], [2, 50.0]]
