"""A Peksos registers a person, meets the duplicate warning for another spelling, and links to the existing one."""

import re

import pytest
from playwright.sync_api import expect

from desaku.core.models import Role, Scope
from desaku.core.services import create_staff_user
from desaku.core.testing import make_organisations
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def register(page, full_name: str, birth_year: str):
    page.goto(page.base_url + "/people/register/")
    page.get_by_test_id("field-full_name").fill(full_name)
    page.get_by_test_id("field-sex").select_option("L")
    page.get_by_test_id("field-birth_year").fill(birth_year)
    # Let the live duplicate check finish first: the test server's in-memory SQLite cannot read in one
    # thread while another writes ("database table is locked"); a file database waits instead.
    page.wait_for_load_state("networkidle")
    page.get_by_test_id("submit").click()


def test_register_then_link_the_second_spelling_to_the_existing_person(page, screenshot):
    orgs = make_organisations()
    create_staff_user(username="dewi", password="Rahasia-2026-abc", roles=[Role.PEKSOS],
                      organisation=orgs["dinsos"], data_scope=Scope.OWN, first_name="Dewi", last_name="Lestari")
    login(page, "dewi", "Rahasia-2026-abc")
    page.wait_for_url(page.base_url + "/")

    register(page, "Achmad Sutrisno", "1975")
    page.wait_for_url(re.compile(r"/people/\d+/$"))
    existing_url = page.url
    expect(page.get_by_test_id("person-name")).to_contain_text("Achmad Sutrisno")

    register(page, "Ahmad Sutrisna", "1975")
    candidates = page.get_by_test_id("duplicate-candidates")
    expect(candidates).to_be_visible()
    expect(candidates.get_by_test_id("candidate-name")).to_have_text("Achmad Sutrisno")
    expect(page.get_by_test_id("field-full_name")).to_have_value("Ahmad Sutrisna")  # what was typed is kept
    screenshot("duplicate-warning")
    candidates.get_by_test_id(re.compile(r"^link-existing-\d+$")).click()

    page.wait_for_url(existing_url)
    expect(page.get_by_test_id("person-name")).to_contain_text("Achmad Sutrisno")
    expect(page.get_by_test_id("alias-name")).to_have_text("Ahmad Sutrisna")
    screenshot("linked")
