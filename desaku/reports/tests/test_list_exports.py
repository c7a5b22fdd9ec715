"""List exports on the shared mechanism: small lists come back as the file, large ones become a background
job with a progress page; the job's file is its owner's only, scoped like the page, NIK masked, formulas
neutralised."""

import io
from datetime import date

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from desaku.core.models import AccessLogEntry
from desaku.outreach import services
from desaku.outreach.tests.helpers import raid
from desaku.people.tests.factories import make_person, nik_for
from desaku.reports.models import ExportJob, ExportStatus

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NIK = nik_for(date(1980, 2, 3))


@pytest.fixture(autouse=True)
def immediate(settings):
    settings.TASKS = IMMEDIATE


def rows_of(content):
    from openpyxl import load_workbook

    return [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


@pytest.fixture
def encounters(actors):
    """Three encounters of the Dinas (one person with a formula for a name and a NIK), one of LKS A."""
    pj = actors["penjangkauan"]
    operation = raid(pj)
    tricky = make_person(pj, "=HYPERLINK(\"http://x\",\"klik\")", nik=NIK, birth_date=date(1980, 2, 3))
    for p in (tricky, make_person(pj, "Paimin"), make_person(pj, "Sukirah", sex="P")):
        services.record_encounter(operation=operation, by=pj, person=p, activity="begging", outcome="counselled")
    lks = actors["lks_a"]
    services.record_encounter(operation=raid(lks, kind="patrol", place="Dinoyo"), by=lks,
                              person=make_person(lks, "Paijo"), activity="begging", outcome="counselled")
    return tricky


@override_settings(DESAKU_EXPORT_SYNC_MAX_ROWS=3)
def test_a_small_list_is_returned_as_the_file(actors, encounters):
    client = Client()
    client.force_login(actors["kabid"])
    response = client.get(reverse("outreach:export_encounters"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert len(rows_of(response.content)) == 4  # the header and the Dinas's three encounters
    assert not ExportJob.objects.exists()


@override_settings(DESAKU_EXPORT_SYNC_MAX_ROWS=2)
def test_a_large_list_becomes_a_background_job_only_its_owner_downloads(actors, encounters):
    client = Client()
    client.force_login(actors["kabid"])
    response = client.get(reverse("outreach:export_encounters"), {"activity": "begging"})
    job = ExportJob.objects.get(owner=actors["kabid"])
    assert response.status_code == 302 and response["Location"] == reverse("reports:export_detail", args=[job.pk])
    assert job.kind == "outreach.encounters" and job.params["activity"] == "begging"
    assert job.status == ExportStatus.DONE and job.progress == 100
    page = client.get(reverse("reports:export_detail", args=[job.pk]))
    assert b'data-testid="export-download"' in page.content
    download = client.get(reverse("reports:export_download", args=[job.pk]))
    rows = rows_of(b"".join(download.streaming_content))
    assert len(rows) == 4
    # The same workbook as the direct path: formula neutralised, NIK only masked.
    flat = [str(v) for row in rows for v in row if v is not None]
    assert "'" + encounters.full_name in flat
    assert encounters.nik_masked in flat and NIK not in " ".join(flat)
    entry = AccessLogEntry.objects.filter(action="export", model_label="outreach.Encounter").latest("id")
    assert "activity=begging" in entry.detail
    other = Client()
    other.force_login(actors["kadis"])
    assert other.get(reverse("reports:export_download", args=[job.pk])).status_code == 404


@override_settings(DESAKU_EXPORT_SYNC_MAX_ROWS=0)
def test_a_partners_background_export_holds_only_its_own_rows(actors, encounters):
    client = Client()
    client.force_login(actors["lks_a"])
    assert client.get(reverse("outreach:export_encounters")).status_code == 302
    job = ExportJob.objects.get(owner=actors["lks_a"])
    assert job.status == ExportStatus.DONE
    rows = rows_of(job.file.read())
    assert len(rows) == 2 and rows[1][5] == "Paijo"


@override_settings(DESAKU_EXPORT_SYNC_MAX_ROWS=0)
def test_a_role_without_the_list_gets_no_job(actors, encounters):
    client = Client()
    client.force_login(actors["kemensos"])
    assert client.get(reverse("outreach:export_encounters")).status_code == 403
    assert not ExportJob.objects.exists()


def test_a_job_whose_owner_lost_the_role_fails(actors, encounters):
    from desaku.reports import exports

    job = ExportJob(owner=actors["kemensos"], kind="outreach.encounters", params={})
    job.save_with_reason(by=actors["kemensos"])
    exports.run_export(job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and not job.file
