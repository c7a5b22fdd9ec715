"""The public catalogue: no login, products with prices and how to order, producers named only with their
valid consent, and no other personal data."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from desaku.people import services as people_services
from desaku.people.tests.factories import make_person
from desaku.village import services
from desaku.village.tests.helpers import household, site


def png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="PNG")
    return SimpleUploadedFile("topeng.png", buffer.getvalue())


@pytest.fixture
def products(actors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    by = actors["operator"]
    maker = make_person(by, "Sumarni Pengrajin", nik="3573014107800001", phone="081234567890",
                        domicile_address="Jl. Rahasia No. 9")
    family = people_services.create_household(by=by, head=maker)
    quiet = household(by, "Paimin Pendiam")
    enterprise = services.create_enterprise(site=site(), by=by, name="Sanggar Topeng", kind="group",
                                            households=[family, quiet])
    consent = people_services.record_consent(person=maker, by=by, given_on=date.today() - timedelta(days=3))
    topeng = services.save_product(by=by, enterprise=enterprise, name="Topeng Panji", price=75000, photo=png(),
                                   producer=maker, producer_consent=consent)
    rempeyek = services.save_product(by=by, enterprise=enterprise, name="Rempeyek Kacang", price=15000,
                                     producer=quiet.head)
    hidden = services.save_product(by=by, enterprise=enterprise, name="Produk Uji", price=1000, in_catalogue=False)
    return {"topeng": topeng, "rempeyek": rempeyek, "hidden": hidden, "consent": consent, "maker": maker}


@pytest.mark.django_db
def test_the_catalogue_is_public_and_names_only_consenting_producers(products):
    response = Client().get(reverse("village:catalogue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Topeng Panji" in html and "Rempeyek Kacang" in html and "Produk Uji" not in html
    assert "Sumarni Pengrajin" in html  # consented
    assert "Paimin Pendiam" not in html  # no consent
    for private in ("3573014107800001", "081234567890", "Jl. Rahasia", "DSK-"):
        assert private not in html
    photo = Client().get(reverse("village:catalogue_photo", args=[products["topeng"].pk]))
    assert photo.status_code == 200
    assert Client().get(reverse("village:catalogue_photo", args=[products["hidden"].pk])).status_code == 404


@pytest.mark.django_db
def test_a_withdrawn_consent_removes_the_name(actors, products):
    people_services.withdraw_consent(consent=products["consent"], by=actors["operator"], withdrawn_on=date.today(),
                                     reason="tidak mau")
    html = Client().get(reverse("village:catalogue")).content.decode()
    assert "Topeng Panji" in html and "Sumarni Pengrajin" not in html


@pytest.mark.django_db
def test_a_consent_must_be_the_producers_own(actors, products):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.save_product(by=actors["operator"], product=products["rempeyek"],
                              producer_consent=products["consent"])
