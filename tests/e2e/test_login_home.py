import pytest

from desaku.core.models import Role, Scope
from desaku.core.services import create_staff_user
from desaku.core.testing import make_organisations
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_staff_logs_in_and_sees_the_dashboard(page, screenshot):
    orgs = make_organisations()
    create_staff_user(username="dewi", password="Rahasia-2026-abc", roles=[Role.PEKSOS],
                      organisation=orgs["dinsos"], data_scope=Scope.OWN, first_name="Dewi", last_name="Lestari")
    login(page, "dewi", "salah-sandi")
    assert page.get_by_role("alert").is_visible()
    login(page, "dewi", "Rahasia-2026-abc")
    page.wait_for_url(page.base_url + "/")
    assert page.get_by_role("heading", name="Dasbor").is_visible()
    assert page.get_by_text("Kelurahan di Kota Malang").is_visible()
    assert "57" in page.locator("[data-testid=card-value]").all_inner_texts()
    screenshot("dashboard")
