"""An ABH case through a successful diversion: the Peksos opens the case for a registered child → starts the
investigation stage (the deadlines appear) → writes the social report and prints its PDF → records the
musyawarah that reached an agreement with its terms → the agreement goes to the court and the ruling comes →
supervision: a term followed up as fulfilled."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from desaku.core.models import Role, Scope
from desaku.core.services import create_staff_user
from desaku.core.testing import make_organisations
from desaku.people.tests.factories import make_person
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Rahasia-2026-abc"


def ago(days):
    return str(timezone.localdate() - timedelta(days=days))


def test_abh_case_through_a_successful_diversion(page, screenshot):
    orgs = make_organisations()
    dewi = create_staff_user(username="dewi", password=PASSWORD, roles=[Role.PEKSOS], organisation=orgs["dinsos"],
                             data_scope=Scope.OWN, first_name="Dewi", last_name="Lestari")
    born = timezone.localdate().replace(year=timezone.localdate().year - 15) - timedelta(days=40)
    child = make_person(dewi, "Rafi Ardiansyah", birth_date=born, birth_year=born.year)

    login(page, "dewi", PASSWORD)
    page.wait_for_url(page.base_url + "/")

    # Open the ABH case for the registered child.
    page.goto(page.base_url + "/diversion/new/?q=Rafi")
    page.get_by_test_id("pick-person").first.click()
    page.wait_for_url(re.compile(rf"/diversion/new/\?person={child.pk}$"))
    page.get_by_test_id("field-role").select_option("perpetrator")
    page.get_by_test_id("field-offence_on").fill(ago(20))
    page.get_by_test_id("field-offence").fill("Pencurian sepeda motor")
    page.get_by_test_id("field-max_sentence_months").fill("60")
    page.get_by_test_id("field-opened_on").fill(ago(19))
    page.get_by_test_id("field-peksos").select_option(str(dewi.pk))
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/diversion/\d+/$"))
    case_url = page.url
    expect(page.get_by_test_id("diversion-mandatory")).to_have_attribute("data-mandatory", "1")
    expect(page.get_by_test_id("child-name")).to_contain_text("Rafi Ardiansyah")

    # The investigation stage starts: its statutory deadlines appear.
    page.get_by_test_id("stage-start").click()
    page.get_by_test_id("field-kind").select_option("investigation")
    page.get_by_test_id("field-started_on").fill(ago(15))
    page.get_by_test_id("field-social_report_requested_on").fill(ago(14))
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/diversion/\d+/#stages$"))
    stage = page.get_by_test_id("stage-investigation")
    expect(stage.locator("[data-event=social_report_submitted_on]")).to_have_attribute("data-state", "overdue")
    expect(stage.locator("[data-event=diversion_started_on]")).to_have_attribute("data-state", "overdue")

    # The social report, submitted, and its PDF.
    page.get_by_test_id("report-add").click()
    page.get_by_test_id("field-background").fill("Anak tinggal bersama ibu; ayah merantau.")
    page.get_by_test_id("field-recommendation").fill("Diversi dengan pengembalian kepada orang tua.")
    page.get_by_test_id("field-submitted_on").fill(ago(12))
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"#reports$"))
    pdf_url = page.get_by_test_id("report-pdf").get_attribute("href")
    response = page.request.get(page.base_url + pdf_url)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # The musyawarah reaches an agreement; the agreement with its terms.
    page.goto(case_url)
    page.get_by_test_id("deliberation-add").click()
    page.get_by_test_id("field-held_on").fill(ago(10))
    page.get_by_test_id("field-place").fill("Ruang diversi Polresta Malang Kota")
    page.get_by_test_id("field-facilitator").fill("Penyidik Unit PPA")
    page.get_by_test_id("field-result").select_option("agreement")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"#stage-\d+$"))
    expect(page.get_by_test_id("deliberation-row")).to_have_count(1)
    # The musyawarah record is corrected afterwards, with the reason kept in its history.
    page.get_by_test_id("deliberation-edit").click()
    page.get_by_test_id("field-place").fill("Ruang diversi Unit PPA Polresta Malang Kota")
    page.get_by_test_id("field-reason").fill("Nama ruangan diperbaiki")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"#stage-\d+$"))
    expect(page.get_by_test_id("deliberation-row")).to_contain_text("Ruang diversi Unit PPA")
    expect(page.get_by_test_id("corrections")).to_contain_text("Nama ruangan diperbaiki")
    page.get_by_test_id("agreement-add").click()
    page.get_by_test_id("field-agreed_on").fill(ago(10))
    page.get_by_test_id("field-terms").fill("Permintaan maaf kepada korban\nGanti rugi Rp1.500.000")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"#stage-\d+$"))
    expect(page.get_by_test_id("stage-outcome")).to_have_attribute("data-outcome", "agreement")
    expect(page.get_by_test_id("term-row")).to_have_count(2)

    # To the district court, and the ruling.
    page.get_by_test_id("ruling").click()
    page.get_by_test_id("field-agreement_sent_on").fill(ago(8))
    page.get_by_test_id("field-ruling_on").fill(ago(6))
    page.get_by_test_id("field-ruling_number").fill("12/Pid.Sus-Anak/2026/PN Mlg")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"#stage-\d+$"))
    expect(stage.locator("[data-event=ruling_on]")).to_have_attribute("data-state", "done")

    # The signed agreement is attached as a scan; it opens through the logged view.
    page.get_by_test_id("field-kind").select_option("agreement")
    page.get_by_test_id("field-title").fill("Kesepakatan diversi bertanda tangan")
    page.get_by_test_id("field-file").set_input_files(files=[{
        "name": "kesepakatan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% kesepakatan\n"}])
    page.get_by_test_id("document-submit").click()
    page.wait_for_url(re.compile(r"#documents$"))
    expect(page.get_by_test_id("document-row")).to_have_count(1)
    document = page.request.get(page.base_url + page.get_by_test_id("document-link").get_attribute("href"))
    assert document.status == 200 and document.body().startswith(b"%PDF")

    # Supervision of the agreement: the apology is made.
    page.get_by_test_id("term-follow-up").first.click()
    page.get_by_test_id("field-status").select_option("fulfilled")
    page.get_by_test_id("field-follow_up").fill("Surat permintaan maaf diserahkan")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"#supervision$"))
    expect(page.get_by_test_id("term-row").first).to_have_attribute("data-status", "fulfilled")
    screenshot("supervision")
