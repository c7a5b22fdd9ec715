"""Supporting documents of a letter request uploaded through the API: checked by their bytes and size,
listed with a link to the permission-checked download page only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from desaku.aid import services
from desaku.aid.tests.helpers import png_bytes, severe_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(actors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return services.request_letter(person=severe_person(actors["operator"]), by=actors["operator"],
                                   kind="bpjs_pbi", purpose="berobat")


def _client(actors, name):
    client = Client()
    client.force_login(actors[name])
    return client


def _post(client, item, upload, title="KTP"):
    return client.post(f"/api/v1/aid-requests/{item.pk}/documents/", {"title": title, "file": upload})


def test_pdf_and_png_are_accepted_and_served_by_the_checked_view(actors, item):
    client = _client(actors, "operator")
    pdf = _post(client, item, SimpleUploadedFile("kk.pdf", b"%PDF-1.4 kartu keluarga"), title="KK")
    png = _post(client, item, SimpleUploadedFile("ktp.png", png_bytes()))
    assert pdf.status_code == 201 and png.status_code == 201, (pdf.json(), png.json())
    listed = client.get(f"/api/v1/aid-requests/{item.pk}/").json()["documents"]
    assert [d["title"] for d in listed] == ["KK", "KTP"]
    assert all(d["url"].startswith("/aid/documents/") for d in listed)
    assert "file" not in listed[0]  # no storage path or media URL
    download = client.get(listed[0]["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    outsider = _client(actors, "lks_b")
    assert outsider.get(listed[0]["url"]).status_code == 404
    assert _post(outsider, item, SimpleUploadedFile("x.pdf", b"%PDF-1.4 x")).status_code == 404


def test_an_executable_is_refused_with_a_field_error(actors, item):
    response = _post(_client(actors, "operator"), item,
                     SimpleUploadedFile("ktp.pdf", b"MZ\x90\x00\x03 this is a windows program", "application/pdf"))
    assert response.status_code == 400 and "file" in response.json()
    assert not item.documents.exists()


def test_an_oversized_file_is_refused_with_a_field_error(actors, item):
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4 " + b"0" * (5 * 1024 * 1024 + 1), "application/pdf")
    response = _post(_client(actors, "operator"), item, big)
    assert response.status_code == 400 and "file" in response.json()
    assert not item.documents.exists()


def test_no_documents_after_the_decision(actors, item):
    services.check_request(request=item, by=actors["operator"])
    services.decide_request(request=item, by=actors["kabid"], approve=False, note="desil 9")
    response = _post(_client(actors, "operator"), item, SimpleUploadedFile("kk.pdf", b"%PDF-1.4 kk"))
    assert response.status_code == 400 and "file" in response.json()
