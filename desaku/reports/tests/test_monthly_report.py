"""The monthly report: made by the job on the 1st for the previous month, archived, downloadable with a log."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from desaku.core.models import AccessLogEntry
from desaku.reports import monthly
from desaku.reports.models import MonthlyReport
from desaku.reports.tests.helpers import found, person


@pytest.fixture
def no_pdf(monkeypatch):
    # WeasyPrint takes seconds; test_monthly_pdf renders one for real.
    monkeypatch.setattr(monthly, "render_pdf", lambda month, sections, provisional=False: b"%PDF-1.4 stand-in")


def test_job_makes_last_months_report_once(actors, no_pdf):
    found(person(actors["operator"], "Mei"), actors["operator"], date(2025, 5, 20))
    assert monthly.monthly_job(date(2025, 5, 31)) == 0  # May is not over
    assert monthly.monthly_job(date(2025, 6, 1)) == 1
    assert monthly.monthly_job(date(2025, 6, 1)) == 0  # already archived
    assert monthly.monthly_job(date(2025, 6, 2)) == 0
    report = MonthlyReport.objects.get()
    assert report.month == date(2025, 5, 1) and report.pdf and report.xlsx and not report.provisional
    # One person found in May 2025 (counted for the whole department).
    assert report.figures["outreach.per_month"]["rows"] == [["2025-05", 1, 1, 1]]


def test_the_report_never_names_sensitive_categories(actors, no_pdf):
    from desaku.reports.tests.helpers import classify

    p = person(actors["operator"], "Rahasia")
    classify(p, actors["operator"], "PPKS-16", date(2025, 1, 1))
    report = monthly.generate_monthly_report(month=date(2025, 5, 1))
    assert "PPKS-16" not in str(report.figures["people.by_category"]["rows"])


def test_download_is_logged_and_refused_to_other_roles(actors):
    report = MonthlyReport(month=date(2025, 5, 1), generated_at="2025-06-01T00:00:00Z")
    report.pdf.save("r.pdf", ContentFile(b"%PDF-1.4 x"), save=False)
    report.save_with_reason(by=None)
    client = Client()
    client.force_login(actors["auditor"])
    response = client.get(reverse("reports:monthly_download", args=[report.pk, "pdf"]))
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(action="download", model_label="reports.MonthlyReport").exists()
    assert client.get(reverse("reports:monthly_download", args=[report.pk, "xlsx"])).status_code == 404
    client.force_login(actors["peksos"])
    assert client.get(reverse("reports:monthly_download", args=[report.pk, "pdf"])).status_code == 403


def test_generate_on_demand(actors, settings, no_pdf):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client = Client()
    client.force_login(actors["kabid"])
    response = client.post(reverse("reports:monthly_generate"), {"month": "2025-04"})
    report = MonthlyReport.objects.get(month=date(2025, 4, 1))
    assert response.status_code == 302 and report.generated_by == actors["kabid"]
    assert client.post(reverse("reports:monthly_generate"), {"month": "2999-01"}).status_code == 302
    assert MonthlyReport.objects.count() == 1


def test_current_month_on_demand_is_provisional_and_replaced_by_the_job(actors, no_pdf):
    operator = actors["operator"]
    found(person(operator, "Awal"), operator, date(2025, 5, 3))
    early = monthly.generate_monthly_report(month=date(2025, 5, 1), by=actors["kabid"], today=date(2025, 5, 10))
    assert early.provisional
    assert early.figures["outreach.per_month"]["rows"] == [["2025-05", 1, 1, 1]]
    found(person(operator, "Akhir"), operator, date(2025, 5, 25))  # later in the month
    assert monthly.monthly_job(date(2025, 6, 1)) == 1  # the provisional report does not stop the job
    final = MonthlyReport.objects.get(month=date(2025, 5, 1))
    assert final.pk == early.pk and not final.provisional and final.generated_by is None
    assert final.figures["outreach.per_month"]["rows"] == [["2025-05", 2, 2, 2]]
    assert monthly.monthly_job(date(2025, 6, 2)) == 0


def test_a_finished_month_made_on_demand_is_final(actors, no_pdf):
    report = monthly.generate_monthly_report(month=date(2025, 4, 1), today=date(2025, 5, 1))
    assert not report.provisional


def test_job_catches_up_missed_months_within_the_window(actors, no_pdf, settings):
    settings.REPORTS_MONTHLY_CATCH_UP_MONTHS = 3
    operator = actors["operator"]
    found(person(operator, "Lama"), operator, date(2024, 11, 20))
    monthly.generate_monthly_report(month=date(2025, 3, 1), today=date(2025, 4, 1))  # March is already final
    assert monthly.monthly_job(date(2025, 5, 17)) == 2  # February and April are due; January is outside
    assert monthly.months_due(date(2025, 5, 17)) == []
    settings.REPORTS_MONTHLY_CATCH_UP_MONTHS = 4
    assert monthly.months_due(date(2025, 5, 17)) == [date(2025, 1, 1)]


def test_job_makes_no_reports_before_the_first_record(db, no_pdf):
    assert monthly.monthly_job(date(2025, 6, 1)) == 0
    assert not MonthlyReport.objects.exists()


def test_provisional_report_is_marked_in_the_archive(actors, no_pdf):
    monthly.generate_monthly_report(month=date(2025, 5, 1), today=date(2025, 5, 10))
    client = Client()
    client.force_login(actors["kabid"])
    page = client.get(reverse("reports:monthly_list")).content.decode()
    assert 'data-testid="provisional"' in page
