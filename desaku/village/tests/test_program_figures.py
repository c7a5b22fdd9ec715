"""The program figures of a site (overview page, dashboard card) on a hand-built history, and "returned to
the street": an ended occupancy (not by death) of which someone who was a member of the household during the
occupancy was found by outreach after it ended — one query, however many occupancies ended."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from desaku.outreach import services as outreach_services
from desaku.outreach.tests.helpers import raid
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person
from desaku.village import selectors, services
from desaku.village.tests.helpers import FULL, a_round, site, unit

pytestmark = pytest.mark.django_db
LONG_AGO = date(2010, 1, 1)


def _household(by, name, birth_year):
    return people_services.create_household(by=by, head=make_person(by, name, birth_year=birth_year),
                                            start_date=LONG_AGO)


def _member(household, by, name, *, joined=LONG_AGO, left=None):
    person = make_person(by, name, birth_year=2000)
    people_services.add_member(household=household, person=person, relationship="child", by=by, start_date=joined)
    if left:
        people_services.end_membership(membership=household.memberships.get(person=person), by=by, end_date=left,
                                       reason="pindah")
    return person


def _found(actors, person, day):
    when = timezone.make_aware(datetime(day.year, day.month, day.day, 20, 0))
    operation = raid(actors["penjangkauan"], when=when)
    outreach_services.record_encounter(operation=operation, by=actors["penjangkauan"], person=person,
                                       activity="begging", outcome="counselled", encountered_at=when)


@pytest.fixture
def village(actors, lks_org):
    """Households A–G of one round (quota 40), all allocated on 1 November 2016; W waits.

    A moved in 12 Nov 2016, moved out 1 Mar 2017. Child A2 left the family 1 Jun 2016 (before the move-in) and
      begs on 10 May 2017: not counted.
    B moved in, expelled 15 Jun 2017; the head begs on 1 May 2017 (before) and 1 Aug 2017 (after): counted.
    C moved in, ended by death 1 Apr 2017; the head's child begs on 1 Jun 2017: not counted (death).
    D moved in, graduated 5 Jan 2018; the head begs on 1 Dec 2017 (still living there); child D2 joined the
      family on 1 Mar 2018 and begs on 1 Apr 2018: not counted.
    E lives there (head found begging 1 Feb 2018: not an ended occupancy); income Rp1.200.000 in Jan 2018
      and Rp900.000 in Dec 2017; its enterprise sold 10 rempeyek at Rp15.000.
    F never moved in, moved out 1 Feb 2017; child F2 left the family on 1 Dec 2016 (a member during the
      allocation) and begs on 1 Mar 2017: counted.
    G is allocated, not moved in; income Rp900.000 in Jan 2018 (not counted: not living there yet).
    """
    op, peksos, reviewer, kabid = actors["operator"], actors["peksos"], actors["kemensos"], actors["kabid"]
    selection = a_round()
    homes, occupancies = {}, {}
    for i, key in enumerate("ABCDEFG"):
        household = _household(op, f"Kepala {key}", 1960 + i)
        candidate = services.nominate(round=selection, household=household, by=op)
        services.initial_selection(candidate=candidate, by=peksos, lks=lks_org, checklist=FULL, passed=True,
                                   reviewer=reviewer)
        services.final_selection(candidate=candidate, by=reviewer, decision="accepted", reasons="memenuhi")
        occupancies[key] = services.allocate(candidate=candidate, unit=unit(f"0{i + 1}A"), by=op,
                                             on=date(2016, 11, 1))
        homes[key] = household
    waiting = services.nominate(round=selection, household=_household(op, "Kepala W", 1975), by=op)
    services.initial_selection(candidate=waiting, by=peksos, lks=lks_org, checklist=FULL, passed=True,
                               reviewer=reviewer)
    services.final_selection(candidate=waiting, by=reviewer, decision="waiting", reasons="kuota")
    for key in "ABCDE":
        occupancies[key] = services.move_in(occupancy=occupancies[key], by=op, on=date(2016, 11, 12))
    a2 = _member(homes["A"], op, "Anak A2", left=date(2016, 6, 1))
    c2 = _member(homes["C"], op, "Anak C2")
    f2 = _member(homes["F"], op, "Anak F2", left=date(2016, 12, 1))
    services.end_occupancy(occupancy=occupancies["A"], by=kabid, reason="moved_out", on=date(2017, 3, 1))
    services.end_occupancy(occupancy=occupancies["B"], by=kabid, reason="expelled", on=date(2017, 6, 15),
                           decision="188/1/2017", note="tidak menempati rumah")
    services.end_occupancy(occupancy=occupancies["C"], by=kabid, reason="deceased", on=date(2017, 4, 1))
    services.end_occupancy(occupancy=occupancies["D"], by=kabid, reason="graduated", on=date(2018, 1, 5))
    services.end_occupancy(occupancy=occupancies["F"], by=kabid, reason="moved_out", on=date(2017, 2, 1))
    d2 = _member(homes["D"], op, "Anak D2", joined=date(2018, 3, 1))
    head = {key: homes[key].head for key in "BDE"}
    _found(actors, a2, date(2017, 5, 10))
    _found(actors, head["B"], date(2017, 5, 1))
    _found(actors, head["B"], date(2017, 8, 1))
    _found(actors, c2, date(2017, 6, 1))
    _found(actors, head["D"], date(2017, 12, 1))
    _found(actors, d2, date(2018, 4, 1))
    _found(actors, head["E"], date(2018, 2, 1))
    _found(actors, f2, date(2017, 3, 1))
    services.record_income(household=homes["E"], by=op, month=date(2018, 1, 1), amount=Decimal(1_200_000))
    services.record_income(household=homes["E"], by=op, month=date(2017, 12, 1), amount=Decimal(900_000))
    services.record_income(household=homes["G"], by=op, month=date(2018, 1, 1), amount=Decimal(900_000))
    enterprise = services.create_enterprise(site=site(), by=op, name="Rempeyek E", kind="household",
                                            households=[homes["E"]])
    product = services.save_product(by=op, enterprise=enterprise, name="Rempeyek kacang", price=Decimal(15_000))
    services.record_sale(product=product, by=op, sold_on=date(2018, 1, 20), quantity=10, household=homes["E"])
    return occupancies, waiting


def test_returned_to_street_counts_members_during_the_occupancy_in_one_query(village, django_assert_num_queries):
    occupancies, _waiting = village
    the_site = site()
    with django_assert_num_queries(1):
        found = selectors.returned_to_street(the_site)
    assert found == sorted([occupancies["B"].pk, occupancies["F"].pk])
    assert selectors.returned_to_street() == found  # every site: the same here


def test_program_figures(village):
    figures = selectors.program_figures(site(), today=date(2018, 2, 15))
    assert {key: figures[key] for key in (
        "units", "living", "free", "occupancy_rate", "graduated", "expelled", "moved_out", "deceased",
        "returned_to_street", "products_sold", "revenue", "candidates", "accepted", "exited", "waiting")} == {
        "units": 40, "living": 2, "free": 38, "occupancy_rate": 5, "graduated": 1, "expelled": 1, "moved_out": 2,
        "deceased": 1, "returned_to_street": 2, "products_sold": 10, "revenue": 150_000, "candidates": 8,
        "accepted": 2, "exited": 5, "waiting": 1}
    # January 2018's income of the households living there: E only (G has not moved in).
    assert figures["average_income"] == Decimal(1_200_000) and figures["income_month"] == date(2018, 1, 1)


def test_program_figures_of_an_empty_site(actors):
    from desaku.village import services_program

    empty = services_program.create_site(by=actors["kabid"], code="kosong", name="Desa kosong", address="Jl. Uji")
    figures = selectors.program_figures(empty, today=date(2018, 2, 15))
    assert figures["units"] == 0 and figures["occupancy_rate"] == 0 and figures["average_income"] is None
    assert figures["returned_to_street"] == 0 and figures["revenue"] == 0 and figures["accepted"] == 0
