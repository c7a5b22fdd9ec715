"""Who may use each URL of this app (see desaku/core/testing.py).

The heads (Administrator, Kepala Dinas, Kepala Bidang) and the Auditor read the dashboard and the monthly
reports; the heads generate reports. An export belongs to its owner alone (others get 404). Open data is public.
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from desaku.core.testing import STAFF, AccessCase, check_access
from desaku.reports.models import ExportJob, ExportStatus, MonthlyReport

READERS = frozenset({"admin", "kadis", "kabid", "auditor"})
HEADS = frozenset({"admin", "kadis", "kabid"})
PUBLIC_URL_NAMES = {"reports:open_data", "reports:open_data_csv", "reports:open_data_json", "api-open-data"}


def _u(name, *keys):
    return lambda a, c: reverse(f"reports:{name}", args=[c[k] for k in keys])


MATRIX = [
    AccessCase("dashboard", _u("dashboard"), READERS, url_names=("reports:dashboard",)),
    AccessCase("dashboard filtered", lambda a, c: reverse("reports:dashboard") + "?start=2025-01&end=2025-03"
               "&kecamatan=35.73.01", READERS),
    AccessCase("export the dashboard", _u("export_dashboard"), READERS, method="post", ok_status=(302,),
               data={"start": "2025-01", "end": "2025-02"}, url_names=("reports:export_dashboard",)),
    AccessCase("definitions of the measures", _u("definitions"), READERS, url_names=("reports:definitions",)),
    AccessCase("my exports", _u("export_list"), STAFF, url_names=("reports:export_list",)),
    AccessCase("an export", _u("export_detail", "job"), frozenset({"kadis"}), url_names=("reports:export_detail",)),
    AccessCase("download an export", _u("export_download", "job"), frozenset({"kadis"}),
               url_names=("reports:export_download",)),
    AccessCase("LKS A's export", _u("export_detail", "lks_job"), frozenset({"lks_a"}),
               notes="another LKS guessing the id gets 404"),
    AccessCase("monthly reports", _u("monthly_list"), READERS, url_names=("reports:monthly_list",)),
    AccessCase("generate a monthly report", _u("monthly_generate"), HEADS, method="post", ok_status=(302,),
               data={"month": "2025-04"}, url_names=("reports:monthly_generate",)),
    AccessCase("a monthly report", _u("monthly_detail", "report"), READERS, url_names=("reports:monthly_detail",)),
    AccessCase("monthly report PDF", lambda a, c: reverse("reports:monthly_download", args=[c["report"], "pdf"]),
               READERS, url_names=("reports:monthly_download",)),
    AccessCase("figures (API)", "/api/v1/report-figures/", READERS, api=True, url_names=("report-figure-list",)),
    AccessCase("one figure (API)", "/api/v1/report-figures/outreach.returns/?start=2025-01&end=2025-03", READERS,
               api=True, url_names=("report-figure-detail",)),
]


def _job(owner):
    job = ExportJob(owner=owner, kind="reports.dashboard", status=ExportStatus.DONE, progress=100,
                    filename="x.xlsx")
    job.file.save("x.xlsx", ContentFile(b"PK test"), save=False)
    job.save_with_reason(by=owner)
    return job.pk


@pytest.fixture
def context(actors):
    report = MonthlyReport(month=date(2025, 5, 1), generated_at=timezone.now())
    report.pdf.save("r.pdf", ContentFile(b"%PDF-1.4 x"), save=False)
    report.save_with_reason(by=None)
    return {"job": _job(actors["kadis"]), "lks_job": _job(actors["lks_a"]), "report": report.pk}


@pytest.mark.parametrize("case", MATRIX, ids=lambda c: c.name)
def test_access(case, actors, context):
    check_access(case, actors, context)


@pytest.mark.parametrize("name", sorted(PUBLIC_URL_NAMES))
def test_open_data_is_public(name, db):
    url = reverse(name)
    assert Client().get(url).status_code == 200
