"""The person page: cases and services on the timeline (within the scope); an LKS holding a case sees its person."""

import pytest

from desaku.cases import services
from desaku.cases.tests.helpers import opened, service_type, today
from desaku.people import timeline
from desaku.people.selectors import persons_visible_to


@pytest.mark.django_db
def test_services_appear_on_the_persons_timeline(actors, child):
    peksos = actors["peksos"]
    case = opened(child, peksos)
    services.record_service(case=case, by=peksos, service_type=service_type("terapi-okupasi"), delivered_on=today())
    titles = [e.title for e in timeline.events_for(child, peksos) if e.source == "cases"]
    assert len(titles) == 2 and any("Terapi okupasi" in t for t in titles)
    assert [e for e in timeline.events_for(child, actors["auditor"]) if e.source == "cases"]  # scope "all"
    assert [e for e in timeline.events_for(child, actors["lks_a"]) if e.source == "cases"] == []


@pytest.mark.django_db
def test_an_lks_sees_the_person_of_a_case_transferred_to_it(actors, child):
    peksos, lks_a = actors["peksos"], actors["lks_a"]
    case = opened(child, peksos)
    assert not persons_visible_to(lks_a).filter(pk=child.pk).exists()
    transfer = services.request_transfer(case=case, by=peksos, to_organisation=lks_a.organisation, reason="dekat")
    services.decide_transfer(transfer=transfer, by=lks_a, accept=True)
    assert persons_visible_to(lks_a).filter(pk=child.pk).exists()
    assert not persons_visible_to(actors["lks_b"]).filter(pk=child.pk).exists()


@pytest.mark.django_db
def test_a_case_worker_can_open_a_case_from_the_person_page(actors, child):
    section = next(s for s in timeline.sections_for(child, actors["peksos"]) if s.key == "cases")
    assert section.context["open_url"].endswith(f"?person={child.pk}")
    # Read-only roles get no button, and no empty section.
    assert not [s for s in timeline.sections_for(child, actors["kadis"]) if s.key == "cases"]
