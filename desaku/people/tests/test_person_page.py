"""The person page: the hub of sections, the access log, NIK reveal, sub-records and files."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from desaku.core.models import AccessLogEntry, Organisation, PPKSCategory
from desaku.people import services, timeline
from desaku.people.tests.factories import make_person, nik_for

pytestmark = pytest.mark.django_db

NIK = nik_for(date(1990, 3, 4), female=True)


def image_bytes(fmt="PNG") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def person(actors):
    return make_person(actors["peksos"], "Dewi Anggraini", sex="P", birth_date=date(1990, 3, 4), nik=NIK,
                       chronic_illness="TBC paru")


def login(client, user):
    client.force_login(user)
    return client


def access_log(action, person):
    return AccessLogEntry.objects.filter(action=action, model_label="people.Person", object_id=str(person.pk))


def test_the_page_shows_every_section_and_logs_the_view(client, actors, person):
    response = login(client, actors["peksos"]).get(reverse("people:detail", args=[person.pk]))
    assert response.status_code == 200
    keys = [s.key for s in response.context["sections"]]
    assert keys[:8] == ["identity", "aliases", "household", "classifications", "disabilities", "photos", "consent",
                        "registry"]
    entry = access_log("view", person).get()
    assert entry.actor_username == actors["peksos"].username
    html = response.content.decode()
    assert person.nik_masked in html and NIK not in html


def test_sections_and_events_of_other_modules_appear(client, actors, person):
    def visits(p, user):
        return [timeline.Event(date(2026, 2, 1), "Kunjungan rumah 77", source="test")]

    timeline.register_events(visits)
    try:
        response = login(client, actors["peksos"]).get(reverse("people:detail", args=[person.pk]))
    finally:
        timeline._EVENTS.remove(visits)
    assert "Kunjungan rumah 77" in response.content.decode()


def test_reveal_nik_answers_the_number_and_logs_it(client, actors, person):
    login(client, actors["operator"])
    response = client.post(reverse("people:reveal_nik", args=[person.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and NIK in response.content.decode()
    assert "<html" not in response.content.decode()
    assert access_log("reveal", person).get().actor_username == actors["operator"].username
    assert client.get(reverse("people:reveal_nik", args=[person.pk])).status_code == 405


def test_reveal_nik_outside_the_scope_is_not_found_and_not_logged(client, actors, person):
    response = login(client, actors["lks_a"]).post(reverse("people:reveal_nik", args=[person.pk]))
    assert response.status_code == 404 and not access_log("reveal", person).exists()


def test_sensitive_classifications_are_hidden_from_operator_and_lks(client, actors, person):
    odha = PPKSCategory.objects.get(short_name="ODHA")
    services.classify(person=person, by=actors["peksos"], category=odha, valid_from=date(2025, 1, 1))
    services.classify(person=person, by=actors["peksos"], category=PPKSCategory.objects.get(number=24),
                      valid_from=date(2025, 1, 1))
    lks_person = make_person(actors["lks_a"], "Yanto Gepeng")
    services.classify(person=lks_person, by=actors["admin"], category=odha, valid_from=date(2025, 1, 1))
    for actor, shown in (("operator", person), ("lks_a", lks_person)):
        login(client, actors[actor])
        for url in (reverse("people:detail", args=[shown.pk]), reverse("people:list")):
            assert odha.name not in client.get(url).content.decode(), (actor, url)
        form = client.get(reverse("people:classification_add", args=[shown.pk])).context["form"]
        assert odha not in form.fields["category"].queryset
    login(client, actors["kabid"])
    assert odha.name in client.get(reverse("people:detail", args=[person.pk])).content.decode()


def test_a_role_without_need_cannot_add_a_sensitive_classification(client, actors, person):
    odha = PPKSCategory.objects.get(short_name="ODHA")
    response = login(client, actors["operator"]).post(reverse("people:classification_add", args=[person.pk]), {
        "category": odha.pk, "valid_from": "2025-01-01"})
    assert response.status_code == 200 and "category" in response.context["form"].errors
    assert not person.classifications.exists()


def test_classify_and_end(client, actors, person):
    login(client, actors["peksos"])
    category = PPKSCategory.objects.get(number=11)
    response = client.post(reverse("people:classification_add", args=[person.pk]), {
        "category": category.pk, "valid_from": "2025-01-01", "evidence": "tidur di emper toko"})
    assert response.status_code == 302
    item = person.classifications.get()
    response = client.post(reverse("people:classification_add", args=[person.pk]), {
        "category": category.pk, "valid_from": "2025-02-01"})
    assert response.status_code == 200 and "category" in response.context["form"].errors  # held already
    url = reverse("people:classification_end", args=[person.pk, item.pk])
    response = client.post(url, {"valid_to": "2024-01-01", "reason": "x"})
    assert response.status_code == 200 and "valid_to" in response.context["form"].errors
    assert client.post(url, {"valid_to": "2026-01-01", "reason": "sudah punya rumah"}).status_code == 302
    item.refresh_from_db()
    assert item.valid_to == date(2026, 1, 1)


def test_add_and_remove_an_alias(client, actors, person):
    login(client, actors["peksos"])
    response = client.post(reverse("people:alias_add", args=[person.pk]), {"name": " Mbak  Dewi ", "kind": "street"})
    assert response.status_code == 302
    alias = person.aliases.get()
    assert alias.name == "Mbak Dewi"
    assert client.post(reverse("people:alias_add", args=[person.pk]), {"name": "", "kind": "street"}).status_code == 200
    url = reverse("people:alias_remove", args=[person.pk, alias.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "salah tulis"}).status_code == 302
    assert not person.aliases.exists()


def test_upload_a_photo_and_view_it_with_a_log_entry(client, actors, person, media):
    login(client, actors["peksos"])
    upload = SimpleUploadedFile("../../Dewi KTP.png", image_bytes(), content_type="image/png")
    response = client.post(reverse("people:photo_add", args=[person.pk]), {"image": upload, "taken_on": "2026-01-02"})
    assert response.status_code == 302
    photo = person.photos.get()
    assert "Dewi" not in photo.image.name and photo.image.name.endswith(".png")
    login(client, actors["kabid"])
    response = client.get(reverse("people:photo", args=[person.pk, photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == image_bytes()
    assert access_log("download", person).get().actor_username == actors["kabid"].username


def test_a_photo_of_another_organisation_is_refused_and_not_logged(client, actors, person):
    photo = services.add_photo(person=person, by=actors["peksos"], taken_on=date(2026, 1, 2),
                               image=SimpleUploadedFile("a.png", image_bytes()))
    for actor in ("lks_a", "lks_b", "penjangkauan"):
        response = login(client, actors[actor]).get(reverse("people:photo", args=[person.pk, photo.pk]))
        assert response.status_code == 404
    assert not access_log("download", person).exists()


@pytest.mark.parametrize("name, content", [
    ("photo.jpg", b"this is not an image at all"),
    ("photo.gif", image_bytes("GIF")),
    ("scan.pdf", b"%PDF-1.4 a pdf is not a photo"),
    ("big.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024)),
])
def test_bad_photo_uploads_are_refused(client, actors, person, name, content):
    response = login(client, actors["peksos"]).post(reverse("people:photo_add", args=[person.pk]), {
        "image": SimpleUploadedFile(name, content), "taken_on": "2026-01-02"})
    assert response.status_code == 200 and "image" in response.context["form"].errors
    assert not person.photos.exists()


def test_consent_with_a_scan_shares_the_record_until_withdrawn(client, actors, person):
    partner = Organisation.objects.get(short_name="lks_b")
    login(client, actors["peksos"])
    response = client.post(reverse("people:consent_add", args=[person.pk]), {
        "given_by": "self", "given_on": "2026-01-05", "witness": "Pak RT", "processing": "on",
        "shared_with": [partner.pk],
        "scanned_form": SimpleUploadedFile("form.pdf", b"%PDF-1.4 signed", content_type="application/pdf")})
    assert response.status_code == 302
    consent = person.consents.get()
    assert list(consent.shared_with.all()) == [partner]
    login(client, actors["lks_b"])
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 200
    response = client.get(reverse("people:consent_form", args=[person.pk, consent.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert access_log("download", person).exists()
    login(client, actors["peksos"])
    response = client.post(reverse("people:consent_withdraw", args=[person.pk, consent.pk]), {
        "withdrawn_on": "2026-03-01", "reason": "tidak mau dibagikan"})
    assert response.status_code == 302
    login(client, actors["lks_b"])
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404


@pytest.mark.parametrize("content", [b"MZ\x90\x00 an executable", image_bytes("BMP")])
def test_a_consent_scan_must_be_a_pdf_or_a_photo(client, actors, person, content):
    response = login(client, actors["peksos"]).post(reverse("people:consent_add", args=[person.pk]), {
        "given_by": "self", "given_on": "2026-01-05", "scanned_form": SimpleUploadedFile("form.pdf", content)})
    assert response.status_code == 200 and "scanned_form" in response.context["form"].errors
    assert not person.consents.exists()


def test_guardian_consent_needs_the_guardians_name(client, actors, person):
    response = login(client, actors["peksos"]).post(reverse("people:consent_add", args=[person.pk]), {
        "given_by": "guardian", "given_on": "2026-01-05"})
    assert response.status_code == 200 and "guardian_name" in response.context["form"].errors


def test_add_and_remove_a_disability(client, actors, person):
    login(client, actors["operator"])
    response = client.post(reverse("people:disability_add", args=[person.pk]), {
        "type": "visual", "severity": "severe", "needs_daily_help": "on"})
    assert response.status_code == 302
    disability = person.disabilities.get()
    assert disability.needs_daily_help
    url = reverse("people:disability_remove", args=[person.pk, disability.pk])
    assert client.post(url, {"reason": "salah input"}).status_code == 302
    assert not person.disabilities.exists()


def edit_data(person, **values):
    data = {"full_name": person.full_name, "name_quality": person.name_quality, "sex": person.sex,
            "birth_date_quality": person.birth_date_quality, "birth_date": person.birth_date or "",
            "chronic_illness": person.chronic_illness, "reason": "koreksi data"}
    data.update(values)
    return data


def test_edit_identity_with_a_reason(client, actors, person):
    login(client, actors["peksos"])
    url = reverse("people:edit", args=[person.pk])
    assert client.post(url, edit_data(person, reason="")).status_code == 200
    response = client.post(url, edit_data(person, full_name="Dewi Anggraini Putri", occupation="pemulung"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Dewi Anggraini Putri" and person.occupation == "pemulung"
    assert person.chronic_illness == "TBC paru" and person.nik_masked  # untouched


def test_edit_nik_warning_then_confirm(client, actors, person):
    login(client, actors["peksos"])
    url = reverse("people:edit", args=[person.pk])
    other = nik_for(date(1970, 1, 1), female=True, serial=2)
    response = client.post(url, edit_data(person, nik=other))
    assert response.status_code == 200 and response.context["number_warnings"]
    person.refresh_from_db()
    assert services.nik_of(person) == NIK
    assert client.post(url, edit_data(person, nik=other, confirm_warnings="on")).status_code == 302
    person.refresh_from_db()
    assert services.nik_of(person) == other


def test_health_details_are_not_shown_to_roles_without_need(client, actors, person):
    login(client, actors["operator"])
    assert "TBC paru" not in client.get(reverse("people:detail", args=[person.pk])).content.decode()
    response = client.get(reverse("people:edit", args=[person.pk]))
    assert "chronic_illness" not in response.context["form"].fields
    assert client.post(reverse("people:edit", args=[person.pk]), edit_data(person, phone="0811", chronic_illness="")).status_code == 302
    person.refresh_from_db()
    assert person.chronic_illness == "TBC paru" and person.phone == "0811"
    login(client, actors["peksos"])
    assert "TBC paru" in client.get(reverse("people:detail", args=[person.pk])).content.decode()
