"""The summary tables answer exactly as the live computation (docs/measures.md, "Performance")."""

from datetime import date

import pytest

from desaku.reports import figures, summaries
from desaku.reports.figures import Filters
from desaku.reports.tests.helpers import classify, found, kelurahan, person, stay

Q1 = Filters(start=date(2025, 1, 1), end=date(2025, 3, 31))
KEYS = ["people.by_category", "people.by_kelurahan", "outreach.per_month", "outreach.by_activity",
        "outreach.by_place", "shelter.occupancy", "shelter.length_of_stay", "outreach.dispositions",
        "outreach.returns", "outreach.first_time"]


def history(actors):
    worker, kabid = actors["operator"], actors["kabid"]
    a, b = kelurahan("35.73.01", 0), kelurahan("35.73.02", 0)
    p1, p2, p3, p4 = (person(worker, n, birth_year=1980 + i) for i, n in enumerate(["Sarmi", "Tukul", "Ujang", "Wati"]))
    found(p1, worker, date(2025, 1, 5), place=a)
    found(p1, worker, date(2025, 3, 10), place=b)
    found(p2, worker, date(2024, 12, 1), place=a)
    found(p2, worker, date(2025, 2, 2), place=a, activity="busking")
    entry = found(p3, worker, date(2025, 1, 2), place=a)
    stay(p3, worker, date(2025, 1, 2), ended=date(2025, 1, 10), approver=kabid, encounter=entry)
    found(p3, worker, date(2025, 3, 1), place=b)
    stay(p4, worker, date(2024, 12, 20), ended=date(2025, 1, 20), approver=kabid, kind="absconded")
    classify(p1, worker, "PPKS-12", date(2024, 6, 1), date(2024, 12, 31))
    classify(p1, worker, "PPKS-12", date(2025, 2, 1))
    classify(p2, worker, "PPKS-11", date(2025, 1, 15))
    return a, b


def live(key, filters, user, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(summaries, "source", lambda *args, **kwargs: None)
        return figures.get(key).compute(filters, user)


@pytest.mark.parametrize("role", ["kadis", "kabid"])
def test_every_figure_reads_the_same_from_the_summary(actors, role, monkeypatch):
    a, _b = history(actors)
    summaries.refresh()
    user = actors[role]
    org = actors["operator"].organisation_id
    cases = [Q1, Q1.previous(), Q1.last_year(), Filters(start=date(2025, 2, 1), end=date(2025, 3, 31)),
             Filters(start=Q1.start, end=Q1.end, kecamatan="35.73.01"),
             Filters(start=Q1.start, end=Q1.end, kecamatan="35.73.01", kelurahan=a.code),
             Filters(start=Q1.start, end=Q1.end, organisation=org)]
    for filters in cases:
        assert summaries.source(filters, user) is not None
        for key in KEYS:
            summary, computed = figures.get(key).compute(filters, user), live(key, filters, user, monkeypatch)
            assert (key, summary.rows, summary.note) == (key, computed.rows, computed.note)


def test_hand_computed_answers_from_the_summary(actors):
    history(actors)
    summaries.refresh()
    kadis = actors["kadis"]
    # Found in Q1: Sarmi (Jan, Mar), Tukul (Feb; seen in Dec -> repeat), Ujang (Jan 2 and Mar; his stay began
    # Jan 2, inside the period -> first time). First time 2, repeat 1.
    assert [r[1] for r in figures.get("outreach.first_time").compute(Q1, kadis).rows] == [2, 1]
    # Persons found per month: Jan Sarmi + Ujang = 2, Feb Tukul = 1, Mar Sarmi + Ujang = 2.
    assert [r[3] for r in figures.get("outreach.per_month").compute(Q1, kadis).rows] == [2, 1, 2]
    # Ujang: returned to family 2025-01-10, found again 2025-03-01 = 21 + 28 + 1 = 50 days -> 0–180.
    assert [r[1] for r in figures.get("outreach.returns").compute(Q1, kadis).rows] == [1, 1, 0, 0, 0]
    # Kecamatan 35.73.01 (kelurahan a): Sarmi Jan, Tukul Feb, Ujang Jan -> first time Sarmi, Ujang; repeat Tukul.
    only_a = Filters(start=Q1.start, end=Q1.end, kecamatan="35.73.01")
    assert [r[1] for r in figures.get("outreach.first_time").compute(only_a, kadis).rows] == [2, 1]
    # PPKS-12: Sarmi's two intervals (2024-06..12 and 2025-02..) both overlap 2024-12..2025-02 -> one person.
    winter = Filters(start=date(2024, 12, 1), end=date(2025, 2, 28))
    assert figures.get("people.by_category").compute(winter, kadis).rows[-1][1] == 1
    # Stays ended in Q1: 8 days (Ujang) and 31 days (Wati) -> one in 8–14, one in 22+.
    assert [r[1] for r in figures.get("shelter.length_of_stay").compute(Q1, kadis).rows] == [0, 1, 0, 1]


def test_a_category_filter_or_no_refresh_computes_live(actors):
    history(actors)
    assert summaries.source(Q1, actors["kadis"]) is None  # never refreshed
    summaries.refresh()
    assert summaries.source(Q1, actors["kadis"]) is not None
    assert summaries.source(Filters(start=Q1.start, end=Q1.end, category=1), actors["kadis"]) is None
