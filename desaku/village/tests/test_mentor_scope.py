"""A mentor (Pendamping) sees only the households assigned to them, and records sessions only for them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from desaku.village import selectors, services
from desaku.village.tests.helpers import a_round, accepted, nominated, site, unit


@pytest.fixture
def two_living(actors, lks_org):
    selection = a_round()
    occupancies = []
    for i, number in enumerate(("01A", "01B")):
        candidate = accepted(nominated(selection, actors["operator"], name=f"Kepala {i}", birth_year=1970 + i),
                             actors["peksos"], lks_org, actors["kemensos"])
        occupancy = services.allocate(candidate=candidate, unit=unit(number), by=actors["operator"],
                                      on=date(2016, 11, 1))
        occupancies.append(services.move_in(occupancy=occupancy, by=actors["operator"], on=date(2016, 11, 12)))
    services.assign_mentor(mentor=actors["pendamping"], household=occupancies[0].household, by=actors["kabid"])
    return occupancies


@pytest.mark.django_db
def test_selectors_give_a_mentor_only_the_assigned_households(actors, two_living):
    mine, other = two_living
    mentor = actors["pendamping"]
    assert list(selectors.households_visible_to(mentor)) == [mine.household]
    assert list(selectors.occupancies_visible_to(mentor)) == [mine]
    assert not selectors.candidates_visible_to(mentor).exists()
    # The department still sees both.
    assert set(selectors.occupancies_visible_to(actors["kabid"])) == {mine, other}


@pytest.mark.django_db
def test_a_mentor_records_sessions_only_for_the_assigned_households(actors, two_living):
    mine, other = two_living
    mentor = actors["pendamping"]
    with pytest.raises(ValidationError):
        services.record_session(site=site(), by=mentor, kind="business", held_on=date(2017, 1, 10), topic="Harga",
                                households=[mine.household, other.household])
    session = services.record_session(site=site(), by=mentor, kind="social", held_on=date(2017, 1, 10),
                                      topic="Kebersihan", households=[mine.household])
    assert list(selectors.sessions_visible_to(mentor)) == [session]
    group = services.record_session(site=site(), by=actors["peksos"], kind="business", held_on=date(2017, 1, 11),
                                    topic="Kemasan", households=[mine.household, other.household])
    assert group not in selectors.sessions_visible_to(mentor)


@pytest.mark.django_db
def test_a_mentor_gets_404_for_a_household_not_assigned(actors, two_living):
    mine, other = two_living
    client = Client()
    client.force_login(actors["pendamping"])
    assert client.get(reverse("village:occupancy_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("village:occupancy_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("village:household_progress", args=[mine.household_id])).status_code == 200
    assert client.get(reverse("village:household_progress", args=[other.household_id])).status_code == 404
    response = client.get("/api/v1/village-occupancies/")
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]
