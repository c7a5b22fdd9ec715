"""Documents of an ABH case: PDF/JPEG/PNG checked by their bytes and size (the case attachments' check), served
only through a logged view, and only to those who may see the child's identity."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from desaku.cases.models import ATTACHMENT_MAX_BYTES
from desaku.core.models import AccessLogEntry
from desaku.diversion import services
from desaku.diversion.models import Document
from desaku.diversion.tests.helpers import opened

PDF = b"%PDF-1.4\n% surat polres\n"


def _upload(content=PDF, name="surat.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.django_db
def test_bytes_and_size_are_checked(actors):
    peksos = actors["peksos"]
    abh = opened(peksos)
    with pytest.raises(ValidationError) as exc:
        services.add_document(abh=abh, by=peksos, upload=_upload(b"MZ\x90\x00 not a pdf", "virus.pdf"),
                              kind="police_letter")
    assert "file" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.add_document(abh=abh, by=peksos, upload=_upload(PDF + b"0" * ATTACHMENT_MAX_BYTES),
                              kind="police_letter")
    with pytest.raises(ValidationError) as exc:
        services.add_document(abh=abh, by=peksos, upload=_upload(), kind="selfie")
    assert "kind" in exc.value.message_dict
    with translation.override("en"):  # the default title is the kind's label in the uploader's language
        document = services.add_document(abh=abh, by=peksos, upload=_upload(name="../../etc/passwd.pdf"),
                                         kind="police_letter", title="")
    assert (document.file_type, document.size, document.title) == ("pdf", len(PDF), "Letter from the police")
    assert "passwd" not in document.file.name and document.file.name.startswith(f"diversion/{abh.pk}/")


@pytest.mark.django_db
def test_served_only_to_who_may_see_the_child(actors):
    peksos = actors["peksos"]
    abh = opened(peksos)
    client = Client()
    client.force_login(peksos)
    response = client.post(reverse("diversion:document_add", args=[abh.pk]),
                           {"kind": "agreement", "title": "Kesepakatan diversi", "file": _upload()})
    assert response.status_code == 302
    document = Document.objects.get()
    url = reverse("diversion:document", args=[document.pk])
    got = client.get(url)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["Cache-Control"] == "private, no-store"
    assert AccessLogEntry.objects.filter(actor_username="t_peksos", action="download",
                                         model_label="diversion.Document", object_id=str(document.pk)).exists()
    page = client.get(reverse("diversion:abh_detail", args=[abh.pk])).content.decode()
    assert "Kesepakatan diversi" in page
    for name, status in (("kabid", 200), ("admin", 200), ("auditor", 404), ("lks_a", 404), ("operator", 404)):
        client.force_login(actors[name])
        assert client.get(url).status_code == status, name
    client.force_login(actors["auditor"])
    assert "Kesepakatan diversi" not in client.get(reverse("diversion:abh_detail", args=[abh.pk])).content.decode()
    client.force_login(actors["kadis"])  # reads the child, may not attach (read-only role)
    assert client.post(reverse("diversion:document_add", args=[abh.pk]),
                       {"kind": "other", "file": _upload()}).status_code == 403
    assert Document.objects.count() == 1
