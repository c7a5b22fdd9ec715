"""Attachments: PDF/JPEG/PNG by content (magic bytes), a size limit, served only by a checked view, logged."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from desaku.cases import services
from desaku.cases.models import ATTACHMENT_MAX_BYTES
from desaku.cases.tests.helpers import opened, pdf_upload, png_upload
from desaku.core.models import AccessLogEntry


@pytest.mark.django_db
@pytest.mark.parametrize("name,content", [
    ("virus.pdf", b"MZ\x90\x00\x03 an executable"),
    ("script.png", b"#!/bin/sh\nrm -rf /"),
    ("page.jpg", b"<html><script>alert(1)</script>"),
])
def test_files_are_checked_by_content_not_by_name(actors, child, name, content):
    case = opened(child, actors["peksos"])
    with pytest.raises(ValidationError):
        services.add_attachment(case=case, by=actors["peksos"], upload=SimpleUploadedFile(name, content), title="x")
    assert not case.attachments.exists()


@pytest.mark.django_db
def test_files_over_the_limit_are_refused(actors, child):
    case = opened(child, actors["peksos"])
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * ATTACHMENT_MAX_BYTES)
    with pytest.raises(ValidationError):
        services.add_attachment(case=case, by=actors["peksos"], upload=big, title="besar")


@pytest.mark.django_db
def test_accepted_files_get_a_random_name_and_their_type(actors, child):
    case = opened(child, actors["peksos"])
    image = services.add_attachment(case=case, by=actors["peksos"], upload=png_upload("Rizki KTP.png"), title="KTP")
    assert image.file_type == "png" and "Rizki" not in image.file.name
    assert services.add_attachment(case=case, by=actors["peksos"], upload=pdf_upload(), title="KK").file_type == "pdf"


@pytest.mark.django_db
def test_download_is_logged_and_never_sniffed(actors, child, client):
    attachment = services.add_attachment(case=opened(child, actors["peksos"]), by=actors["peksos"],
                                         upload=pdf_upload(), title="KK")
    client.force_login(actors["peksos"])
    response = client.get(f"/cases/attachments/{attachment.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessLogEntry.objects.filter(action="download", object_id=str(attachment.pk)).exists()


@pytest.mark.django_db
def test_an_lks_cannot_fetch_another_lks_attachment_by_id(actors, lks_child, client):
    attachment = services.add_attachment(case=opened(lks_child, actors["lks_a"]), by=actors["lks_a"],
                                         upload=pdf_upload(), title="Akta")
    client.force_login(actors["lks_b"])
    assert client.get(f"/cases/attachments/{attachment.pk}/").status_code == 404
    client.force_login(actors["lks_a"])
    assert client.get(f"/cases/attachments/{attachment.pk}/").status_code == 200
