"""Dates of things that happened are never in the future, and nothing about an occupancy is dated before the
household moved in: residence checks, the end of an occupancy, sales, production and inventory checks. The
services refuse them with a field error; the forms say so before."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from desaku.people.models import Household
from desaku.village import forms, services
from desaku.village.models import InventoryCheck, InventoryItem, ResidenceCheck
from desaku.village.tests.helpers import a_round, accepted, nominated, site, unit

pytestmark = pytest.mark.django_db


def tomorrow():
    return timezone.localdate() + timedelta(days=1)


@pytest.fixture
def living(actors, lks_org):
    candidate = accepted(nominated(a_round(), actors["operator"]), actors["peksos"], lks_org, actors["kemensos"])
    occupancy = services.allocate(candidate=candidate, unit=unit(), by=actors["operator"], on=date(2016, 11, 1))
    return services.move_in(occupancy=occupancy, by=actors["operator"], on=date(2016, 11, 12))


def field_of(exc):
    return set(exc.value.error_dict)


def test_a_residence_check_is_not_in_the_future_nor_before_the_move_in(actors, living):
    op = actors["operator"]
    for day in (tomorrow(), date(2016, 11, 11)):
        with pytest.raises(ValidationError) as exc:
            services.record_residence_check(occupancy=living, by=op, checked_on=day, living_there=True)
        assert field_of(exc) == {"checked_on"}
    assert not ResidenceCheck.objects.exists()
    services.record_residence_check(occupancy=living, by=op, checked_on=date(2016, 11, 12), living_there=True)


def test_an_occupancy_does_not_end_in_the_future_nor_before_the_move_in(actors, living):
    for day in (tomorrow(), date(2016, 11, 5)):
        with pytest.raises(ValidationError) as exc:
            services.end_occupancy(occupancy=living, by=actors["kabid"], reason="moved_out", on=day)
        assert field_of(exc) == {"ended_on"}
    living.refresh_from_db()
    assert living.status == "active" and living.ended_on is None
    living.candidate.refresh_from_db()
    assert living.candidate.status == "accepted"


def test_a_move_in_is_not_in_the_future(actors, lks_org):
    candidate = accepted(nominated(a_round(), actors["operator"]), actors["peksos"], lks_org, actors["kemensos"])
    occupancy = services.allocate(candidate=candidate, unit=unit(), by=actors["operator"])
    with pytest.raises(ValidationError) as exc:
        services.move_in(occupancy=occupancy, by=actors["operator"], on=tomorrow())
    assert field_of(exc) == {"move_in_date"}


@pytest.fixture
def product(actors, living):
    enterprise = services.create_enterprise(site=site(), by=actors["operator"], name="Rempeyek", kind="household",
                                            households=[living.household])
    return services.save_product(by=actors["operator"], enterprise=enterprise, name="Rempeyek kacang", price=15000)


def test_sales_and_production_are_not_in_the_future(actors, product):
    op = actors["operator"]
    with pytest.raises(ValidationError) as exc:
        services.record_sale(product=product, by=op, sold_on=tomorrow(), quantity=1)
    assert field_of(exc) == {"sold_on"}
    with pytest.raises(ValidationError) as exc:
        services.record_production(product=product, by=op, produced_on=tomorrow(), quantity=5)
    assert field_of(exc) == {"produced_on"}
    assert not product.sales.exists() and not product.production.exists()
    services.record_sale(product=product, by=op, sold_on=timezone.localdate(), quantity=1)
    services.record_production(product=product, by=op, produced_on=timezone.localdate(), quantity=5)


def test_the_forms_refuse_a_future_date():
    future = tomorrow().isoformat()
    cases = [(forms.CheckForm, {"checked_on": future, "living_there": "on"}, "checked_on"),
             (forms.EndForm, {"reason": "moved_out", "on": future}, "on"),
             (forms.MoveInForm, {"move_in_date": future}, "move_in_date"),
             (forms.ProductionForm, {"produced_on": future, "quantity": 3}, "produced_on"),
             (forms.InventoryCheckForm, {"on": future, "condition": "good"}, "on")]
    for form_class, data, field in cases:
        form = form_class(data)
        assert not form.is_valid() and field in form.errors, form_class
        today = dict(data, **{field: timezone.localdate().isoformat()})
        assert form_class(today).is_valid(), (form_class, form_class(today).errors)
    sale = forms.SaleForm({"sold_on": future, "quantity": 1, "buyer_kind": "visitor"},
                          households=Household.objects.none())
    assert not sale.is_valid() and "sold_on" in sale.errors


def test_an_inventory_check_has_its_date(actors):
    item = InventoryItem.objects.filter(unit=unit("01A")).first()
    with pytest.raises(ValidationError) as exc:
        services.check_inventory(item=item, by=actors["operator"], condition="minor", on=tomorrow())
    assert field_of(exc) == {"checked_on"}
    assert forms.InventoryCheckForm().fields["on"].initial() == timezone.localdate()
    client = Client()
    client.force_login(actors["operator"])
    url = reverse("village:inventory_check", args=[item.pk])
    assert client.post(url, {"on": tomorrow().isoformat(), "condition": "minor"}).status_code == 200
    assert not InventoryCheck.objects.exists()
    response = client.post(url, {"on": "2017-03-02", "condition": "minor", "note": "kaki meja goyah"})
    assert response.status_code == 302
    check = InventoryCheck.objects.get()
    assert check.checked_on == date(2017, 3, 2) and check.condition == "minor"
