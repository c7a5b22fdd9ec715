"""Create a batch → enrol from the registry → take attendance on the grid → final scores → complete the batch →
certificate PDF → the public verification page shows the certificate number, without personal data."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from desaku.core.models import PPKSCategory, Role, Scope
from desaku.core.services import create_staff_user
from desaku.core.testing import make_organisations
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person
from desaku.training.models import Course
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Rahasia-2026-abc"


def test_batch_to_a_verified_certificate(page, live_server, screenshot):
    orgs = make_organisations()
    rina = create_staff_user(username="rina", password=PASSWORD, roles=[Role.OPERATOR], organisation=orgs["dinsos"],
                             data_scope=Scope.ORGANISATION, first_name="Rina", last_name="Kusumawati")
    sumiati = make_person(rina, "Sumiati Trainee", sex="P", birth_year=1988)
    people_services.classify(person=sumiati, by=rina, category=PPKSCategory.objects.get(code="PPKS-24"),
                             valid_from=date(2024, 1, 1))
    course = Course.objects.get(name="Menjahit Dasar")
    today = date.today().isoformat()

    # The operator creates a one-day batch of the sewing course ...
    login(page, "rina", PASSWORD)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/training/batches/new/")
    page.get_by_test_id("field-course").select_option(str(course.pk))
    page.get_by_test_id("field-name").fill("Menjahit Angkatan Uji")
    page.get_by_test_id("field-provider_name").fill("Dinas Sosial Kota Malang")
    page.get_by_test_id("field-location").fill("Aula Dinas Sosial")
    page.get_by_test_id("field-start_date").fill(today)
    page.get_by_test_id("field-end_date").fill(today)
    for day in range(1, 8):
        page.locator(f"input[name=weekdays][value='{day}']").check()
    page.get_by_test_id("field-capacity").fill("10")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/training/batches/\d+/$"))
    batch_url = page.url
    expect(page.get_by_test_id("session-row")).to_have_count(1)
    page.get_by_test_id("status-open").click()
    expect(page.get_by_test_id("batch-status")).to_have_text(re.compile(".+"))

    # ... enrols a woman found in the registry (eligible: Fakir Miskin, adult) ...
    page.get_by_test_id("enrol-link").click()
    page.get_by_test_id("search-q").fill("Sumiati")
    page.get_by_test_id("search-submit").click()
    expect(page.get_by_test_id("candidate-name")).to_have_text("Sumiati Trainee")
    page.get_by_test_id(f"enrol-{sumiati.pk}").click()
    page.wait_for_url(batch_url)
    expect(page.get_by_test_id("participant-name")).to_have_text("Sumiati Trainee")
    page.get_by_test_id("status-running").click()
    page.wait_for_url(batch_url)

    # ... takes the attendance on the grid (one tap per row, one submit) ...
    page.get_by_test_id("attendance-link").click()
    page.wait_for_url(re.compile(r"/attendance/$"))
    enrolment_id = sumiati.training_enrolments.get().pk
    page.get_by_test_id(f"mark-{enrolment_id}-present").check()
    screenshot("attendance")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id(f"pct-{enrolment_id}")).to_have_text(re.compile(r"^100"))

    # ... gives the final score and completes the batch by the course rule.
    page.goto(batch_url)
    page.get_by_test_id("scores-link").click()
    page.get_by_test_id(f"score-{enrolment_id}").fill("85")
    page.get_by_test_id("submit").click()
    page.wait_for_url(batch_url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("status-finished").click()
    page.wait_for_url(batch_url)
    expect(page.locator("[data-testid=participant-row][data-status=completed]")).to_have_count(1)

    # The certificate PDF is issued and numbered ...
    pdf = page.request.get(live_server.url + page.get_by_test_id(f"certificate-{enrolment_id}").get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    page.reload()
    number = page.get_by_test_id("certificate-number").inner_text()
    assert number.endswith(str(date.today().year))
    verify_path = page.get_by_test_id("certificate-verify-link").get_attribute("href")

    # ... and whoever scans its QR code sees the number, without logging in and without personal data.
    page.context.clear_cookies()
    page.goto(live_server.url + verify_path)
    expect(page.get_by_test_id("letter-number")).to_have_text(number)
    expect(page.get_by_test_id("letter-verification")).not_to_contain_text("Sumiati")
    screenshot("verified")
