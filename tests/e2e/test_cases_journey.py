"""A Peksos on a phone: open a case for a registered child → plan with a goal and a dated action (a task) →
a service delivered → a referral to a UPT, sent, whose letter is a PDF → the case closed with an exit
destination."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from desaku.cases.models import Case, ServiceType
from desaku.core.models import ExitDestination, Institution, InstitutionType, Role, Scope, Task
from desaku.core.services import create_staff_user
from desaku.core.testing import make_organisations
from desaku.people.tests.factories import make_person
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Rahasia-2026-abc"


def test_open_plan_serve_refer_close(page, live_server, screenshot):
    orgs = make_organisations()
    dewi = create_staff_user(username="dewi", password=PASSWORD, roles=[Role.PEKSOS], organisation=orgs["dinsos"],
                             data_scope=Scope.OWN, first_name="Dewi", last_name="Lestari")
    child = make_person(dewi, "Rizki Anjal", birth_year=2014)
    upt = Institution(name="UPT Rehabilitasi Sosial Bina Remaja Blitar", type=InstitutionType.UPT_PROVINSI)
    upt.save()
    due = (date.today() + timedelta(days=7)).isoformat()

    login(page, "dewi", PASSWORD)
    page.wait_for_url(page.base_url + "/")

    # Open the case from the registry search.
    page.goto(page.base_url + "/cases/new/")
    page.get_by_test_id("field-q").fill("Rizki")
    page.get_by_test_id("search-submit").click()
    page.get_by_test_id("pick-person").first.click()
    expect(page.get_by_test_id("case-person")).to_have_text("Rizki Anjal")
    page.get_by_test_id("field-case_type").select_option("anak")
    page.get_by_test_id("field-priority").select_option("high")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    case_url = page.url
    case = Case.objects.get(person=child)

    # The plan, a goal, and an action by a date: it becomes a task on the case page.
    page.get_by_test_id("plan-link").click()
    page.get_by_test_id("field-summary").fill("Pendampingan 6 bulan agar kembali sekolah")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/cases/\d+/#plan$"))
    page.get_by_test_id("field-description").fill("Anak kembali bersekolah")
    page.get_by_test_id("goal-submit").click()
    expect(page.get_by_test_id("plan-goal")).to_have_count(1)
    page.get_by_test_id("action-add-link").click()
    page.get_by_test_id("field-description").fill("Daftarkan ke SDN Kauman 1")
    page.get_by_test_id("field-responsible").select_option(str(dewi.pk))
    page.get_by_test_id("field-due_on").fill(due)
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/cases/\d+/#plan$"))
    expect(page.get_by_test_id("case-task")).to_have_count(1)
    assert Task.objects.filter(source__startswith="cases.planaction:", assigned_to=dewi).exists()

    # A service delivered.
    page.get_by_test_id("service-link").click()
    page.get_by_test_id("field-service_type").select_option(str(ServiceType.objects.get(code="konseling").pk))
    page.get_by_test_id("field-provider").fill("Peksos Dinsos")
    page.get_by_test_id("field-quantity").fill("1")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/cases/\d+/#services$"))
    expect(page.get_by_test_id("service-row")).to_have_count(1)
    screenshot("case")

    # A referral to the UPT, sent; its letter is a PDF.
    page.get_by_test_id("referral-link").click()
    page.get_by_test_id("field-institution").select_option(str(upt.pk))
    page.get_by_test_id("field-reason").fill("Membutuhkan pembinaan remaja di UPT")
    page.get_by_test_id("field-documents").fill("Hasil asesmen, KK")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/cases/referrals/\d+/$"))
    page.get_by_test_id("referral-send").click()
    page.wait_for_url(re.compile(r"/cases/referrals/\d+/$"))
    pdf = page.request.get(live_server.url + page.get_by_test_id("letter-download").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    assert case.referrals.get().letter.number.endswith(str(date.today().year))

    # Close the case with an exit destination and a reason.
    page.goto(case_url)
    page.get_by_test_id("close-link").click()
    page.get_by_test_id("field-exit_destination").select_option(
        str(ExitDestination.objects.get(code="family_permanent").pk))
    page.get_by_test_id("field-closure_reason").fill("Anak kembali sekolah dan tinggal bersama ibu")
    page.get_by_test_id("submit").click()
    page.wait_for_url(case_url)
    expect(page.get_by_test_id("exit-destination")).to_be_visible()
    case.refresh_from_db()
    assert (case.status, case.exit_destination.code) == ("closed", "family_permanent")
    screenshot("closed")
