"""A product names its producer (a member of one of the enterprise's households) and the producer's consent to
be named in the public catalogue, on the product screens and over the API. The consent must be the producer's
own and valid when chosen; the catalogue names the producer only then, and no longer once it is withdrawn."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from desaku.people import services as people_services
from desaku.people.tests.factories import make_person
from desaku.village import services
from desaku.village.models import Product
from desaku.village.tests.helpers import client_for, household, site

API = "/api/v1/"


@pytest.fixture
def shop(actors):
    by = actors["operator"]
    makers = household(by, "Sumarni Pengrajin")
    partner = household(by, "Paimin Penjahit")
    maker, other = makers.head, partner.head
    enterprise = services.create_enterprise(site=site(), by=by, name="Sanggar Topeng", kind="group",
                                            households=[makers, partner])
    today = timezone.localdate()
    consent = people_services.record_consent(person=maker, by=by, given_on=today - timedelta(days=5),
                                             note="Bersedia namanya di katalog")
    others_consent = people_services.record_consent(person=other, by=by, given_on=today - timedelta(days=5))
    expired = people_services.record_consent(person=maker, by=by, given_on=date(2016, 1, 1),
                                             valid_until=date(2016, 12, 31))
    withdrawn = people_services.record_consent(person=maker, by=by, given_on=today - timedelta(days=30))
    people_services.withdraw_consent(consent=withdrawn, by=by, withdrawn_on=today, reason="tidak mau")
    product = services.save_product(by=by, enterprise=enterprise, name="Topeng Panji", price=75000)
    outsider = make_person(by, "Orang Luar", birth_year=1980)
    return {"enterprise": enterprise, "maker": maker, "other": other, "consent": consent, "expired": expired,
            "withdrawn": withdrawn, "others_consent": others_consent, "product": product, "outsider": outsider}



def catalogue_html():
    return Client().get(reverse("village:catalogue")).content.decode()


def form_data(**extra):
    return {"name": "Topeng Panji", "description": "", "unit_label": "pcs", "price": "75000", "in_catalogue": "on",
            "active": "on", **extra}


# -------------------------------------------------------------------------------------------- screens


@pytest.mark.django_db
def test_the_product_form_names_the_producer_with_their_consent(actors, shop):
    client = client_for(actors["operator"])
    url = reverse("village:product_edit", args=[shop["product"].pk])
    page = client.get(url).content.decode()
    assert 'name="producer"' in page and 'name="producer_consent"' in page
    assert "Orang Luar" not in page  # not a member of the enterprise's households
    assert f'value="{shop["withdrawn"].pk}"' not in page and f'value="{shop["expired"].pk}"' not in page
    assert "Sumarni Pengrajin" not in catalogue_html()
    saved = client.post(url, form_data(producer=shop["maker"].pk, producer_consent=shop["consent"].pk))
    assert saved.status_code == 302
    product = Product.objects.get(pk=shop["product"].pk)
    assert (product.producer, product.producer_consent) == (shop["maker"], shop["consent"])
    assert "Sumarni Pengrajin" in catalogue_html()
    # The form shows the choice again on the next edit.
    page = client.get(url).content.decode()
    assert f'<option value="{shop["consent"].pk}" selected' in page


@pytest.mark.django_db
def test_the_form_refuses_another_persons_consent_and_unusable_ones(actors, shop):
    client = client_for(actors["operator"])
    url = reverse("village:product_edit", args=[shop["product"].pk])
    mixed = client.post(url, form_data(producer=shop["maker"].pk, producer_consent=shop["others_consent"].pk))
    assert mixed.status_code == 200 and "producer_consent" in mixed.context["form"].errors
    withdrawn = client.post(url, form_data(producer=shop["maker"].pk, producer_consent=shop["withdrawn"].pk))
    assert withdrawn.status_code == 200 and "producer_consent" in withdrawn.context["form"].errors
    outsider = client.post(url, form_data(producer=shop["outsider"].pk))
    assert outsider.status_code == 200 and "producer" in outsider.context["form"].errors
    product = Product.objects.get(pk=shop["product"].pk)
    assert product.producer is None and product.producer_consent is None


@pytest.mark.django_db
def test_a_new_product_with_a_producer_without_consent_is_not_named(actors, shop):
    client = client_for(actors["operator"])
    created = client.post(reverse("village:product_create", args=[shop["enterprise"].pk]),
                          form_data(name="Bros Kain", producer=shop["other"].pk))
    assert created.status_code == 302
    product = Product.objects.get(name="Bros Kain")
    assert product.producer == shop["other"] and product.producer_consent is None
    html = catalogue_html()
    assert "Bros Kain" in html and "Paimin Penjahit" not in html


# ------------------------------------------------------------------------------------------------- API


@pytest.mark.django_db
def test_the_api_writes_products_with_producer_and_consent(actors, shop):
    client = client_for(actors["operator"])
    created = client.post(API + "village-products/", {
        "enterprise": shop["enterprise"].pk, "name": "Rengginang", "price": "15000", "producer": shop["maker"].pk,
        "producer_consent": shop["consent"].pk}, content_type="application/json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["producer"], data["producer_consent"], data["producer_named"]) == (
        shop["maker"].pk, shop["consent"].pk, True)
    assert "Sumarni Pengrajin" in catalogue_html()
    path = API + f"village-products/{data['id']}/"
    price = client.patch(path, {"price": "17500"}, content_type="application/json")
    assert price.status_code == 200 and price.json()["price"] == "17500" and price.json()["producer_named"]
    for consent, field in ((shop["others_consent"], "producer_consent"), (shop["expired"], "producer_consent"),
                           (shop["withdrawn"], "producer_consent")):
        refused = client.patch(path, {"producer_consent": consent.pk}, content_type="application/json")
        assert refused.status_code == 400 and field in refused.json(), refused.json()
    refused = client.patch(path, {"producer": shop["outsider"].pk}, content_type="application/json")
    assert refused.status_code == 400 and "producer" in refused.json()
    assert Product.objects.get(pk=data["id"]).producer_consent == shop["consent"]
    cleared = client.patch(path, {"producer": None}, content_type="application/json")
    assert cleared.status_code == 200 and cleared.json()["producer_consent"] is None
    assert "Sumarni Pengrajin" not in catalogue_html()


@pytest.mark.django_db
def test_the_api_refuses_bad_products_and_producers_out_of_scope(actors, shop):
    operator = client_for(actors["operator"])
    before = Product.objects.count()
    for data, field in (({"name": "X", "price": "-1"}, "price"), ({"name": "", "price": "1"}, "name"),
                        ({"name": "X", "price": "1", "enterprise": 999999}, "enterprise"),
                        ({"name": "X", "price": "1", "producer_consent": shop["consent"].pk}, "producer_consent")):
        response = operator.post(API + "village-products/", {"enterprise": shop["enterprise"].pk, **data},
                                 content_type="application/json")
        assert response.status_code == 400 and field in response.json(), (data, response.json())
    # The Peksos (own scope) cannot see the maker: the id reads as unknown.
    hidden = client_for(actors["peksos"]).post(API + "village-products/", {
        "enterprise": shop["enterprise"].pk, "name": "X", "price": "1", "producer": shop["maker"].pk},
        content_type="application/json")
    assert hidden.status_code == 400 and "producer" in hidden.json()
    for name in ("pendamping", "lks_a", "auditor"):
        assert client_for(actors[name]).post(API + "village-products/", {
            "enterprise": shop["enterprise"].pk, "name": "X", "price": "1"},
            content_type="application/json").status_code == 403
    assert Product.objects.count() == before


@pytest.mark.django_db
def test_a_reader_sees_the_producer_only_within_scope(actors, shop):
    services.save_product(by=actors["operator"], product=shop["product"], producer=shop["maker"],
                          producer_consent=shop["consent"])
    path = API + f"village-products/{shop['product'].pk}/"
    assert client_for(actors["operator"]).get(path).json()["producer"] == shop["maker"].pk
    seen = client_for(actors["lks_a"]).get(path).json()
    assert seen["producer"] is None and seen["producer_consent"] is None and seen["producer_named"] is True


# -------------------------------------------------------------------------------------------- service


@pytest.mark.django_db
def test_a_consent_withdrawn_later_keeps_the_product_editable_but_unnamed(actors, shop):
    by = actors["operator"]
    product = services.save_product(by=by, product=shop["product"], producer=shop["maker"],
                                    producer_consent=shop["consent"])
    people_services.withdraw_consent(consent=shop["consent"], by=by, withdrawn_on=timezone.localdate(),
                                     reason="berubah pikiran")
    services.save_product(by=by, product=Product.objects.get(pk=product.pk), price=80000)
    assert Product.objects.get(pk=product.pk).price == 80000
    assert "Sumarni Pengrajin" not in catalogue_html()
    with pytest.raises(ValidationError) as refused:
        services.save_product(by=by, product=Product.objects.get(pk=product.pk), producer_consent=shop["expired"])
    assert "producer_consent" in refused.value.message_dict
