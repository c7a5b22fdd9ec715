from django.urls import reverse

from desaku.core.models import Organisation, OrganisationKind


def test_home_shows_real_counts(client, actors):
    client.force_login(actors["peksos"])
    before = client.get(reverse("home"))
    cards = {str(c.title): c.value for c in before.context["cards"]}
    assert cards["Organisasi mitra"] == Organisation.objects.filter(active=True).count()
    assert cards["Kelurahan di Kota Malang"] == 57
    Organisation(name="LKS Baru", kind=OrganisationKind.LKS).save()
    after = client.get(reverse("home"))
    assert {str(c.title): c.value for c in after.context["cards"]}["Organisasi mitra"] == cards["Organisasi mitra"] + 1


def test_audit_cards_only_for_audit_readers(client, actors):
    client.force_login(actors["peksos"])
    titles = {str(c.title) for c in client.get(reverse("home")).context["cards"]}
    assert "Perubahan hari ini" not in titles
    client.force_login(actors["auditor"])
    titles = {str(c.title) for c in client.get(reverse("home")).context["cards"]}
    assert "Perubahan hari ini" in titles


def test_navigation_lists_the_modules(client, actors):
    client.force_login(actors["peksos"])
    html = client.get(reverse("home")).content.decode()
    for label in ("Registrasi", "Penjangkauan &amp; shelter", "Kasus", "Desaku Menanti", "Pelatihan",
                  "Bantuan sosial", "Laporan"):
        assert label in html


def test_switch_to_english(client, actors):
    client.force_login(actors["peksos"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert "Partner organisations" in html and 'lang="en"' in html


def test_error_pages_use_the_product_style(client, actors):
    client.force_login(actors["peksos"])
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
    response = client.get(reverse("audit_list"))
    assert response.status_code == 403
    assert "Anda tidak memiliki akses" in response.content.decode()


def test_browser_language_does_not_override_indonesian(client, actors):
    client.force_login(actors["peksos"])
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Organisasi mitra" in html
