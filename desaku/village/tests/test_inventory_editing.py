"""A unit's inventory is added, edited and removed in the UI and the API, each change with its reason in the
history; only the program office (who also checks the inventory) may change it."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from desaku.village import services_program
from desaku.village.models import InventoryCheck, InventoryItem
from desaku.village.tests.helpers import unit


@pytest.mark.django_db
def test_add_edit_remove_in_the_ui_with_history(actors):
    client = Client()
    client.force_login(actors["operator"])
    house = unit("02B")
    before = house.inventory.count()
    response = client.post(reverse("village:inventory_create", args=[house.pk]), {
        "name": "Kipas angin", "quantity": "2", "condition": "good", "reason": "Bantuan CSR"})
    assert response.status_code == 302
    item = house.inventory.get(name="Kipas angin")
    assert item.quantity == 2 and house.inventory.count() == before + 1
    client.post(reverse("village:inventory_edit", args=[item.pk]), {
        "name": "Kipas angin", "quantity": "1", "condition": "minor", "reason": "Satu rusak"})
    item.refresh_from_db()
    assert (item.quantity, item.condition) == (1, "minor")
    response = client.post(reverse("village:inventory_remove", args=[item.pk]), {"reason": "Hilang"})
    assert response.status_code == 302 and not house.inventory.filter(name="Kipas angin").exists()
    rows = list(InventoryItem.history.filter(id=item.pk).order_by("history_date", "history_id").values_list(
        "history_type", "history_change_reason", "history_user"))
    user = actors["operator"].pk
    assert rows == [("+", "Bantuan CSR", user), ("~", "Satu rusak", user), ("-", "Hilang", user)]
    page = client.get(reverse("village:unit_detail", args=[house.pk])).content.decode()
    assert "Hilang" in page and "Bantuan CSR" in page


@pytest.mark.django_db
def test_a_removed_item_takes_its_checks_along_and_needs_a_reason(actors):
    item = unit("03A").inventory.first()
    from desaku.village import services

    services.check_inventory(item=item, by=actors["operator"], condition="major", note="Retak")
    with pytest.raises(ValidationError) as exc:
        services_program.remove_inventory_item(item=item, by=actors["operator"], reason="")
    assert "reason" in exc.value.error_dict
    pk, check_pk = item.pk, item.checks.get().pk
    services_program.remove_inventory_item(item=item, by=actors["operator"], reason="Rusak berat")
    assert not InventoryItem.objects.filter(pk=pk).exists() and not InventoryCheck.objects.filter(pk=check_pk).exists()
    assert InventoryItem.history.filter(id=pk, history_type="-").get().history_change_reason == "Rusak berat"


@pytest.mark.django_db
@pytest.mark.parametrize("fields, field", [
    ({"name": "", "quantity": 1, "condition": "good"}, "name"),
    ({"name": "Kasur", "quantity": 0, "condition": "good"}, "quantity"),
    ({"name": "Kasur", "quantity": 1, "condition": "shiny"}, "condition"),
])
def test_bad_items_are_refused(actors, fields, field):
    with pytest.raises(ValidationError) as exc:
        services_program.add_inventory_item(unit=unit("04A"), by=actors["operator"], **fields)
    assert field in exc.value.error_dict


@pytest.mark.django_db
def test_only_the_program_office_changes_the_inventory(actors):
    with pytest.raises(ValidationError):
        services_program.add_inventory_item(unit=unit("04A"), by=actors["lks_a"], name="Kasur")
    client = Client()
    client.force_login(actors["pendamping"])
    assert client.post(reverse("village:inventory_create", args=[unit("04A").pk]), {
        "name": "Kasur", "quantity": "1", "condition": "good"}).status_code == 403


@pytest.mark.django_db
def test_the_api_adds_changes_and_removes_items(actors):
    client = Client()
    client.force_login(actors["operator"])
    house = unit("05A")
    created = client.post(f"/api/v1/village-units/{house.pk}/inventory/", {"name": "Rak piring", "quantity": 1},
                          content_type="application/json")
    assert created.status_code == 201
    item_id = created.json()["id"]
    changed = client.patch(f"/api/v1/village-units/{house.pk}/inventory/{item_id}/",
                           {"condition": "minor", "reason": "Engsel lepas"}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["condition"] == "minor"
    assert changed.json()["name"] == "Rak piring"
    bad = client.post(f"/api/v1/village-units/{house.pk}/inventory/", {"name": "Rak", "quantity": 0},
                      content_type="application/json")
    assert bad.status_code == 400 and "quantity" in bad.json()
    no_reason = client.delete(f"/api/v1/village-units/{house.pk}/inventory/{item_id}/", {},
                              content_type="application/json")
    assert no_reason.status_code == 400
    removed = client.delete(f"/api/v1/village-units/{house.pk}/inventory/{item_id}/", {"reason": "Dipindah"},
                            content_type="application/json")
    assert removed.status_code == 204 and not InventoryItem.objects.filter(pk=item_id).exists()
    other = unit("05B").inventory.first()
    assert client.patch(f"/api/v1/village-units/{house.pk}/inventory/{other.pk}/", {"quantity": 2},
                        content_type="application/json").status_code == 404
    listed = client.get(f"/api/v1/village-units/{house.pk}/").json()["inventory"]
    assert all("id" in row for row in listed)
