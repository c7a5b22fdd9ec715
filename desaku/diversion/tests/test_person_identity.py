"""The registry hides an ABH child's identity (issue 9 item 4): the person page, the people list and search,
household members and the person API show initials and no NIK, address or photo to anyone whose registry scope
includes the child but who is not an assigned worker, their supervisor or an administrator."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from desaku.core.models import AccessLogEntry
from desaku.diversion.tests.helpers import child, opened
from desaku.people import identity
from desaku.people import services as people_services
from desaku.people.tests.factories import nik_for

NAME = "Rafi Ardiansyah"
ADDRESS = "Jl. Kenanga Gang 3 No. 17"
FULL = ("peksos", "kabid", "kadis", "admin")
MASKED = ("operator", "auditor")


@pytest.fixture
def protected(actors):
    peksos = actors["peksos"]
    person = child(peksos, NAME)
    people_services.update_person(person=person, by=peksos, data={"domicile_address": ADDRESS},
                                  nik=nik_for(person.birth_date, serial=7), confirm_warnings=True, reason="uji")
    person.refresh_from_db()
    opened(peksos, person)
    return person


def _get(actor, url):
    client = Client()
    client.force_login(actor)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.django_db
def test_hook_answers_who_may_not_see(actors, protected):
    assert protected.nik_masked  # the fixture really has a NIK to hide
    for name in FULL:
        assert identity.hidden_ids(actors[name], [protected.pk]) == set(), name
    for name in MASKED:
        assert identity.hidden_ids(actors[name], [protected.pk]) == {protected.pk}, name


@pytest.mark.django_db
def test_person_page(actors, protected):
    url = reverse("people:detail", args=[protected.pk])
    for name in FULL:
        assert NAME in _get(actors[name], url), name
    for name in MASKED:
        html = _get(actors[name], url)
        assert NAME not in html and "Rafi" not in html, name
        assert "R. A." in html and 'data-testid="identity-restricted"' in html
        assert ADDRESS not in html and protected.nik_masked not in html
    details = set(AccessLogEntry.objects.filter(model_label="people.Person", object_id=str(protected.pk),
                                                action="view").values_list("actor_username", "detail"))
    assert ("t_peksos", "") in details and ("t_operator", "initials") in details
    assert all("Rafi" not in entry for entry in AccessLogEntry.objects.filter(
        actor_username="t_operator").values_list("object_repr", flat=True))


@pytest.mark.django_db
def test_list_and_search(actors, protected):
    for url in (reverse("people:list"), reverse("people:list") + "?q=Rafi"):
        html = _get(actors["peksos"], url)
        assert f'data-testid="person-link">{NAME}</a>' in html
        html = _get(actors["operator"], url)
        assert 'data-testid="person-link">R. A.</a>' in html
        assert f">{NAME}<" not in html and protected.nik_masked not in html


@pytest.mark.django_db
def test_other_person_pages_refused(actors, protected):
    client = Client()
    client.force_login(actors["operator"])
    assert client.get(reverse("people:edit", args=[protected.pk])).status_code == 403
    assert client.post(reverse("people:reveal_nik", args=[protected.pk])).status_code == 403
    client.force_login(actors["peksos"])
    assert client.get(reverse("people:edit", args=[protected.pk])).status_code == 200


@pytest.mark.django_db
def test_person_api(actors, protected):
    api = APIClient()
    api.force_authenticate(actors["operator"])
    row = next(r for r in api.get("/api/v1/persons/").json()["results"] if r["id"] == protected.pk)
    assert row["full_name"] == "R. A." and row["nik_masked"] == "" and row["domicile_address"] == ""
    assert row["birth_date"] is None and row["aliases"] == []
    found = api.get("/api/v1/persons/", {"q": "Rafi"}).json()["results"]
    assert [r["full_name"] for r in found if r["id"] == protected.pk] == ["R. A."]
    data = api.get(f"/api/v1/persons/{protected.pk}/", {"reveal_nik": "1"}).json()
    assert data["full_name"] == "R. A." and "nik" not in data and data["domicile_address"] == ""
    assert api.patch(f"/api/v1/persons/{protected.pk}/", {"phone": "0812"}, format="json").status_code == 403
    assert AccessLogEntry.objects.filter(actor_username="t_operator", object_id=str(protected.pk),
                                         detail="api initials").exists()
    api.force_authenticate(actors["peksos"])
    data = api.get(f"/api/v1/persons/{protected.pk}/").json()
    assert data["full_name"] == NAME and data["domicile_address"] == ADDRESS


@pytest.mark.django_db
def test_people_export(actors, protected):
    import io

    from openpyxl import load_workbook

    def cells(actor):
        client = Client()
        client.force_login(actor)
        response = client.get(reverse("people:export"))
        assert response.status_code == 200
        return [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]

    text = " | ".join(str(v) for row in cells(actors["operator"]) for v in row)
    assert "R. A." in text and NAME not in text and protected.nik_masked not in text
    text = " | ".join(str(v) for row in cells(actors["peksos"]) for v in row)
    assert NAME in text
