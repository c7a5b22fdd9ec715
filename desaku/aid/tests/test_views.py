"""The UI writes through the services: the program form stores the rules as data; the person page shows the
aid section; the eligibility page names each failed rule; the budget page adds up."""

import pytest
from django.test import Client
from django.urls import reverse

from desaku.aid.models import Program
from desaku.aid.tests.helpers import active, approved_cycle, severe_person
from desaku.core.models import FundingSource
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_program_form_stores_rules_as_data(actors):
    response = client_for(actors["operator"]).post(reverse("aid:program_create"), {
        "code": "aslut", "name": "ASLUT", "kind": "cash", "funding_source": FundingSource.objects.get(code="APBN").pk,
        "year": "2026", "budget": "24000000", "benefit_amount": "200000", "frequency": "monthly",
        "duration_months": "12", "rule_alive": "on", "rule_min_age": "60", "rule_domicile": "on",
        "rule_decile_max": "4"})
    assert response.status_code == 302
    program = Program.objects.get(code="aslut")
    assert program.rules == [{"rule": "alive"}, {"rule": "age", "min": 60, "max": None},
                             {"rule": "domicile_malang"}, {"rule": "decile_max", "max": 4}]
    # The edit form shows the same rules and a bad range is refused on the form.
    response = client_for(actors["operator"]).post(reverse("aid:program_edit", args=[program.pk]), {
        "code": "aslut", "name": "ASLUT", "kind": "cash", "funding_source": program.funding_source_id,
        "year": "2026", "budget": "24000000", "frequency": "monthly", "rule_min_age": "70", "rule_max_age": "60"})
    assert response.status_code == 200
    program.refresh_from_db()
    assert program.rules[1]["min"] == 60


def test_person_eligibility_names_each_failed_rule(actors, aspd):
    person = make_person(actors["operator"], "Belum Layak")
    page = client_for(actors["operator"]).get(reverse("aid:person_eligibility", args=[person.pk])).content.decode()
    assert 'data-eligible="0"' in page
    assert 'data-testid="failure-disability"' in page and 'data-testid="failure-domicile_malang"' in page


def test_person_page_has_the_aid_section(actors, aspd, sri):
    active(aspd, sri, actors["operator"], actors["operator"], actors["kabid"])
    approved_cycle(aspd, actors["operator"], actors["kabid"])
    page = client_for(actors["operator"]).get(reverse("people:detail", args=[sri.pk])).content.decode()
    assert 'data-testid="aid-section"' in page and 'data-testid="aid-line"' in page
    # An LKS that cannot see the enrolment sees no section content for it.
    other = client_for(actors["lks_a"]).get(reverse("people:detail", args=[sri.pk]))
    assert other.status_code == 404


def test_cycle_page_lists_the_excluded_and_the_budget(actors, aspd):
    op = actors["operator"]
    keep = severe_person(op, "Tetap")
    gone = severe_person(op, "Pindah")
    active(aspd, keep, op, op, actors["kabid"])
    e = active(aspd, gone, op, op, actors["kabid"])
    from desaku.people import services as people_services

    people_services.update_person(person=e.person, by=op, data={"domicile_kelurahan": None})
    cycle = approved_cycle(aspd, op, actors["kabid"])
    page = client_for(op).get(reverse("aid:cycle_detail", args=[cycle.pk])).content.decode()
    assert page.count('data-testid="exclusion-row"') == 1 and page.count('data-testid="line-row"') == 1
    budget = client_for(actors["kadis"]).get(reverse("aid:budget")).content.decode()
    assert 'data-testid="budget-programs"' in budget
