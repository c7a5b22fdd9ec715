"""The aid exports on the shared list-export mechanism: the page's filters, NIK masked, and a large list
in the background."""

import io

import pytest
from django.test import override_settings
from django.urls import reverse

from desaku.aid import services
from desaku.aid.tests.helpers import severe_person
from desaku.reports.models import ExportJob

pytestmark = pytest.mark.django_db


def rows_of(content):
    from openpyxl import load_workbook

    return [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)][1:]


@pytest.fixture
def enrolments(actors, aspd, sri):
    op = actors["operator"]
    services.propose_enrolment(program=aspd, person=sri, by=op, bank_name="=cmd")
    other = services.propose_enrolment(program=aspd, person=severe_person(op, "Budi Santoso"), by=actors["peksos"])
    services.verify_enrolment(enrolment=other, by=op)
    other.refresh_from_db()
    return other


def test_enrolments_export_follows_the_status_filter(client, actors, enrolments, sri):
    client.force_login(actors["kabid"])
    rows = rows_of(client.get(reverse("aid:export_enrolments")).content)
    assert sorted(r[1] for r in rows) == ["Budi Santoso", "Sri Rahayu"]
    sri_row = next(r for r in rows if r[1] == "Sri Rahayu")
    assert (sri_row[2] or "") == sri.nik_masked and sri_row[7] == "'=cmd"  # no NIK: an empty cell
    rows = rows_of(client.get(reverse("aid:export_enrolments"), {"status": enrolments.status}).content)
    assert [r[1] for r in rows] == ["Budi Santoso"]


@override_settings(DESAKU_EXPORT_SYNC_MAX_ROWS=1,
                   TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
def test_a_large_enrolment_list_runs_in_the_background(client, actors, enrolments):
    client.force_login(actors["kabid"])
    response = client.get(reverse("aid:export_enrolments"))
    job = ExportJob.objects.get(owner=actors["kabid"], kind="aid.enrolments")
    assert response["Location"] == reverse("reports:export_detail", args=[job.pk])
    assert job.status == "done" and len(rows_of(job.file.read())) == 2
