"""Karang Werdha Berprestasi: the secretariat creates the round → sets criteria (a wrong total is refused) →
adds groups and jurors → opens scoring → enters the jury's sheets; the Kepala Bidang finalises → the ranking
is fixed → the winner's certificate PDF → the public verification page shows its number."""

import re

import pytest
from playwright.sync_api import expect

from desaku.community import services
from desaku.core.models import Role, Scope
from desaku.core.services import create_staff_user
from desaku.core.testing import make_organisations
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Rahasia-2026-abc"
PHONE = {"width": 390, "height": 844}
CRITERIA = [("Kelembagaan", "40"), ("Kesehatan lansia", "35"), ("Usaha ekonomi", "25")]


def staff(username, role, scope, first, last, org):
    return create_staff_user(username=username, password=PASSWORD, roles=[role], organisation=org, data_scope=scope,
                             first_name=first, last_name=last)


def test_award_round_to_a_verified_certificate(page, browser, live_server, screenshot):
    orgs = make_organisations()
    rina = staff("rina", Role.OPERATOR, Scope.ORGANISATION, "Rina", "Kusumawati", orgs["dinsos"])
    staff("bambang", Role.KEPALA_BIDANG, Scope.ORGANISATION, "Bambang", "Sugiarto", orgs["dinsos"])
    mawar = services.create_organisation(by=rina, kind="karang_werdha", name="Karang Werdha Mawar Sukun")
    melati = services.create_organisation(by=rina, kind="karang_werdha", name="Karang Werdha Melati Lowokwaru")

    # The secretariat creates the round ...
    login(page, "rina", PASSWORD)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/community/awards/new/")
    page.get_by_test_id("field-year").fill("2026")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/community/awards/\d+/criteria/$"))
    round_url = page.url.replace("criteria/", "")

    # ... the criteria must weigh 100 in all: 90 is refused, 100 is saved.
    for i, (name, weight) in enumerate(CRITERIA):
        page.get_by_test_id(f"field-name_{i}").fill(name)
        page.get_by_test_id(f"field-weight_{i}").fill(weight)
    page.get_by_test_id("field-weight_2").fill("15")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("criteria-error")).to_be_visible()
    page.get_by_test_id("field-weight_2").fill("25")
    page.get_by_test_id("submit").click()
    page.wait_for_url(round_url)
    expect(page.get_by_test_id("weight-total")).to_contain_text("100")

    # ... adds the groups and two jurors, one of whom belongs to Mawar, and opens scoring.
    for group in (mawar, melati):
        page.get_by_test_id("field-group").select_option(str(group.pk))
        page.get_by_test_id("add-entry").click()
        page.wait_for_url(round_url)
    page.get_by_test_id("field-name").fill("Dr. Umi Salamah")
    page.get_by_test_id("add-juror").click()
    page.wait_for_url(round_url)
    page.get_by_test_id("field-name").fill("Mbah Sumarni")
    page.get_by_test_id("field-affiliated_group").select_option(str(mawar.pk))
    page.get_by_test_id("add-juror").click()
    page.wait_for_url(round_url)
    page.get_by_test_id("open-scoring").click()
    page.wait_for_url(round_url)
    expect(page.get_by_test_id("round-status")).to_have_attribute("data-status", "scoring")

    # The jury's sheets: Mawar scores higher; the insider juror gets no field for Mawar.
    for juror in services.AwardJuror.objects.order_by("pk"):
        page.get_by_test_id(f"score-sheet-{juror.pk}").click()
        page.wait_for_url(re.compile(r"/scores/$"))
        inputs = page.locator("input[data-testid^='s_']")
        if juror.affiliated_group_id:
            expect(page.get_by_test_id("conflict").first).to_be_visible()
        for k in range(inputs.count()):
            box = inputs.nth(k)
            entry_id = int(box.get_attribute("data-testid").split("_")[1])
            box.fill("88" if entry_id == services.AwardEntry.objects.get(group=mawar).pk else "71.5")
        screenshot(f"sheet-{juror.pk}")
        page.get_by_test_id("submit").click()
        page.wait_for_url(round_url)
    expect(page.get_by_test_id("finalise")).to_have_count(0)  # the operator may not finalise
    page.context.clear_cookies()

    # The Kepala Bidang finalises; the ranking is fixed and the winner's certificate is issued.
    login(page, "bambang", PASSWORD)
    page.wait_for_url(page.base_url + "/")
    page.goto(round_url)
    page.get_by_test_id("finalise").click()
    page.wait_for_url(round_url)
    expect(page.get_by_test_id("round-status")).to_have_attribute("data-status", "finalised")
    expect(page.get_by_test_id("rank-group").first).to_have_text("Karang Werdha Mawar Sukun")
    expect(page.get_by_test_id("rank-total").first).to_have_text(re.compile(r"^88[,.]000$"))
    href = page.get_by_test_id("certificate-1").get_attribute("href")
    pdf = page.request.get(live_server.url + href)
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    page.reload()
    number = page.get_by_test_id("certificate-number-1").inner_text()
    assert number.endswith("2026")
    verify_path = page.get_by_test_id("verify-link-1").get_attribute("href")
    screenshot("ranking")

    # Whoever scans the QR code sees the number without logging in.
    page.context.clear_cookies()
    page.goto(live_server.url + verify_path)
    expect(page.get_by_test_id("letter-number")).to_have_text(number)
    screenshot("verified")
