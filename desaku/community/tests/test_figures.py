"""The community-service figures of the dashboard and the monthly report, on a constructed history
(docs/measures.md)."""

from datetime import date
from decimal import Decimal

import pytest

from desaku.core.models import PPKSCategory, Region
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person
from desaku.reports import figures
from desaku.reports.figures import Filters

from .helpers import activity

FEB_MARCH = Filters(start=date(2025, 2, 1), end=date(2025, 3, 31))


@pytest.fixture
def history(actors):
    """Department: 5 February (elderly, head count 60, participants p1 p2, Rp1.500.000, in Klojen's first
    kelurahan), 20 March (elderly, head count 40, participants p1 p3, Rp500.000), 10 April (outside the period).
    LKS A: 12 March (disability, head count 25, participant q1)."""
    operator, lks = actors["operator"], actors["lks_a"]
    p1, p2, p3 = (make_person(operator, name, birth_year=1950 + i) for i, name in enumerate(["Mbah Sarno", "Mbah Rum",
                                                                                              "Mbah Tini"]))
    q1 = make_person(lks, "Pak Darto", birth_year=1970)
    k1 = Region.objects.filter(level=4, code__startswith="35.73.02.").order_by("code").first()
    activity(operator, title="Senam Februari", held_on=date(2025, 2, 5), target_group="elderly", head_count=60,
             participants=[p1, p2], budget_used=Decimal(1_500_000), kelurahan=k1)
    activity(operator, title="Senam Maret", held_on=date(2025, 3, 20), target_group="elderly", head_count=40,
             participants=[p1, p3], budget_used=Decimal(500_000))
    activity(operator, title="Senam April", held_on=date(2025, 4, 10), target_group="elderly", head_count=50)
    activity(lks, title="Forum disabilitas", held_on=date(2025, 3, 12), target_group="disability", head_count=25,
             participants=[q1])
    return p1, p2, p3, q1


def compute(key, user, filters=FEB_MARCH):
    return figures.get(key).compute(filters, user)


def test_activities_and_participants_per_month(history, actors):
    result = compute("community.per_month", actors["kadis"])
    # February: 1 activity, 60 people, 2 registered, Rp1.500.000. March: 2 activities (20th, LKS 12th), 40 + 25 =
    # 65 people, registered p1, p3, q1 = 3, Rp500.000.
    assert result.rows == [["2025-02", 1, 60, 2, 1_500_000], ["2025-03", 2, 65, 3, 500_000]]
    assert figures.get("community.per_month").headline(result) == 3


def test_activities_by_target_group(history, actors):
    result = compute("community.by_target_group", actors["kadis"])
    counts = {row[0]: row[1:] for row in result.rows}
    assert sum(v[0] for v in counts.values()) == 3 and sum(v[1] for v in counts.values()) == 125
    # Rows follow TargetGroup: disability first (the LKS forum), elderly third (two activities, 100 people).
    assert result.rows[0][1:] == [1, 25] and result.rows[2][1:] == [2, 100]


def test_scope_an_lks_counts_only_its_activities(history, actors):
    assert compute("community.per_month", actors["lks_a"]).rows == [["2025-02", 0, 0, 0, 0],
                                                                     ["2025-03", 1, 25, 1, 0]]


def test_place_and_category_filters(history, actors):
    k1 = Region.objects.filter(level=4, code__startswith="35.73.02.").order_by("code").first()
    place = Filters(start=FEB_MARCH.start, end=FEB_MARCH.end, kelurahan=k1.code)
    assert compute("community.per_month", actors["kadis"], place).rows == [["2025-02", 1, 60, 2, 1_500_000],
                                                                           ["2025-03", 0, 0, 0, 0]]
    lansia = PPKSCategory.objects.get(code="PPKS-08")
    people_services.classify(person=history[2], by=actors["operator"], category=lansia, valid_from=date(2024, 1, 1))
    category = Filters(start=FEB_MARCH.start, end=FEB_MARCH.end, category=lansia.pk)
    # Only p3 holds the category: the 20 March activity, with one registered participant of the category.
    assert compute("community.per_month", actors["kadis"], category).rows == [["2025-02", 0, 0, 0, 0],
                                                                              ["2025-03", 1, 40, 1, 500_000]]
