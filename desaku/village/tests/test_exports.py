"""Excel exports: the same scope as the lists, NIK only masked and not at all for the Kemensos reviewer,
every export logged."""


import pytest
from django.test import Client
from django.urls import reverse

from desaku.core.models import AccessLogEntry
from desaku.village import services
from desaku.village.tests.helpers import a_round, household, nominated, sent, workbook_rows


@pytest.mark.django_db
def test_candidate_export_masks_the_nik_and_hides_it_from_the_reviewer(actors, lks_org):
    selection = a_round()
    family = household(actors["operator"], "Sutrisno", nik="3573011507750001", birth_year=1975)
    candidate = services.nominate(round=selection, household=family, by=actors["operator"])
    sent(candidate, actors["peksos"], lks_org, actors["kemensos"])
    nominated(selection, actors["operator"], name="Lain", birth_year=1980)
    client = Client()
    client.force_login(actors["kabid"])
    table = workbook_rows(client.get(reverse("village:export_candidates")))
    flat = " ".join(str(v) for row in table for v in row)
    assert len(table) == 3 and "3573011507750001" not in flat
    client.force_login(actors["kemensos"])
    table = workbook_rows(client.get(reverse("village:export_candidates")))
    flat = " ".join(str(v) for row in table for v in row)
    assert len(table) == 2 and "3573" not in flat
    assert AccessLogEntry.objects.filter(action="export", model_label="village.Candidate").count() == 2


@pytest.mark.django_db
def test_units_export_honours_the_site_parameter(actors):
    from desaku.village import services_program

    second = services_program.create_site(by=actors["kabid"], code="kedua", name="Desa kedua", address="Jl. Uji 1",
                                          buildings=1, units_per_building=2)
    client = Client()
    client.force_login(actors["kabid"])
    url = reverse("village:export_units")
    assert len(workbook_rows(client.get(url))) == 41  # the default site: 40 units and the header
    response = client.get(url, {"site": second.pk})
    assert response.status_code == 200 and len(workbook_rows(response)) == 3
    assert client.get(url, {"site": "abc"}).status_code == 400
    assert client.get(url, {"site": "999999"}).status_code == 404
