"""The child's identity: in full for the assigned workers, the Kepala Bidang of the organisation, the Kepala
Dinas and administrators; initials for everyone else who can read (the auditor, another Peksos of the
organisation); nothing at all for partners; every view logged."""

import pytest
from django.test import Client
from django.urls import reverse

from desaku.core.models import AccessLogEntry, Role, Scope
from desaku.core.testing import make_organisations
from desaku.diversion.permissions import initials
from desaku.diversion.tests.helpers import child, opened

NAME = "Rafi Ardiansyah"


def test_initials():
    assert initials("Rafi Ardiansyah") == "R. A."
    assert initials("muhammad  rizki putra") == "M. R. P."
    assert initials("") == "—"


def _names(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _sheet(client) -> str:
    import io

    from openpyxl import load_workbook

    response = client.get(reverse("diversion:export"))
    assert response.status_code == 200
    rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    return " | ".join(str(value) for row in rows for value in row)


@pytest.fixture
def other_peksos(db):
    from django.contrib.auth.models import Group

    from desaku.core.models import User

    user = User.objects.create_user(username="t_peksos_org", password="x", organisation=make_organisations()["dinsos"],
                                    data_scope=Scope.ORGANISATION)
    user.groups.add(Group.objects.get(name=Role.PEKSOS))
    return user


@pytest.mark.django_db
def test_who_sees_the_name(actors, other_peksos):
    peksos = actors["peksos"]
    abh = opened(peksos, child(peksos, NAME))
    client = Client()
    for actor in ("peksos", "kabid", "kadis", "admin"):
        client.force_login(actors[actor])
        for url in (reverse("diversion:abh_list"), reverse("diversion:abh_detail", args=[abh.pk])):
            assert NAME in _names(client, url), actor
        assert client.get(f"/api/v1/abh-cases/{abh.pk}/").json()["child_name"] == NAME
    for user in (actors["auditor"], other_peksos):
        client.force_login(user)
        for url in (reverse("diversion:abh_list"), reverse("diversion:abh_detail", args=[abh.pk]),
                    reverse("diversion:deadline_board")):
            page = _names(client, url)
            assert NAME not in page and "Ardiansyah" not in page
        assert "R. A." in _names(client, reverse("diversion:abh_list"))
        data = client.get(f"/api/v1/abh-cases/{abh.pk}/").json()
        assert data["child_name"] == "R. A." and data["person"] is None
        sheet = _sheet(client)
        assert "R. A." in sheet and "Ardiansyah" not in sheet
    client.force_login(peksos)
    assert NAME in _sheet(client)
    assert AccessLogEntry.objects.filter(model_label="diversion.AbhCase", object_id=str(abh.pk),
                                         actor_username="t_auditor").exists()


@pytest.mark.django_db
def test_partners_and_operators_get_nothing(actors):
    peksos = actors["peksos"]
    abh = opened(peksos, child(peksos, NAME))
    client = Client()
    for actor in ("lks_a", "lks_b", "pendamping", "kemensos", "operator", "penjangkauan"):
        client.force_login(actors[actor])
        assert client.get(reverse("diversion:abh_detail", args=[abh.pk])).status_code == 404
        assert client.get(reverse("diversion:abh_list")).status_code == 404
        assert client.get("/api/v1/abh-cases/").status_code == 403


@pytest.mark.django_db
def test_person_page_section_only_with_identity(actors):
    peksos = actors["peksos"]
    abh = opened(peksos, child(peksos, NAME))
    client = Client()
    client.force_login(peksos)
    url = reverse("people:detail", args=[abh.case.person_id])
    assert 'data-testid="person-abh"' in client.get(url).content.decode()
    client.force_login(actors["auditor"])
    response = client.get(url)
    assert 'data-testid="person-abh"' not in response.content.decode()


@pytest.mark.django_db
def test_case_management_screens_show_an_abh_case_only_to_those_who_may_see_the_child(actors):
    from desaku.cases.selectors import cases_visible_to, referrals_visible_to
    from desaku.people import timeline

    abh = opened(actors["peksos"], child(actors["peksos"], NAME))
    case = abh.case
    allowed = {"admin", "kadis", "kabid", "peksos"}
    for name, user in actors.items():
        seen = cases_visible_to(user).filter(pk=case.pk).exists()
        assert seen == (name in allowed), name
    # The operator and the auditor have scope over the Dinas's cases, yet neither the caseload, the API,
    # the referrals nor the person page's case list shows this one.
    for name in ("operator", "auditor"):
        client = Client()
        client.force_login(actors[name])
        assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code in (403, 404)
        listing = client.get("/api/v1/cases/")
        assert NAME not in listing.content.decode()
        assert not referrals_visible_to(actors[name]).filter(case=case).exists()
        assert not [s for s in timeline.sections_for(case.person, actors[name])
                    if s.key == "cases" and s.context["cases"]]
