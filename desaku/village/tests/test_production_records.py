"""Production records are shown: recorded from the enterprise page, listed there and on the production list
(filtered by enterprise and month), and exported to Excel with the same filters, every export logged."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from desaku.core.models import AccessLogEntry
from desaku.village import services
from desaku.village.tests.helpers import site, workbook_rows


def _products(by):
    topeng = services.create_enterprise(site=site(), by=by, name="Sanggar Topeng", kind="group")
    rempeyek = services.create_enterprise(site=site(), by=by, name="Rempeyek Barokah", kind="group")
    mask = services.save_product(by=by, enterprise=topeng, name="Topeng Panji", unit_label="buah",
                                 price=Decimal(75000))
    snack = services.save_product(by=by, enterprise=rempeyek, name="Rempeyek kacang", unit_label="bungkus",
                                  price=Decimal(15000))
    return topeng, mask, snack


@pytest.mark.django_db
def test_production_is_recorded_and_shown_on_the_enterprise_page(actors):
    operator = actors["operator"]
    topeng, mask, snack = _products(operator)
    client = Client()
    client.force_login(operator)
    response = client.post(reverse("village:production_create", args=[mask.pk]),
                           {"produced_on": "2017-03-02", "quantity": "12", "note": "Topeng Panji"})
    assert response.status_code == 302
    bad = client.post(reverse("village:production_create", args=[mask.pk]), {"produced_on": "2017-03-02",
                                                                             "quantity": "0"})
    assert bad.status_code == 200 and mask.production.count() == 1
    services.record_production(product=snack, by=operator, produced_on=date(2017, 3, 5), quantity=40)
    page = client.get(reverse("village:enterprise_detail", args=[topeng.pk])).content.decode()
    assert page.count('data-testid="production-row"') == 1 and "Topeng Panji ×12" in page


@pytest.mark.django_db
def test_production_list_and_export_follow_the_filters(actors):
    operator = actors["operator"]
    topeng, mask, snack = _products(operator)
    services.record_production(product=mask, by=operator, produced_on=date(2017, 3, 2), quantity=12)
    services.record_production(product=mask, by=operator, produced_on=date(2018, 1, 9), quantity=8)
    services.record_production(product=snack, by=operator, produced_on=date(2017, 3, 5), quantity=40)
    client = Client()
    client.force_login(actors["kadis"])
    page = client.get(reverse("village:production_list"), {"enterprise": topeng.pk}).content.decode()
    assert page.count('data-testid="production-row"') == 2 and "Rempeyek kacang ×" not in page
    table = workbook_rows(client.get(reverse("village:export_production"), {"enterprise": topeng.pk, "month": "2017-03"}))
    assert len(table) == 2 and table[1][3] == "Topeng Panji" and table[1][4] == 12
    assert len(workbook_rows(client.get(reverse("village:export_production")))) == 4
    assert AccessLogEntry.objects.filter(action="export", model_label="village.ProductionRecord").count() == 2
    client.force_login(actors["penjangkauan"])
    assert client.get(reverse("village:export_production")).status_code == 403
