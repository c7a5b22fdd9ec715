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


@pytest.fixture
def second_site(actors, products):
    """A second village with its own how-to-order, a listed product, a hidden one and an unconsented producer."""
    from desaku.village import services_program

    by = actors["operator"]
    batu = services_program.create_site(by=actors["kabid"], code="batu-2027", name="Desaku Menanti Batu",
                                        address="Jl. Oro-oro Ombo", how_to_order="WA Koperasi Batu 0341-555")
    family = household(by, "Wagiman Perajin", phone="081299998888")
    enterprise = services.create_enterprise(site=batu, by=by, name="Kelompok Apel", kind="household",
                                            households=[family])
    keripik = services.save_product(by=by, enterprise=enterprise, name="Keripik Apel", price=20000,
                                    photo=png(), producer=family.head)
    hidden = services.save_product(by=by, enterprise=enterprise, name="Sari Apel Uji", price=5000,
                                   in_catalogue=False)
    return {"site": batu, "keripik": keripik, "hidden": hidden}


def _sections(html):
    """{site name: section html} of the catalogue page."""
    import re

    parts = re.split(r'data-testid="catalogue-site-name">', html)[1:]
    return {part.split("<", 1)[0]: part for part in parts}


@pytest.mark.django_db
def test_every_active_site_has_its_own_section_and_how_to_order(actors, products, second_site):
    html = Client().get(reverse("village:catalogue")).content.decode()
    sections = _sections(html)
    first = products["topeng"].enterprise.site.name
    assert set(sections) == {first, "Desaku Menanti Batu"}
    assert "Keripik Apel" in sections["Desaku Menanti Batu"] and "Topeng Panji" not in sections[
        "Desaku Menanti Batu"]
    assert "Topeng Panji" in sections[first] and "Keripik Apel" not in sections[first]
    assert "WA Koperasi Batu 0341-555" in sections["Desaku Menanti Batu"]
    # Hidden products and producers without consent stay out, on every site.
    for private in ("Sari Apel Uji", "Produk Uji", "Wagiman Perajin", "081299998888", "Paimin Pendiam"):
        assert private not in html
    assert Client().get(reverse("village:catalogue_photo", args=[second_site["keripik"].pk])).status_code == 200
    assert Client().get(reverse("village:catalogue_photo", args=[second_site["hidden"].pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("by_code", [True, False])
def test_the_site_filter_shows_one_site(products, second_site, by_code):
    batu = second_site["site"]
    response = Client().get(reverse("village:catalogue"), {"site": batu.code if by_code else batu.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert list(_sections(html)) == ["Desaku Menanti Batu"]
    assert "Keripik Apel" in html and "Topeng Panji" not in html
    assert Client().get(reverse("village:catalogue"), {"site": "tidak-ada"}).status_code == 404


@pytest.mark.django_db
def test_an_inactive_site_leaves_the_catalogue(actors, products, second_site):
    from desaku.village import services_program

    services_program.update_site(site=second_site["site"], by=actors["kabid"], active=False, reason="ditutup")
    html = Client().get(reverse("village:catalogue")).content.decode()
    assert "Keripik Apel" not in html and "Topeng Panji" in html
    assert Client().get(reverse("village:catalogue"), {"site": "batu-2027"}).status_code == 404
    assert Client().get(reverse("village:catalogue_photo", args=[second_site["keripik"].pk])).status_code == 404
