"""Aid program (rules as data) → eligible list → enrol → verify → approve by the Kepala Bidang → cycle →
verify/approve → pay by bank transfer → receipt list PDF."""

import re

import pytest
from playwright.sync_api import expect

from desaku.core.models import Region, Role, Scope
from desaku.core.services import create_staff_user
from desaku.core.testing import make_organisations
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Rahasia-2026-abc"
PHONE = {"width": 390, "height": 844}


def staff(username, role, scope, first, last, org):
    return create_staff_user(username=username, password=PASSWORD, roles=[role], organisation=org, data_scope=scope,
                             first_name=first, last_name=last)


def phone_of(browser, live_server, username):
    context = browser.new_context(locale="id-ID", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.base_url = live_server.url
    login(page, username, PASSWORD)
    page.wait_for_url(page.base_url + "/")
    return page


def test_program_to_paid_line_and_receipt_list(page, browser, live_server, screenshot):
    orgs = make_organisations()
    rina = staff("rina", Role.OPERATOR, Scope.ORGANISATION, "Rina", "Kusumawati", orgs["dinsos"])
    staff("bambang", Role.KEPALA_BIDANG, Scope.ORGANISATION, "Bambang", "Sugiarto", orgs["dinsos"])
    sri = make_person(rina, "Sri Rahayu", domicile_kelurahan=Region.objects.get(code="35.73.02.1004"))
    people_services.add_disability(person=sri, by=rina, type="physical", severity="severe")
    make_person(rina, "Bukan Penerima")  # no disability, no domicile: not on the eligible list

    # The operator sets up the program with its rules ...
    login(page, "rina", PASSWORD)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/aid/programs/new/")
    page.get_by_test_id("field-code").fill("aspd-2026")
    page.get_by_test_id("field-name").fill("ASPD")
    page.get_by_test_id("field-kind").select_option("cash")
    page.get_by_test_id("field-funding_source").select_option(label="APBD I (Provinsi Jawa Timur)")
    page.get_by_test_id("field-budget").fill("9000000")
    page.get_by_test_id("field-benefit_amount").fill("900000")
    page.get_by_test_id("field-frequency").select_option("monthly_quarterly")
    page.get_by_test_id("field-rule_severities").select_option(["severe"])
    page.locator("#id_rule_domicile").check()
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/aid/programs/\d+/$"))
    expect(page.get_by_test_id("rules-text")).to_contain_text("Kota Malang")

    # ... finds who is eligible and not enrolled, and proposes Sri.
    page.get_by_test_id("eligible-link").click()
    expect(page.get_by_test_id("eligible-row")).to_have_count(1)
    page.get_by_test_id(f"enrol-{sri.pk}").click()
    page.get_by_test_id("field-bank_name").fill("Bank Jatim")
    page.get_by_test_id("field-account_number").fill("0011223344")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/aid/enrolments/\d+/$"))
    enrolment_url = page.url
    page.get_by_test_id("field-action").select_option("verify")
    page.get_by_test_id("decide").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-status", "verified")

    # The Kepala Bidang approves the enrolment.
    kabid = phone_of(browser, live_server, "bambang")
    kabid.goto(enrolment_url)
    kabid.get_by_test_id("field-action").select_option("approve")
    kabid.get_by_test_id("decide").click()
    expect(kabid.get_by_test_id("status")).to_have_attribute("data-status", "active")

    # The operator creates the cycle: one line, within the budget.
    page.goto(enrolment_url)
    page.goto(page.base_url + "/aid/")
    page.get_by_test_id("program-row").first.click()
    page.get_by_test_id("new-cycle").click()
    page.get_by_test_id("field-name").fill("ASPD 2026 tahap 1")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/aid/cycles/\d+/$"))
    cycle_url = page.url
    expect(page.get_by_test_id("line-count")).to_have_text("1")
    page.get_by_test_id("verify-cycle").click()
    expect(page.get_by_test_id("cycle-status")).to_have_attribute("data-status", "verified")

    kabid.goto(cycle_url)
    kabid.get_by_test_id("approve-cycle").click()
    expect(kabid.get_by_test_id("cycle-status")).to_have_attribute("data-status", "approved")
    kabid.context.close()

    # The transfer is made and recorded; the receipt list is printed.
    page.goto(cycle_url)
    page.get_by_test_id(re.compile(r"^pay-\d+$")).click()
    page.get_by_test_id("field-method").select_option("bank")
    page.get_by_test_id("field-reference").fill("TRF-20260115-001")
    page.get_by_test_id("submit").click()
    page.wait_for_url(cycle_url)
    expect(page.get_by_test_id("line-row")).to_have_attribute("data-status", "paid")
    screenshot("paid")
    csv = page.request.get(live_server.url + page.get_by_test_id("bank-csv").get_attribute("href"))
    assert csv.ok
    pdf = page.request.get(live_server.url + page.get_by_test_id("receipts-pdf").get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
