"""The village figures' links list what they count, and the housing units follow the organisation filter."""

from dataclasses import replace
from datetime import date

from django.test import Client

from desaku.reports import figures
from desaku.reports.figures import Filters
from desaku.village.tests.test_figures import Q1, history  # noqa: F401 (the constructed history)

MARCH = Filters(start=date(2025, 3, 1), end=date(2025, 3, 31))


def test_exit_links_list_the_households_that_left_in_the_period(history, actors):  # noqa: F811
    client = Client()
    client.force_login(actors["kadis"])
    result = figures.get("village.exits").compute(MARCH, actors["kadis"])
    checked = 0
    for row, link in zip(result.rows, result.links, strict=True):
        response = client.get(link)
        assert response.status_code == 200
        # H2 graduated and H3 was expelled in March, though both were allocated their unit in January.
        assert response.context["page"].paginator.count == row[1], (row, link)
        checked += row[1]
    assert checked == 2
    panel = client.get(figures.get("village.exits").link(MARCH))
    assert panel.context["page"].paginator.count == 2


def test_units_follow_the_organisation_filter(history, actors, lks_org):  # noqa: F811
    department = actors["operator"].organisation
    kadis = actors["kadis"]
    # All four households were allocated by the department: its units are those four; LKS A allocated none.
    rows = figures.get("village.occupancy").compute(replace(Q1, organisation=department.pk), kadis).rows
    assert [r[1] for r in rows] == [4, 4, 4] and rows[0][2] == 4
    assert [r[1] for r in figures.get("village.occupancy").compute(replace(Q1, organisation=lks_org.pk),
                                                                     kadis).rows] == [0, 0, 0]
