"""The registry list's filters (PPKS category, kelurahan of domicile) and its Excel export: sensitive
categories only for roles that may see them, NIK masked, the same rows as the page."""

import io
from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from desaku.core.models import PPKSCategory, Region
from desaku.people import services
from desaku.people.tests.factories import make_person, nik_for
from desaku.reports.models import ExportJob

pytestmark = pytest.mark.django_db

NIK = nik_for(date(1985, 6, 7))


def rows_of(response):
    from openpyxl import load_workbook

    assert response.status_code == 200
    return [list(r) for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)][1:]


def names(response):
    return [row[0].full_name for row in response.context["rows"]]


@pytest.fixture
def registry(actors):
    peksos = actors["peksos"]
    tlogowaru = Region.objects.get(code="35.73.03.1012")
    other = Region.objects.filter(level=4, code__startswith="35.73.01.").order_by("code").first()
    beggar = make_person(peksos, "Sumarni", sex="P", nik=NIK, domicile_kelurahan=tlogowaru)
    odha = make_person(peksos, "Bambang", domicile_kelurahan=tlogowaru)
    make_person(peksos, "Joko", domicile_kelurahan=other)
    services.classify(person=beggar, by=peksos, category=PPKSCategory.objects.get(number=12),
                      valid_from=date(2025, 1, 1))
    services.classify(person=odha, by=peksos, category=PPKSCategory.objects.get(number=16),
                      valid_from=date(2025, 1, 1))
    return {"tlogowaru": tlogowaru, "beggar": beggar, "odha": odha}


def test_filter_by_category_and_kelurahan(client, actors, registry):
    client.force_login(actors["peksos"])
    url = reverse("people:list")
    begging = PPKSCategory.objects.get(number=12).code
    assert names(client.get(url, {"category": begging})) == ["Sumarni"]
    assert sorted(names(client.get(url, {"kelurahan": "35.73.03.1012"}))) == ["Bambang", "Sumarni"]
    assert names(client.get(url, {"kelurahan": "35.73.03.1012", "q": "Bambang"})) == ["Bambang"]


def test_a_sensitive_category_is_offered_and_filters_only_for_roles_that_may_see_it(client, actors, registry):
    odha = PPKSCategory.objects.get(number=16)
    url = reverse("people:list")
    client.force_login(actors["peksos"])  # may see sensitive categories
    page = client.get(url, {"category": odha.code})
    assert names(page) == ["Bambang"] and f'value="{odha.code}"' in page.content.decode()
    client.force_login(actors["operator"])  # may not: not offered, and the filter does nothing
    page = client.get(url, {"category": odha.code})
    assert f'value="{odha.code}"' not in page.content.decode()
    assert sorted(names(page)) == ["Bambang", "Joko", "Sumarni"]  # the sensitive code is not a valid choice
    rows = rows_of(client.get(reverse("people:export"), {"category": odha.code}))
    assert odha.short_name not in str(rows) and odha.name not in str(rows)


def test_the_export_follows_the_filters_and_masks_the_nik(client, actors, registry):
    client.force_login(actors["peksos"])
    rows = rows_of(client.get(reverse("people:export"), {"kelurahan": "35.73.03.1012"}))
    assert sorted(r[1] for r in rows) == ["Bambang", "Sumarni"]
    sumarni = next(r for r in rows if r[1] == "Sumarni")
    assert sumarni[2] == registry["beggar"].nik_masked and NIK not in str(rows)
    assert sumarni[5] == registry["tlogowaru"].name


@override_settings(DESAKU_EXPORT_SYNC_MAX_ROWS=1,
                   TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
def test_a_large_registry_export_runs_in_the_background(client, actors, registry):
    client.force_login(actors["peksos"])
    response = client.get(reverse("people:export"), {"kelurahan": "35.73.03.1012"})
    job = ExportJob.objects.get(owner=actors["peksos"], kind="people.persons")
    assert response["Location"] == reverse("reports:export_detail", args=[job.pk])
    assert job.status == "done" and job.params["kelurahan"] == "35.73.03.1012"
