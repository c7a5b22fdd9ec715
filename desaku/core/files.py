"""Serving a stored file from a view (media files are never served directly).

The view checks scope first (through its selectors); ``serve_file`` then opens the file, writes the
access-log entry and sets the headers every such download needs."""

import os

from django.http import FileResponse, Http404

from desaku.core.services import log_access

PDF_TYPES = {"pdf": "application/pdf"}


def extension(field_file) -> str:
    """The stored file's extension, lower case ("" for an empty field: serve_file then answers 404)."""
    return (field_file.name or "").rsplit(".", 1)[-1].lower()


def serve_file(request, field_file, *, filename: str = "", content_types: dict | None = None, record=None,
               action: str = "download", detail: str = "", as_attachment: bool = False):
    """Stream ``field_file``; 404 when it is empty or gone.

    ``record``: log the read against it (only once the file opened). ``filename``: the name offered to the
    browser (default: the stored name); Django writes it as RFC 6266 (quoted, or ``filename*=utf-8''`` when not
    ASCII). ``content_types``: extension -> type, anything else octet-stream (None: Django guesses from the name).
    The files hold personal data: never cached, and nosniff so an upload is never run as another type."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except (OSError, ValueError) as exc:
        raise Http404 from exc
    if record is not None:
        log_access(user=request.user, obj=record, action=action, detail=detail, request=request)
    name = filename or os.path.basename(field_file.name)
    content_type = None
    if content_types is not None:
        content_type = content_types.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
    response = FileResponse(handle, content_type=content_type, as_attachment=as_attachment, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
