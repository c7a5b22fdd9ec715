"""Home dashboard cards from reports: the worker's caseload, and persons found this month for heads."""

from desaku.people import services as people_services
from desaku.reports.registrations import caseload_card, reports_cards
from desaku.reports.tests.helpers import person


def test_caseload_counts_the_persons_assigned_to_the_worker(actors):
    peksos = actors["peksos"]
    mine = person(actors["operator"], "Milik Peksos")
    people_services.update_person(person=mine, by=actors["operator"], data={"assigned_worker": peksos},
                                  reason="test")
    person(actors["operator"], "Bukan Miliknya", birth_year=1990)
    assert [c.value for c in caseload_card(peksos)] == [1]
    assert caseload_card(actors["kadis"]) == []  # heads get the figures instead
    assert reports_cards(actors["peksos"]) == []
    assert [c.value for c in reports_cards(actors["kadis"])] == [0]
