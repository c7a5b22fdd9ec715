"""The dashboard's Excel export runs as a background job; only its owner may download the file."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from desaku.core.models import AccessLogEntry
from desaku.reports import exports
from desaku.reports.figures import Result
from desaku.reports.figures_outreach import EncountersByActivity
from desaku.reports.models import ExportJob, ExportStatus
from desaku.reports.workbooks import figures_workbook

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate(settings):
    settings.TASKS = IMMEDIATE


def test_export_runs_and_only_the_owner_downloads(actors, immediate):
    from openpyxl import load_workbook

    client = Client()
    client.force_login(actors["kadis"])
    response = client.post(reverse("reports:export_dashboard"), {"start": "2025-01", "end": "2025-03",
                                                                 "kecamatan": "35.73.01"})
    job = ExportJob.objects.get(owner=actors["kadis"])
    assert response.status_code == 302 and response["Location"] == reverse("reports:export_detail", args=[job.pk])
    assert job.status == ExportStatus.DONE and job.progress == 100
    assert job.params["kecamatan"] == "35.73.01" and job.params["start"] == "2025-01-01"
    status = client.get(reverse("reports:export_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b'data-status="done"' in status.content and b"hx-trigger" not in status.content
    download = client.get(reverse("reports:export_download", args=[job.pk]))
    assert download.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert len(book.sheetnames) > 5  # a summary and one sheet per figure
    assert AccessLogEntry.objects.filter(action="download", model_label="reports.ExportJob").exists()
    other = Client()
    other.force_login(actors["kabid"])
    assert other.get(reverse("reports:export_download", args=[job.pk])).status_code == 404
    assert other.get(reverse("reports:export_detail", args=[job.pk])).status_code == 404


def test_a_queued_job_polls_and_a_failed_one_says_why(actors):
    job = ExportJob(owner=actors["kadis"], kind="reports.dashboard", params={})
    job.save_with_reason(by=actors["kadis"])
    client = Client()
    client.force_login(actors["kadis"])
    page = client.get(reverse("reports:export_detail", args=[job.pk]))
    assert b"hx-trigger" in page.content and b'data-status="queued"' in page.content
    assert client.get(reverse("reports:export_download", args=[job.pk])).status_code == 404
    exports.run_export(job.pk)  # params missing: the exporter fails, the job records it
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and job.error


def test_roles_without_reports_cannot_start_the_export(actors, immediate):
    client = Client()
    client.force_login(actors["peksos"])
    assert client.post(reverse("reports:export_dashboard"), {}).status_code == 403
    assert not ExportJob.objects.exists()


def test_cells_are_neutralised():
    from openpyxl import load_workbook

    result = Result(columns=["Label", "Count"], rows=[["=HYPERLINK(\"http://x\")", 3], ["@cmd", 1]])
    content = figures_workbook(title="t", subtitle="s", sections=[(EncountersByActivity(), result, None)])
    sheet = load_workbook(io.BytesIO(content)).worksheets[1]
    values = [c.value for c in sheet["A"] if c.value]
    assert "'=HYPERLINK(\"http://x\")" in values and "'@cmd" in values
