"""serve_file: the one way views hand out stored files: RFC 6266 names, safe headers, the read logged once served."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.test import RequestFactory

from desaku.core.files import serve_file
from desaku.core.models import AccessLogEntry, Letter


@pytest.fixture
def stored(tmp_path):
    """A FieldFile on a throwaway storage holding ``name``."""
    field = Letter._meta.get_field("pdf")
    storage = FileSystemStorage(location=tmp_path)

    def make(name, content=b"%PDF-1.4\n"):
        field_file = FieldFile(Letter(), field, storage.save(name, ContentFile(content)))
        field_file.storage = storage
        return field_file

    return make


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_headers_name_and_log(actors, stored):
    user = next(iter(actors.values()))
    response = serve_file(_request(user), stored("a/surat.pdf"), filename="Surat Ibu Siti Ñ.pdf",
                          content_types={"pdf": "application/pdf"}, record=user, detail="doc")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "inline; filename*=utf-8''Surat%20Ibu%20Siti%20%C3%91.pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    entry = AccessLogEntry.objects.get(object_id=str(user.pk), detail="doc")
    assert entry.action == "download"


@pytest.mark.django_db
def test_defaults_unknown_type_and_attachment(actors, stored):
    user = next(iter(actors.values()))
    response = serve_file(_request(user), stored("b/x.exe"), content_types={"pdf": "application/pdf"},
                          as_attachment=True)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="x.exe"'
    assert not AccessLogEntry.objects.exists()  # no record given: nothing to log


@pytest.mark.django_db
def test_missing_file_is_404_and_not_logged(actors, stored):
    user = next(iter(actors.values()))
    gone = stored("c/gone.pdf")
    gone.storage.delete(gone.name)
    with pytest.raises(Http404):
        serve_file(_request(user), gone, record=user)
    with pytest.raises(Http404):
        serve_file(_request(user), FieldFile(Letter(), Letter._meta.get_field("pdf"), ""), record=user)
    assert not AccessLogEntry.objects.exists()
