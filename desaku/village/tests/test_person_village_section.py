"""The person page's Desaku Menanti section: household, unit, move-in date, occupancy status, latest residence
check, mentoring sessions and enterprise, for whoever may see the occupancy; nobody else gets the section."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from desaku.village import services
from desaku.village.sections import village_section
from desaku.village.tests.helpers import a_round, accepted, nominated, site, unit


@pytest.fixture
def living(actors, lks_org):
    candidate = accepted(nominated(a_round(), actors["operator"]), actors["peksos"], lks_org, actors["kemensos"])
    occupancy = services.allocate(candidate=candidate, unit=unit("07B"), by=actors["operator"], on=date(2016, 11, 1))
    occupancy = services.move_in(occupancy=occupancy, by=actors["operator"], on=date(2016, 11, 14))
    services.record_residence_check(occupancy=occupancy, by=actors["operator"], checked_on=date(2017, 2, 10),
                                    living_there=True)
    services.record_residence_check(occupancy=occupancy, by=actors["operator"], checked_on=date(2017, 3, 10),
                                    living_there=False, note="Pulang kampung")
    household = occupancy.household
    for day, absent in ((5, ()), (19, (household,))):
        services.record_session(site=site(), by=actors["operator"], kind="social", held_on=date(2017, 1, day),
                                topic="Kebersihan", households=[household], absent=absent)
    services.create_enterprise(site=site(), by=actors["operator"], name="Telur Asin Jabal Nur", kind="household",
                               households=[household])
    return occupancy


@pytest.mark.django_db
def test_the_section_shows_the_village_facts(actors, living):
    head = living.household.head
    section = village_section(head, actors["kabid"])
    context = section.context
    assert (section.key, context["unit"].number, context["check"].checked_on, context["check"].living_there) == (
        "village", "07B", date(2017, 3, 10), False)
    assert (context["sessions"], context["present"]) == (2, 1)
    assert [e.name for e in context["enterprises"]] == ["Telur Asin Jabal Nur"]
    client = Client()
    client.force_login(actors["kabid"])
    page = client.get(reverse("people:detail", args=[head.pk])).content.decode()
    assert 'data-testid="section-village"' in page and "07B" in page and "14 November 2016" in page


@pytest.mark.django_db
def test_no_section_for_those_who_may_not_see_it(actors, living):
    head = living.household.head
    assert village_section(head, actors["lks_b"]) is None  # another organisation's household
    assert village_section(head, actors["penjangkauan"]) is None  # no village role
    assert village_section(head, actors["peksos"]) is None  # own scope: allocated by the operator


@pytest.mark.django_db
def test_no_section_without_an_occupancy(actors):
    from desaku.village.tests.helpers import household

    assert village_section(household(actors["operator"], "Belum", birth_year=1990).head, actors["kabid"]) is None
