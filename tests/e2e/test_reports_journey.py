"""A Kepala Dinas opens the heads' dashboard, narrows it to one kecamatan and downloads the Excel export."""

import re
from datetime import datetime, time

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from desaku.core.models import Role, Scope
from desaku.core.services import create_staff_user
from desaku.core.testing import make_organisations
from desaku.outreach import services
from desaku.people.tests.factories import make_person
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Rahasia-2026-abc"


def test_dashboard_filter_and_excel_export(page, settings, tmp_path):
    # The export runs in the request (no worker in the test); in production a worker takes it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()  # computed dashboard panels are cached for ten minutes
    orgs = make_organisations()
    create_staff_user(username="kadis", password=PASSWORD, roles=[Role.KEPALA_DINAS], organisation=orgs["dinsos"],
                      data_scope=Scope.ALL, first_name="Sri", last_name="Wahyuni")
    officer = create_staff_user(username="eko", password=PASSWORD, roles=[Role.PETUGAS_PENJANGKAUAN],
                                organisation=orgs["dinsos"], data_scope=Scope.OWN)
    today = timezone.localdate()
    operation = services.create_operation(by=officer, kind="patrol", place="Alun-alun Merdeka",
                                          started_at=timezone.make_aware(datetime.combine(today, time(7))))
    for name in ("Kancil", "Bejo"):
        services.record_encounter(operation=operation, by=officer, person=make_person(officer, name),
                                  activity="begging", outcome="counselled")

    login(page, "kadis", PASSWORD)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/reports/")
    figure = page.get_by_test_id("figure-outreach.per_month")
    expect(figure.get_by_test_id("headline")).to_have_text("2")
    canvas = figure.locator("canvas")
    expect(canvas).to_be_visible()
    # Chart.js loaded and drew this figure's chart with its months (a visible empty canvas would pass the above).
    page.wait_for_function("() => window.Chart !== undefined")
    assert canvas.evaluate("el => { const c = window.Chart.getChart(el); return !!c && c.data.labels.length > 0; }")

    page.locator("#id_kecamatan").select_option("35.73.02")
    page.get_by_test_id("apply-filters").click()
    page.wait_for_url(re.compile(r"kecamatan=35\.73\.02"))
    # The operation has no kelurahan, so nobody was found in Klojen.
    expect(page.get_by_test_id("figure-outreach.per_month").get_by_test_id("headline")).to_have_text("0")

    page.get_by_test_id("export-dashboard").click()
    page.wait_for_url(re.compile(r"/reports/exports/\d+/$"))
    with page.expect_download() as download_info:
        page.get_by_test_id("export-download").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    from openpyxl import load_workbook

    book = load_workbook(target)
    assert "35.73.02" in str(book.worksheets[0]["A3"].value)
