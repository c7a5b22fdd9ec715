"""The village API's lists, reads and allocation: an id filter that is not a number is a 400 with the field's
error (never a 500); a sale read alone names its household only within the reader's scope, like the list; an
allocation takes only a usable unit of the candidate's own site (400 otherwise, nothing written), and an
unusable vacated unit is offered to nobody."""

from datetime import date

import pytest
from django.urls import reverse

from desaku.village import services, services_program
from desaku.village.models import Occupancy, Offer
from desaku.village.tests.helpers import a_round, accepted, client_for, nominated, sent, site, unit

API = "/api/v1/"
pytestmark = pytest.mark.django_db



@pytest.mark.parametrize("path, field", [("village-occupancies/?unit=abc", "unit"),
                                         ("village-sales/?product=abc", "product"),
                                         ("village-units/?site=abc", "site"),
                                         ("village-units/?site=1.5", "site")])
def test_an_id_filter_that_is_not_a_number_is_a_400(actors, path, field):
    response = client_for(actors["kabid"]).get(API + path)
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_the_id_filters_still_filter(actors):
    units = client_for(actors["kabid"]).get(API + f"village-units/?site={site().pk}").json()
    assert units["count"] == 40
    assert client_for(actors["kabid"]).get(API + "village-units/?site=999999").json()["count"] == 0


@pytest.fixture
def sale_of_other(actors, lks_org):
    """Two households live in the village in one enterprise; the mentor accompanies only the first. A sale's
    income goes to the second."""
    operator = actors["operator"]
    selection = a_round(quota=10)
    homes = []
    for number, name in (("01A", "Huni Satu"), ("01B", "Huni Dua")):
        candidate = accepted(nominated(selection, operator, name=name, birth_year=1970 + len(homes)),
                             actors["peksos"], lks_org, actors["kemensos"])
        homes.append(services.allocate(candidate=candidate, unit=unit(number), by=operator).household)
    services.assign_mentor(mentor=actors["pendamping"], household=homes[0], by=actors["kabid"])
    enterprise = services.create_enterprise(site=site(), by=operator, name="Sanggar Topeng", kind="group",
                                            households=homes)
    product = services.save_product(by=operator, enterprise=enterprise, name="Topeng Panji", price=75000)
    return services.record_sale(product=product, by=operator, sold_on=date(2017, 1, 20), quantity=2,
                                household=homes[1]), homes


def test_a_sale_read_alone_hides_a_household_outside_the_scope(actors, sale_of_other):
    sale, homes = sale_of_other
    mentor = client_for(actors["pendamping"])
    listed = mentor.get(API + "village-sales/").json()["results"]
    assert [row["household"] for row in listed] == [None]
    read = mentor.get(API + f"village-sales/{sale.pk}/")
    assert read.status_code == 200 and read.json()["household"] is None and read.json()["quantity"] == 2
    assert client_for(actors["kabid"]).get(API + f"village-sales/{sale.pk}/").json()["household"] == homes[1].pk


@pytest.fixture
def accepted_candidate(actors, lks_org):
    return accepted(nominated(a_round(), actors["operator"]), actors["peksos"], lks_org, actors["kemensos"])


def test_the_api_refuses_a_unit_of_another_site(actors, accepted_candidate):
    batu = services_program.create_site(by=actors["kabid"], code="batu-2027", name="Desaku Menanti Batu",
                                        address="Jl. Oro-oro Ombo", buildings=1)
    other_unit = batu.buildings.get().units.order_by("number").first()
    response = client_for(actors["operator"]).post(API + "village-occupancies/", {
        "candidate": accepted_candidate.pk, "unit": other_unit.pk}, content_type="application/json")
    assert response.status_code == 400 and "unit" in response.json()
    assert not Occupancy.objects.exists()


def test_an_unusable_unit_is_not_allocated(actors, accepted_candidate):
    broken = services.update_unit(unit=unit("02A"), by=actors["operator"], condition="unusable", note="atap runtuh")
    response = client_for(actors["operator"]).post(API + "village-occupancies/", {
        "candidate": accepted_candidate.pk, "unit": broken.pk}, content_type="application/json")
    assert response.status_code == 400 and "unit" in response.json()
    assert not Occupancy.objects.exists()
    # The screen does not list it either.
    page = client_for(actors["operator"]).get(reverse("village:allocate", args=[accepted_candidate.pk]))
    assert page.status_code == 200
    assert f'value="{broken.pk}"' not in page.content.decode()
    assert f'value="{unit("02B").pk}"' in page.content.decode()
    occupancy = services.allocate(candidate=accepted_candidate, unit=unit("02B"), by=actors["operator"])
    assert occupancy.unit.number == "02B"


def test_an_unusable_vacated_unit_gets_no_offer(actors, lks_org, accepted_candidate):
    selection = accepted_candidate.round
    waiting = services.final_selection(candidate=sent(nominated(selection, actors["operator"], name="Tunggu",
                                                                birth_year=1985),
                                                      actors["peksos"], lks_org, actors["kemensos"]),
                                       by=actors["kemensos"], decision="waiting", reasons="kuota")
    occupancy = services.move_in(occupancy=services.allocate(candidate=accepted_candidate, unit=unit("03A"),
                                                             by=actors["operator"], on=date(2016, 11, 1)),
                                 by=actors["operator"], on=date(2016, 11, 10))
    services.update_unit(unit=unit("03A"), by=actors["operator"], condition="unusable", note="kebakaran")
    services.end_occupancy(occupancy=occupancy, by=actors["peksos"], reason="moved_out", on=date(2017, 2, 1))
    assert not Offer.objects.filter(candidate=waiting).exists()
    # Once repaired, the unit is offered.
    services.update_unit(unit=unit("03A"), by=actors["operator"], condition="good", note="diperbaiki")
    assert Offer.objects.get(unit=unit("03A"), status="open").candidate == waiting
