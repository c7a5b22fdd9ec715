"""Stages and their documents and photos: dated stages edited in the UI; uploads checked by their bytes (PDF,
JPEG, PNG; at most 5 MB), stored under a random name, and served only through a permission-checked view."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from desaku.outreach.tests.helpers import png_bytes
from desaku.village import services_program
from desaku.village.models import StageDocument
from desaku.village.tests.helpers import site


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _jpeg():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_stage_with_a_photo_through_the_ui(actors):
    client = Client()
    client.force_login(actors["kabid"])
    response = client.post(reverse("village:stage_create", args=[site().pk]), {
        "title": "Pelatihan membatik", "started_on": "2018-05-02", "description": "Bersama UIN"})
    stage = site().stages.get(title="Pelatihan membatik")
    assert response.status_code == 302
    assert response["Location"] == reverse("village:stage_document_create", args=[stage.pk])
    response = client.post(response["Location"], {"file": SimpleUploadedFile("rumah Bu Sri.png", png_bytes()),
                                                  "caption": "Praktik membatik"})
    assert response.status_code == 302
    document = stage.documents.get()
    assert document.is_photo and document.file.name.endswith(".png") and "Sri" not in document.file.name
    served = client.get(reverse("village:stage_document", args=[site().pk, document.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png_bytes()
    from desaku.core.models import AccessLogEntry

    assert AccessLogEntry.objects.filter(actor_id=actors["kabid"].pk, action="download",
                                         model_label="village.StageDocument", object_id=str(document.pk)).exists()
    anonymous = Client().get(reverse("village:stage_document", args=[site().pk, document.pk]))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


@pytest.mark.django_db
def test_pdf_and_jpeg_are_accepted(actors):
    stage = site().stages.first()
    pdf = services_program.add_stage_document(stage=stage, by=actors["kabid"], upload=SimpleUploadedFile(
        "sk.pdf", b"%PDF-1.4 surat keputusan"), caption="SK")
    jpeg = services_program.add_stage_document(stage=stage, by=actors["kabid"], upload=SimpleUploadedFile(
        "x.bin", _jpeg()))
    assert (pdf.is_photo, pdf.file.name[-4:]) == (False, ".pdf")
    assert (jpeg.is_photo, jpeg.file.name[-4:]) == (True, ".jpg")


@pytest.mark.django_db
@pytest.mark.parametrize("content", [
    b"GIF89a\x01\x00\x01\x00",  # a GIF is an image, but not one of the accepted kinds
    b"<html><script>alert(1)</script>",
    b"\x89PNG\r\n\x1a\n broken",  # PNG magic, unreadable image
])
def test_other_files_are_refused_by_their_bytes(actors, content):
    with pytest.raises(ValidationError) as exc:
        services_program.add_stage_document(stage=site().stages.first(), by=actors["kabid"],
                                            upload=SimpleUploadedFile("foto.png", content))
    assert "file" in exc.value.error_dict
    assert not StageDocument.objects.exists()


@pytest.mark.django_db
def test_a_file_over_5_mb_is_refused(actors):
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))
    client = Client()
    client.force_login(actors["kabid"])
    stage = site().stages.first()
    response = client.post(reverse("village:stage_document_create", args=[stage.pk]), {"file": big})
    assert response.status_code == 200 and not stage.documents.exists()
    assert "5 MB" in response.content.decode()


@pytest.mark.django_db
def test_stage_dates_and_who_may_add(actors):
    with pytest.raises(ValidationError) as exc:
        services_program.save_stage(site=site(), by=actors["kabid"], title="Survei", started_on=date(2016, 2, 1),
                                    ended_on=date(2016, 1, 1))
    assert "ended_on" in exc.value.error_dict
    with pytest.raises(ValidationError):
        services_program.save_stage(site=site(), by=actors["peksos"], title="Survei", started_on=date(2016, 2, 1))
    stage = site().stages.first()
    client = Client()
    client.force_login(actors["lks_a"])
    assert client.post(reverse("village:stage_document_create", args=[stage.pk]), {
        "file": SimpleUploadedFile("x.png", png_bytes())}).status_code == 403
    assert not stage.documents.exists()


@pytest.mark.django_db
def test_a_removed_document_keeps_its_reason_in_the_history(actors):
    stage = site().stages.first()
    document = services_program.add_stage_document(stage=stage, by=actors["kabid"], upload=SimpleUploadedFile(
        "x.png", png_bytes()))
    with pytest.raises(ValidationError):
        services_program.remove_stage_document(document=document, by=actors["kabid"], reason="")
    pk = document.pk
    services_program.remove_stage_document(document=document, by=actors["kabid"], reason="Foto salah tahap")
    assert not stage.documents.exists()
    assert StageDocument.history.filter(id=pk, history_type="-").get().history_change_reason == "Foto salah tahap"
