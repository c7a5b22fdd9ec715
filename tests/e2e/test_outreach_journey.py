"""Raid → person found (quick capture, minimal new person) → shelter → assessment → disposition proposed by a
Peksos → approved by a Kepala Bidang → letter PDF → the public verification page shows the letter number."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from desaku.core.models import Role, Scope
from desaku.core.services import create_staff_user
from desaku.core.testing import make_organisations
from desaku.outreach.models import Shelter
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Rahasia-2026-abc"
PHONE = {"width": 390, "height": 844}


def staff(username, role, scope, first, last, org):
    return create_staff_user(username=username, password=PASSWORD, roles=[role], organisation=org, data_scope=scope,
                             first_name=first, last_name=last)


def phone_of(browser, live_server, username):
    """Another worker's phone: a fresh browser context, logged in."""
    context = browser.new_context(locale="id-ID", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.base_url = live_server.url
    login(page, username, PASSWORD)
    page.wait_for_url(page.base_url + "/")
    return page


def test_raid_to_a_verified_disposition_letter(page, browser, live_server, screenshot):
    orgs = make_organisations()
    staff("eko", Role.PETUGAS_PENJANGKAUAN, Scope.OWN, "Eko", "Prasetyo", orgs["dinsos"])
    dewi = staff("dewi", Role.PEKSOS, Scope.OWN, "Dewi", "Lestari", orgs["dinsos"])
    staff("bambang", Role.KEPALA_BIDANG, Scope.ORGANISATION, "Bambang", "Sugiarto", orgs["dinsos"])
    camp = Shelter.objects.get(code="camp-assessment")

    # The outreach officer records the raid on the street ...
    login(page, "eko", PASSWORD)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/outreach/operations/new/")
    page.get_by_test_id("field-kind").select_option("raid")
    page.get_by_test_id("field-place").fill("Alun-alun Merdeka")
    page.get_by_test_id("field-kelurahan").select_option("35.73.02.1004")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/outreach/operations/\d+/$"))

    # ... captures a child found begging with an adult, as a minimal new person ...
    page.get_by_test_id("capture-link").click()
    page.get_by_test_id("field-nickname").fill("Kancil")
    page.get_by_test_id("field-sex").select_option("L")
    page.get_by_test_id("field-estimated_age").fill("11")
    page.get_by_test_id("field-description").fill("Kaos merah, membawa ecek-ecek")
    page.get_by_test_id("activity-begging").click()
    page.get_by_test_id("company-with_adult").click()
    expect(page.get_by_test_id("exploitation-hint")).to_be_visible()
    page.get_by_test_id("outcome-shelter").click()
    screenshot("capture")
    page.get_by_test_id("submit").click()

    # ... and "taken to shelter" leads straight to the admission, with the Peksos responsible.
    page.wait_for_url(re.compile(r"/outreach/stays/admit/\?encounter=\d+$"))
    expect(page.get_by_test_id("admit-person")).to_contain_text("Kancil")
    page.get_by_test_id("field-shelter").select_option(str(camp.pk))
    page.get_by_test_id("field-responsible_worker").select_option(str(dewi.pk))
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/outreach/stays/\d+/$"))
    stay_url = page.url
    expect(page.get_by_test_id("stay-day")).to_be_visible()
    expect(page.get_by_test_id("stay-shelter")).to_contain_text("Tlogowaru")

    # The Peksos assesses and proposes the return to the family.
    peksos = phone_of(browser, live_server, "dewi")
    peksos.goto(stay_url)
    peksos.get_by_test_id("assessment-link").click()
    peksos.get_by_test_id("field-identity_status").select_option("partial")
    peksos.get_by_test_id("exploitation_indicators-adult_controls_money").check()
    peksos.get_by_test_id("field-need_family").fill("Ibu di Kel. Kotalama sudah dihubungi")
    peksos.get_by_test_id("field-risk_level").select_option("medium")
    peksos.get_by_test_id("field-recommendation").select_option("returned")
    peksos.get_by_test_id("submit").click()
    peksos.wait_for_url(stay_url)
    expect(peksos.get_by_test_id("assessment-version")).to_have_text("v1")
    peksos.get_by_test_id("propose-link").click()
    expect(peksos.get_by_test_id("field-kind")).to_have_value("returned")  # from the assessment
    peksos.get_by_test_id("field-receiver_name").fill("Sumiati")
    peksos.get_by_test_id("field-receiver_relationship").fill("ibu")
    peksos.get_by_test_id("field-receiver_address").fill("Jl. Kebalen Wetan Gg. 3, Kotalama, Kota Malang")
    peksos.get_by_test_id("submit").click()
    peksos.wait_for_url(stay_url)
    expect(peksos.get_by_test_id("disposition-proposed")).to_be_visible()
    peksos.context.close()

    # The Kepala Bidang approves it from the queue; the letter is issued.
    kabid = phone_of(browser, live_server, "bambang")
    kabid.goto(kabid.base_url + "/outreach/dispositions/pending/")
    expect(kabid.get_by_test_id("pending-person")).to_have_text("Kancil")
    kabid.get_by_test_id(re.compile(r"^approve-\d+$")).click()
    kabid.wait_for_url(re.compile(r"/outreach/dispositions/pending/$"))
    kabid.goto(stay_url)
    expect(kabid.get_by_test_id("disposition-approved")).to_be_visible()
    number = kabid.get_by_test_id("letter-number").inner_text()
    assert number.endswith(str(date.today().year))
    pdf = kabid.request.get(live_server.url + kabid.get_by_test_id("letter-download").get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    verify_path = kabid.get_by_test_id("letter-verify-link").get_attribute("href")
    kabid.context.close()

    # Whoever scans the QR code sees the number, without logging in and without personal data.
    page.context.clear_cookies()
    page.goto(live_server.url + verify_path)
    expect(page.get_by_test_id("letter-number")).to_have_text(number)
    expect(page.get_by_test_id("letter-verification")).not_to_contain_text("Kancil")
    screenshot("verified")


def test_a_large_encounter_list_is_exported_in_the_background(page, settings, tmp_path):
    """Above the threshold the Excel button starts a background export: the progress page, then the file."""
    from datetime import datetime, time

    from django.utils import timezone

    from desaku.outreach import services
    from desaku.people.tests.factories import make_person

    # The live server runs in this process: a low threshold, and the job runs at once (no worker here).
    settings.DESAKU_EXPORT_SYNC_MAX_ROWS = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    orgs = make_organisations()
    eko = staff("eko", Role.PETUGAS_PENJANGKAUAN, Scope.OWN, "Eko", "Prasetyo", orgs["dinsos"])
    staff("bambang", Role.KEPALA_BIDANG, Scope.ORGANISATION, "Bambang", "Sugiarto", orgs["dinsos"])
    operation = services.create_operation(by=eko, kind="raid", place="Alun-alun Merdeka", started_at=(
        timezone.make_aware(datetime.combine(timezone.localdate(), time(20)))))
    for name in ("Kancil", "Bejo", "Paimin"):
        services.record_encounter(operation=operation, by=eko, person=make_person(eko, name), activity="begging",
                                  outcome="counselled")

    login(page, "bambang", PASSWORD)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/outreach/encounters/?activity=begging")
    page.get_by_test_id("export").click()
    page.wait_for_url(re.compile(r"/reports/exports/\d+/$"))
    expect(page.get_by_test_id("export-status")).to_have_attribute("data-status", "done")
    with page.expect_download() as download_info:
        page.get_by_test_id("export-download").click()
    download = download_info.value
    assert download.suggested_filename.startswith("desaku-encounters-")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    from openpyxl import load_workbook

    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 4 and sorted(r[5] for r in rows[1:]) == ["Bejo", "Kancil", "Paimin"]
