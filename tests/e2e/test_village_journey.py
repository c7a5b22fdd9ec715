"""Desaku Menanti on a phone: an operator nominates a household → a Peksos makes the initial selection with an
LKS → the Kemensos reviewer accepts it → the Kepala Bidang allocates a unit and records the move-in → a
mentoring session → an enterprise, its product and a sale → the program record gets a stage with a photo and
the house an inventory item → the public catalogue shows the product."""

import re

import pytest
from playwright.sync_api import expect

from desaku.core.models import Role, Scope
from desaku.core.services import create_staff_user
from desaku.core.testing import make_organisations
from desaku.outreach.tests.helpers import png_bytes
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person
from desaku.village.models import SelectionRound, Site, Unit
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Rahasia-2026-abc"
PHONE = {"width": 390, "height": 844}


def staff(username, role, scope, org):
    return create_staff_user(username=username, password=PASSWORD, roles=[role], organisation=org, data_scope=scope,
                             first_name=username.title())


def phone_of(browser, live_server, username):
    context = browser.new_context(locale="id-ID", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.base_url = live_server.url
    login(page, username, PASSWORD)
    page.wait_for_url(page.base_url + "/")
    return page


def test_nomination_to_a_product_in_the_public_catalogue(page, browser, live_server, screenshot):
    orgs = make_organisations()
    rina = staff("rina", Role.OPERATOR, Scope.ORGANISATION, orgs["dinsos"])
    staff("dewi", Role.PEKSOS, Scope.OWN, orgs["dinsos"])
    tjahjo = staff("tjahjo", Role.PENINJAU_KEMENSOS, Scope.OWN, orgs["kemensos"])
    staff("bambang", Role.KEPALA_BIDANG, Scope.ORGANISATION, orgs["dinsos"])
    site = Site.objects.get(code="tlogowaru")
    SelectionRound(site=site, name="Seleksi 2016", year=2016, quota=40,
                   opened_on=site.stages.first().started_on).save_with_reason(by=rina)
    head = make_person(rina, "Suparman Gepeng", birth_year=1975)
    household = people_services.create_household(by=rina, head=head)
    unit = Unit.objects.get(building__site=site, number="01A")

    # The operator nominates the household directly.
    login(page, "rina", PASSWORD)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + f"/village/candidates/new/?household={household.pk}")
    page.get_by_test_id("field-source").select_option("direct")
    page.get_by_test_id("field-reason").fill("Keluarga pengemis di Alun-alun, bersedia pindah")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/village/candidates/\d+/$"))
    candidate_url = page.url

    # A Peksos scores the checklist with the LKS and sends the file to Kemensos.
    peksos = phone_of(browser, live_server, "dewi")
    peksos.goto(candidate_url)
    peksos.get_by_test_id("initial-link").click()
    peksos.get_by_test_id("field-lks").select_option(str(orgs["lks_a"].pk))
    for key in ("ktp_malang", "gepeng", "family", "willing_live", "willing_training", "no_housing"):
        peksos.locator(f"#id_check_{key}").check()
    peksos.get_by_test_id("field-passed").select_option("1")
    peksos.get_by_test_id("field-reviewer").select_option(str(tjahjo.pk))
    peksos.get_by_test_id("submit").click()
    peksos.wait_for_url(candidate_url)
    expect(peksos.get_by_test_id("score")).to_contain_text("100")

    # The Kemensos reviewer accepts it (and sees no address).
    reviewer = phone_of(browser, live_server, "tjahjo")
    reviewer.goto(candidate_url)
    expect(reviewer.get_by_test_id("address")).to_have_count(0)
    reviewer.get_by_test_id("final-link").click()
    reviewer.get_by_test_id("field-decision").select_option("accepted")
    reviewer.get_by_test_id("field-reasons").fill("Memenuhi seluruh kriteria")
    reviewer.get_by_test_id("submit").click()
    reviewer.wait_for_url(candidate_url)
    screenshot("accepted")

    # The Kepala Bidang allocates unit 01A and records the move-in.
    kabid = phone_of(browser, live_server, "bambang")
    kabid.goto(candidate_url)
    kabid.get_by_test_id("allocate-link").click()
    kabid.get_by_test_id("field-unit").select_option(str(unit.pk))
    kabid.get_by_test_id("submit").click()
    kabid.wait_for_url(re.compile(r"/village/occupancy/\d+/$"))
    kabid.get_by_test_id("move-in-link").click()
    kabid.get_by_test_id("submit").click()
    kabid.wait_for_url(re.compile(r"/village/occupancy/\d+/$"))
    expect(kabid.get_by_test_id("occupancy-status")).to_be_visible()
    expect(kabid.get_by_test_id("move-in-date")).not_to_have_text("–")

    # A business mentoring session for the household.
    kabid.goto(kabid.base_url + "/village/sessions/new/")
    kabid.get_by_test_id("field-kind").select_option("business")
    kabid.get_by_test_id("field-topic").fill("Kualitas dan rasa rempeyek")
    kabid.get_by_test_id(f"households-{household.pk}").check()
    kabid.get_by_test_id("submit").click()
    kabid.wait_for_url(re.compile(r"/village/sessions/\d+/$"))
    expect(kabid.get_by_test_id("attendance")).to_contain_text("Suparman")

    # An enterprise, its product and a sale.
    kabid.goto(kabid.base_url + "/village/enterprises/new/")
    kabid.get_by_test_id("field-name").fill("Sanggar Topeng Uji")
    kabid.get_by_test_id("field-kind").select_option("group")
    kabid.get_by_test_id(f"households-{household.pk}").check()
    kabid.get_by_test_id("submit").click()
    kabid.wait_for_url(re.compile(r"/village/enterprises/\d+/$"))
    kabid.get_by_test_id("new-product").click()
    kabid.get_by_test_id("field-name").fill("Topeng Panji Uji")
    kabid.get_by_test_id("field-price").fill("75000")
    kabid.get_by_test_id("submit").click()
    kabid.wait_for_url(re.compile(r"/village/enterprises/\d+/$"))
    kabid.get_by_test_id("sale-link").click()
    kabid.get_by_test_id("field-quantity").fill("3")
    kabid.get_by_test_id("submit").click()
    kabid.wait_for_url(re.compile(r"/village/enterprises/\d+/$"))
    expect(kabid.get_by_test_id("sale-row").first).to_contain_text("Topeng Panji Uji")

    # The Kepala Bidang adds a stage with its photo to the program record, and a fan to the house.
    kabid.goto(kabid.base_url + f"/village/sites/{site.pk}/")
    kabid.get_by_test_id("stage-new").click()
    kabid.get_by_test_id("field-title").fill("Pelatihan membatik")
    kabid.get_by_test_id("field-started_on").fill("2018-05-02")
    kabid.get_by_test_id("submit").click()
    kabid.wait_for_url(re.compile(r"/village/stages/\d+/documents/new/$"))
    kabid.get_by_test_id("field-file").set_input_files(files=[{"name": "batik.png", "mimeType": "image/png",
                                                              "buffer": png_bytes()}])
    kabid.get_by_test_id("field-caption").fill("Praktik membatik")
    kabid.get_by_test_id("submit").click()
    kabid.wait_for_url(re.compile(rf"/village/sites/{site.pk}/"))
    expect(kabid.get_by_test_id("stages")).to_contain_text("Pelatihan membatik")
    expect(kabid.get_by_test_id("stage-document").filter(has_text="Praktik membatik")).to_have_count(1)
    kabid.goto(kabid.base_url + f"/village/units/{unit.pk}/")
    kabid.get_by_test_id("inventory-new").click()
    kabid.get_by_test_id("field-name").fill("Kipas angin")
    kabid.get_by_test_id("field-reason").fill("Bantuan CSR")
    kabid.get_by_test_id("submit").click()
    kabid.wait_for_url(re.compile(rf"/village/units/{unit.pk}/"))
    expect(kabid.get_by_test_id("inventory")).to_contain_text("Kipas angin")
    expect(kabid.get_by_test_id("inventory-history")).to_contain_text("Bantuan CSR")
    screenshot("program-record")

    # Anyone, without logging in, sees the product in the catalogue, and no personal data.
    visitor = browser.new_context(locale="id-ID", viewport=PHONE).new_page()
    visitor.goto(live_server.url + "/village/catalogue/")
    expect(visitor.get_by_test_id("catalogue-name")).to_contain_text(["Topeng Panji Uji"])
    expect(visitor.locator("body")).not_to_contain_text("Suparman")
