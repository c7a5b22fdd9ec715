"""The person page shows the household's nomination and move-in, within the viewer's scope."""

from datetime import date

import pytest

from desaku.village import services
from desaku.village.sections import village_events
from desaku.village.tests.helpers import a_round, accepted, nominated, unit


@pytest.mark.django_db
def test_nomination_and_move_in_are_on_the_person_page(actors, lks_org):
    candidate = accepted(nominated(a_round(), actors["operator"]), actors["peksos"], lks_org, actors["kemensos"])
    occupancy = services.allocate(candidate=candidate, unit=unit(), by=actors["operator"], on=date(2016, 11, 1))
    services.move_in(occupancy=occupancy, by=actors["operator"], on=date(2016, 11, 12))
    head = candidate.household.head
    sources = [(e.when, e.icon) for e in village_events(head, actors["kabid"])]
    assert (date(2016, 11, 12), "key") in sources and len(sources) == 2
    assert village_events(head, actors["lks_b"]) == []
    assert village_events(head, actors["penjangkauan"]) == []
