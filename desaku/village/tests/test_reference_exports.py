"""The exports of the site list and the enterprise list: every site with its figures, every enterprise with its
products, as on the pages (reference data: the same for every village reader; no persons)."""

import pytest
from django.urls import reverse

from desaku.reports.tests.export_checks import client_for, rows_of
from desaku.village import services
from desaku.village.models import Site
from desaku.village.tests.helpers import site

pytestmark = pytest.mark.django_db


def test_sites_export_lists_every_site_with_its_figures(actors):
    rows = rows_of(client_for(actors["kabid"]).get(reverse("village:export_sites")))
    assert [r[0] for r in rows] == list(Site.objects.order_by("id").values_list("code", flat=True))
    tlogowaru = next(r for r in rows if r[0] == site().code)
    assert tlogowaru[7] >= 0 and tlogowaru[8] + tlogowaru[9] == tlogowaru[7]  # occupied + free = units


def test_enterprises_export_lists_enterprises_and_products(actors):
    admin = actors["admin"]
    services.create_enterprise(site=site(), by=admin, name="+Kripik Tempe", kind="group")
    services.create_enterprise(site=site(), by=admin, name="Batik Tlogowaru", kind="group")
    rows = rows_of(client_for(actors["kabid"]).get(reverse("village:export_enterprises")))
    assert [r[1] for r in rows] == ["'+Kripik Tempe", "Batik Tlogowaru"]
    assert client_for(actors["penjangkauan"]).get(reverse("village:export_enterprises")).status_code in (403, 404)
