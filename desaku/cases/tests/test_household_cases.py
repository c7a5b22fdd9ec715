"""A case for a household: opened from the household page or the API, shown with its members, listed in the
caseload and scoped by the same rules as a person's case."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from desaku.cases import services
from desaku.cases.models import Case
from desaku.cases.tests.helpers import today
from desaku.people import services as people_services
from desaku.people import timeline
from desaku.people.selectors import households_visible_to, persons_visible_to
from desaku.people.tests.factories import make_person


@pytest.fixture
def family(actors):
    peksos = actors["peksos"]
    head = make_person(peksos, "Suparman Keluarga", birth_year=1970)
    household = people_services.create_household(by=peksos, head=head, address="Jl. Kenanga 3")
    wife = make_person(peksos, "Sulastri Keluarga", birth_year=1975)
    people_services.add_member(household=household, person=wife, relationship="spouse", by=peksos)
    return household


def _household_case(household, worker):
    return services.open_case(household=household, case_type="other", by=worker, worker=worker, opened_on=today())


@pytest.mark.django_db
def test_open_a_household_case_from_the_household_page(actors, family, client):
    peksos = actors["peksos"]
    client.force_login(peksos)
    page = client.get(reverse("people:household_detail", args=[family.pk]))
    assert page.status_code == 200
    url = reverse("cases:case_create") + f"?household={family.pk}"
    assert url in page.content.decode()
    form = client.get(url)
    assert form.status_code == 200 and "Sulastri Keluarga" in form.content.decode()
    response = client.post(reverse("cases:case_create"), {
        "household": family.pk, "case_type": "other", "priority": "high", "source": "walk_in", "worker": peksos.pk,
        "opened_on": today().isoformat(), "summary": "Rumah tidak layak huni"})
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert case.household == family and case.person is None and case.worker == peksos
    detail = client.get(response["Location"]).content.decode()
    assert 'data-testid="case-household"' in detail
    assert detail.count('data-testid="household-member"') == 2 and "Sulastri Keluarga" in detail
    caseload = client.get(reverse("cases:caseload")).content.decode()
    assert 'data-testid="household-case"' in caseload and "Suparman Keluarga" in caseload
    found = client.get(reverse("cases:caseload") + "?all=1&q=Sulastri").content.decode()
    assert found.count('data-testid="case-row"') == 1
    section = next(s for s in timeline.household_sections_for(family, peksos) if s.key == "cases")
    assert [c.pk for c in section.context["cases"]] == [case.pk]


@pytest.mark.django_db
def test_a_household_case_follows_the_scope_rules(actors, family, client):
    lks_a, lks_b = actors["lks_a"], actors["lks_b"]
    head = make_person(lks_a, "Kepala LKS", birth_year=1960)
    household = people_services.create_household(by=lks_a, head=head)
    case = _household_case(household, lks_a)
    dinas_case = _household_case(family, actors["peksos"])
    client.force_login(lks_b)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 404
    assert client.get(reverse("cases:case_create") + f"?household={household.pk}").status_code == 404
    client.force_login(lks_a)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200
    assert client.get(reverse("cases:case_detail", args=[dinas_case.pk])).status_code == 404
    assert client.get(f"/api/v1/cases/?household={household.pk}").json()["count"] == 1
    # Transferring the Dinas household case to LKS A makes the household and its members visible to it.
    assert not households_visible_to(lks_a).filter(pk=family.pk).exists()
    transfer = services.request_transfer(case=dinas_case, by=actors["peksos"], to_organisation=lks_a.organisation,
                                         reason="pendampingan")
    services.decide_transfer(transfer=transfer, by=lks_a, accept=True)
    assert households_visible_to(lks_a).filter(pk=family.pk).exists()
    assert persons_visible_to(lks_a).filter(full_name="Sulastri Keluarga").exists()
    assert not persons_visible_to(lks_b).filter(full_name="Sulastri Keluarga").exists()


@pytest.mark.django_db
def test_the_api_takes_a_person_or_a_household_but_not_both(actors, family, client):
    peksos = actors["peksos"]
    client.force_login(peksos)
    head = family.memberships.first().person
    created = client.post("/api/v1/cases/", {"household": family.pk, "case_type": "other"},
                          content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["household"] == family.pk and created.json()["person"] is None
    both = client.post("/api/v1/cases/", {"household": family.pk, "person": head.pk, "case_type": "other"},
                       content_type="application/json")
    assert both.status_code == 400 and "household" in both.json()
    neither = client.post("/api/v1/cases/", {"case_type": "other"}, content_type="application/json")
    assert neither.status_code == 400 and "person" in neither.json()
    client.force_login(actors["lks_b"])
    hidden = client.post("/api/v1/cases/", {"household": family.pk, "case_type": "other"},
                         content_type="application/json")
    assert hidden.status_code == 400 and "household" in hidden.json()
    with pytest.raises(ValidationError):
        services.open_case(household=family, person=head, case_type="other", by=peksos)
