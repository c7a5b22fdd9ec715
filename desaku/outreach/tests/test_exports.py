"""Excel exports: the list's scope and filters, NIK masked, sensitive categories never named, formulas
neutralised, and every export in the access log."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse

from desaku.core.models import AccessLogEntry, PPKSCategory
from desaku.outreach import services
from desaku.outreach.tests.helpers import admitted, approved, raid, today
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person, nik_for

pytestmark = pytest.mark.django_db

NIK = nik_for(date(1980, 2, 3))


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.WHITENOISE_AUTOREFRESH = True


def sheet_rows(response):
    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def column(rows, index):
    return [row[index] for row in rows[1:]]


@pytest.fixture
def records(actors):
    pj = actors["penjangkauan"]
    person = make_person(pj, "=HYPERLINK(\"http://x\",\"klik\")", nik=NIK, birth_date=date(1980, 2, 3))
    people_services.classify(person=person, by=actors["peksos"], category=PPKSCategory.objects.get(number=16),
                             valid_from=date(2025, 1, 1))
    people_services.classify(person=person, by=actors["peksos"], category=PPKSCategory.objects.get(number=12),
                             valid_from=date(2025, 1, 1))
    operation = raid(pj, team=[actors["peksos"]])
    services.record_encounter(operation=operation, by=pj, person=person, activity="begging", outcome="shelter")
    stay = admitted(person, pj, worker=actors["peksos"], on=today() - timedelta(days=3))
    approved(stay, actors["peksos"], actors["kabid"])
    lks_person = make_person(actors["lks_a"], "Paijo")
    admitted(lks_person, actors["lks_a"])
    raid(actors["lks_a"], kind="patrol", place="Dinoyo")
    return {"person": person, "operation": operation, "stay": stay}


def test_stays_export_masks_the_nik_and_neutralises_formulas(client, actors, records):
    client.force_login(actors["kabid"])
    rows = sheet_rows(client.get(reverse("outreach:export_stays")))
    assert len(rows) == 2  # the header and the Dinas stay; the LKS stay is outside the scope
    flat = [str(v) for row in rows for v in row if v is not None]
    assert records["person"].nik_masked in flat and NIK not in " ".join(flat)
    assert rows[1][2] == "'" + records["person"].full_name  # "=HYPERLINK(…)" is text, not a formula


def test_sensitive_categories_are_never_named(client, actors, records):
    odha = PPKSCategory.objects.get(number=16)
    begging = PPKSCategory.objects.get(number=12)
    client.force_login(actors["kabid"])  # may know of sensitive categories: a marker, no name
    text = " ".join(str(v) for row in sheet_rows(client.get(reverse("outreach:export_encounters"))) for v in row)
    assert (begging.short_name or begging.code) in text
    assert odha.code not in text and odha.name not in text and (odha.short_name or odha.code) not in text
    marked = column(sheet_rows(client.get(reverse("outreach:export_stays"))), 6)[0]
    client.force_login(actors["penjangkauan"])  # may not: nothing at all
    unmarked = column(sheet_rows(client.get(reverse("outreach:export_stays"))), 6)[0]
    assert unmarked == (begging.short_name or begging.code) and marked.startswith(unmarked + ", ")


def test_exports_follow_the_filters_and_are_logged(client, actors, records):
    client.force_login(actors["kabid"])
    rows = sheet_rows(client.get(reverse("outreach:export_operations"), {"kind": "patrol"}))
    assert len(rows) == 1  # the only patrol belongs to the LKS
    rows = sheet_rows(client.get(reverse("outreach:export_operations"), {"kind": "raid", "month": "2026-03"}))
    assert column(rows, 0) == [records["operation"].pk]
    entry = AccessLogEntry.objects.filter(action="export", model_label="outreach.OutreachOperation").latest("id")
    assert entry.object_id == "*" and "kind=raid" in entry.detail and "month=2026-03" in entry.detail
    assert entry.actor_username == actors["kabid"].username


def test_dispositions_export_and_scope_of_a_partner(client, actors, records):
    client.force_login(actors["kabid"])
    rows = sheet_rows(client.get(reverse("outreach:export_dispositions")))
    assert column(rows, 0) == [records["stay"].dispositions.get().pk]
    client.force_login(actors["lks_a"])
    assert len(sheet_rows(client.get(reverse("outreach:export_dispositions")))) == 1
    assert len(sheet_rows(client.get(reverse("outreach:export_stays")))) == 2  # its own stay only
    assert AccessLogEntry.objects.filter(action="export", model_label="outreach.Disposition").count() == 2


def test_the_kemensos_reviewer_cannot_export(client, actors, records):
    client.force_login(actors["kemensos"])
    assert client.get(reverse("outreach:export_stays")).status_code == 403


def test_activities_export_counts_participants_without_names(client, actors):
    person = make_person(actors["penjangkauan"], "Sumarni", sex="P")
    services.record_preventive_activity(by=actors["penjangkauan"], kind="counselling", held_on=date(2026, 5, 1),
                                        place="Balai RW 07", organiser="Dinsos", topic="=HYPERLINK(\"x\")",
                                        participants=[person], head_count=25)
    services.record_preventive_activity(by=actors["lks_a"], kind="guidance", held_on=date(2026, 6, 1),
                                        place="Sanggar", organiser="LKS", topic="Bina diri")
    client.force_login(actors["kabid"])
    rows = sheet_rows(client.get(reverse("outreach:export_activities")))[1:]
    assert len(rows) == 1  # the LKS's activity is outside the division's scope
    assert rows[0][6] == "'=HYPERLINK(\"x\")" and rows[0][7] == 1 and rows[0][8] == 25
    assert "Sumarni" not in str(rows)
    assert AccessLogEntry.objects.filter(action="export", model_label="outreach.PreventiveActivity").exists()
