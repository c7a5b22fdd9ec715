"""Operations and persons found per month, by activity and by place (docs/measures.md)."""

from datetime import date

from desaku.outreach import services
from desaku.reports import figures
from desaku.reports.figures import Filters
from desaku.reports.tests.helpers import at, found, kelurahan, person

Q1 = Filters(start=date(2025, 1, 1), end=date(2025, 3, 31))


def test_per_month_by_activity_and_place(actors):
    worker, kadis = actors["operator"], actors["kadis"]
    k1, k2 = kelurahan("35.73.01", 0), kelurahan("35.73.02", 1)
    a, b, c = (person(worker, n, birth_year=1980 + i) for i, n in enumerate(["Asih", "Bowo", "Cahyo"]))
    op = services.create_operation(by=worker, kind="raid", started_at=at(date(2025, 1, 10), 19), place="Alun-alun",
                                   kelurahan=k1)
    found(a, worker, date(2025, 1, 10), operation=op, activity="begging")
    found(b, worker, date(2025, 1, 10), operation=op, activity="busking")
    found(a, worker, date(2025, 3, 3), place=k2, activity="begging")  # a second operation, in March
    found(a, worker, date(2025, 3, 20), place=k2, activity="scavenging")  # a third
    found(c, worker, date(2025, 4, 2), place=k2)  # April: outside the period
    services.create_operation(by=worker, kind="patrol", started_at=at(date(2025, 2, 14), 9), place="Stasiun")

    monthly = figures.get("outreach.per_month").compute(Q1, kadis)
    # Jan: 1 operation, 2 encounters, 2 persons; Feb: 1 operation (nobody found); Mar: 2 operations, 2 encounters,
    # 1 person (a, twice).
    assert monthly.rows == [["2025-01", 1, 2, 2], ["2025-02", 1, 0, 0], ["2025-03", 2, 2, 1]]
    assert figures.get("outreach.per_month").headline(monthly) == 3

    activity = dict(zip([r[0] for r in figures.get("outreach.by_activity").compute(Q1, kadis).rows],
                        [r[1] for r in figures.get("outreach.by_activity").compute(Q1, kadis).rows], strict=True))
    # begging 2 (a in Jan and Mar), busking 1, scavenging 1.
    assert sorted(activity.values(), reverse=True)[:3] == [2, 1, 1] and sum(activity.values()) == 4

    place = figures.get("outreach.by_place").compute(Q1, kadis)
    # k1: 2 encounters (the January raid), k2: 2 (March).
    assert {row[0]: row[2] for row in place.rows} == {k1.name: 2, k2.name: 2}
    only_k2 = Filters(start=Q1.start, end=Q1.end, kelurahan=k2.code)
    assert figures.get("outreach.per_month").compute(only_k2, kadis).rows[2] == ["2025-03", 2, 2, 1]
