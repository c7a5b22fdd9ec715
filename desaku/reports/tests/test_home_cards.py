"""Home dashboard cards from reports: the worker's caseload, and key figures with trends for heads."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from desaku.cases import services as case_services
from desaku.people import services as people_services
from desaku.reports.figures import month_start
from desaku.reports.registrations import caseload_card, reports_cards
from desaku.reports.tests.helpers import found, person


def test_caseload_of_a_case_worker_is_their_active_cases_and_links_to_their_caseload(actors):
    peksos, operator = actors["peksos"], actors["operator"]
    mine = person(operator, "Milik Peksos")
    other = person(operator, "Bukan Miliknya", birth_year=1990)
    case_services.open_case(person=mine, case_type="anak", by=peksos, worker=peksos)
    case_services.open_case(person=other, case_type="anak", by=operator, worker=operator)
    [card] = caseload_card(peksos)
    assert card.value == 1 and card.url.endswith("?active=on")
    client = Client()
    client.force_login(peksos)
    assert client.get(card.url).context["page"].paginator.count == 1
    assert caseload_card(actors["kadis"]) == []  # heads get the figures instead


def test_caseload_of_an_outreach_worker_is_the_persons_assigned_to_them(actors):
    worker = actors["penjangkauan"]
    mine = person(actors["operator"], "Milik Petugas")
    people_services.update_person(person=mine, by=actors["operator"], data={"assigned_worker": worker},
                                  reason="test")
    person(actors["operator"], "Bukan Miliknya", birth_year=1990)
    [card] = caseload_card(worker)
    assert card.value == 1 and "mine=on" in card.url
    client = Client()
    client.force_login(worker)
    assert client.get(card.url).context["page"].paginator.count == 1


def test_heads_get_key_figures_with_trends_linking_to_their_panels(actors):
    worker = actors["operator"]
    today = timezone.localdate()
    last_month = month_start(today) - timedelta(days=1)
    found(person(worker, "Lalu"), worker, last_month)
    found(person(worker, "Kini", birth_year=1971), worker, today)
    found(person(worker, "Juga", birth_year=1972), worker, today)
    assert reports_cards(actors["peksos"]) == []
    cards = {c.title: c for c in reports_cards(actors["kadis"])}
    found_card = cards["Orang ditemukan bulan ini"] if "Orang ditemukan bulan ini" in cards else next(
        c for c in cards.values() if "outreach.per_month" in c.url)
    assert found_card.value == 2
    assert "▲ 1" in found_card.hint and "(1)" in found_card.hint  # 2 now against 1 last month
    assert found_card.url.endswith("#figure-outreach.per_month")
    urls = [c.url for c in cards.values()]
    for key in ("outreach.returns", "shelter.occupancy", "cases.per_month"):
        assert any(url.endswith(f"#figure-{key}") for url in urls), key
    client = Client()
    client.force_login(actors["kadis"])
    page = client.get(found_card.url).content.decode()
    assert 'id="figure-outreach.per_month"' in page
