"""A figure's "list" links, followed, list exactly the records the figure counted — with every dashboard filter."""

from dataclasses import replace
from datetime import date

import pytest
from django.test import Client

from desaku.core.auditing import allow_bulk_writes
from desaku.core.models import Organisation
from desaku.people.models import Person
from desaku.reports import figures
from desaku.reports.figures import Filters
from desaku.reports.tests.helpers import at, category, classify, found, kelurahan, person, stay

Q1 = Filters(start=date(2025, 1, 1), end=date(2025, 3, 31))


@pytest.fixture
def history(actors):
    """Ani and Budi live in k1 and were registered in 2024, Citra in k2 (registered today). Ani was PPKS-01 until 15 January 2025, Budi is from 1 February,
    Citra only from June (after the period). Found: Ani on 10 January in k1 (begging), Budi on 3 March in k2, Citra
    on 2 April. Stays: Ani 10–20 January (from the encounter), Budi from 20 December 2024 to 5 February 2025 (admitted
    before the period, ended in it), Citra from 25 March to 3 April (ended after it)."""
    worker = actors["operator"]
    k1, k2 = kelurahan("35.73.01", 0), kelurahan("35.73.02", 1)
    ani = person(worker, "Ani", domicile_kelurahan=k1)
    budi = person(worker, "Budi", domicile_kelurahan=k1, birth_year=1971)
    citra = person(worker, "Citra", domicile_kelurahan=k2, birth_year=1972)
    with allow_bulk_writes(reason="test: persons registered earlier"):
        Person.objects.filter(pk__in=[ani.pk, budi.pk]).update(created_at=at(date(2024, 6, 1)))
    classify(ani, worker, "PPKS-01", date(2024, 1, 1), date(2025, 1, 15))
    classify(budi, worker, "PPKS-01", date(2025, 2, 1))
    classify(citra, worker, "PPKS-01", date(2025, 6, 1))
    classify(citra, worker, "PPKS-02", date(2025, 1, 1))
    met = found(ani, worker, date(2025, 1, 10), place=k1, activity="begging")
    found(budi, worker, date(2025, 3, 3), place=k2, activity="busking")
    found(citra, worker, date(2025, 4, 2), place=k2)
    stay(ani, worker, date(2025, 1, 10), ended=date(2025, 1, 20), approver=actors["kabid"], encounter=met)
    stay(budi, worker, date(2024, 12, 20), ended=date(2025, 2, 5), approver=actors["kabid"])
    stay(citra, worker, date(2025, 3, 25), ended=date(2025, 4, 3), approver=actors["kabid"])
    return {"k1": k1, "k2": k2}


def listed(client, url) -> int:
    assert url, "the figure gave no link"
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


@pytest.fixture
def kadis(actors):
    client = Client()
    client.force_login(actors["kadis"])
    return client


def check_rows(key, filters, user, client, column=1):
    """Each linked row's count equals the number of records its link lists; returns how many rows were checked."""
    result = figures.get(key).compute(filters, user)
    checked = 0
    for row, link in zip(result.rows, result.links, strict=True):
        if link is None:
            continue
        assert listed(client, link) == row[column], (key, row, link)
        checked += 1
    return checked


def test_people_links_carry_period_category_and_place(history, actors, kadis):
    user = actors["kadis"]
    for filters in (Q1, replace(Q1, kelurahan=history["k1"].code), replace(Q1, category=category("PPKS-01").pk)):
        assert check_rows("people.by_category", filters, user, kadis) >= 1
        assert check_rows("people.by_kelurahan", filters, user, kadis, column=2) >= 1
    # Citra (k2) was registered after the period: no row for k2, and her PPKS-02 row lists her alone.
    assert check_rows("people.by_kelurahan", replace(Q1, kecamatan="35.73.02"), user, kadis, column=2) == 0
    assert check_rows("people.by_category", replace(Q1, kecamatan="35.73.02"), user, kadis) == 1
    # PPKS-01 in Q1: Ani (until 15 January) and Budi (from February) — not Citra (from June), though all three are
    # PPKS-01 at some time and Ani no longer is.
    result = figures.get("people.by_category").compute(Q1, user)
    assert result.value("PPKS-01 " + category("PPKS-01").name) == 2


def test_outreach_per_month_links_list_each_months_encounters(history, actors, kadis):
    user = actors["kadis"]
    for filters in (Q1, replace(Q1, kelurahan=history["k2"].code), replace(Q1, category=category("PPKS-01").pk)):
        assert check_rows("outreach.per_month", filters, user, kadis, column=2) == 3
        check_rows("outreach.by_activity", filters, user, kadis)
        check_rows("outreach.by_place", filters, user, kadis, column=2)
    # With the PPKS-01 filter, March lists Budi (PPKS-01 from February) and January Ani (PPKS-01 until 15 January).
    rows = figures.get("outreach.per_month").compute(replace(Q1, category=category("PPKS-01").pk), user).rows
    assert [r[2] for r in rows] == [1, 0, 1]


def test_panel_links_carry_every_filter(history, actors):
    org = Organisation.objects.order_by("pk").first()
    filters = Filters(start=date(2025, 1, 1), end=date(2025, 3, 31), kecamatan="35.73.01",
                      kelurahan=history["k1"].code, category=category("PPKS-01").pk, organisation=org.pk)
    link = figures.get("outreach.by_activity").link(filters)
    for part in ("from=2025-01-01", "to=2025-03-31", "kelurahan=35.73.01.", "category=PPKS-01",
                 f"organisation={org.pk}"):
        assert part in link
    # The board cannot be filtered: no link rather than one that shows more than the figure counted.
    assert figures.get("shelter.occupancy").link(filters) is None
    assert figures.get("shelter.occupancy").link(Q1) is not None


def test_length_of_stay_links_the_stays_that_ended_in_the_period(history, actors, kadis):
    user = actors["kadis"]
    figure = figures.get("shelter.length_of_stay")
    for filters in (Q1, replace(Q1, kelurahan=history["k1"].code), replace(Q1, category=category("PPKS-01").pk)):
        counted = sum(r[1] for r in figure.compute(filters, user).rows)
        assert listed(kadis, figure.link(filters)) == counted
    # Ani and Budi ended in Q1 (Budi admitted before it); Citra ended after it.
    assert sum(r[1] for r in figure.compute(Q1, user).rows) == 2


def test_dispositions_and_returns_link_the_exits(history, actors, kadis):
    user = actors["kadis"]
    assert check_rows("outreach.dispositions", Q1, user, kadis) >= 1
    returns = figures.get("outreach.returns")
    result = returns.compute(Q1, user)
    # The cohort: persons exited to a permanent destination in the period (each exit listed once here).
    assert listed(kadis, returns.link(Q1)) == result.rows[0][1] == 2
    assert "returns=" not in returns.link(Q1)
