"""Builders shared by the community tests: records made through the real services."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from desaku.community import services
from desaku.community.models import ActivityType


def png_bytes(color="red") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), color).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="foto.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf_upload(name="notulen.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n% notulen rapat\n", content_type="application/pdf")


def activity_type(code="apel-senam"):
    return ActivityType.objects.get(code=code)


def group(by, name="Karang Werdha Mawar", kind="karang_werdha", **data):
    return services.create_organisation(by=by, kind=kind, name=name, **data)


def activity(by, *, title="Apel dan Senam Bersama", held_on=date(2026, 3, 5), participants=(), **data):
    data.setdefault("organiser_name", "Dinas Sosial")
    return services.record_activity(by=by, activity_type=data.pop("activity_type", activity_type()), title=title,
                                    held_on=held_on, place=data.pop("place", "Stadion Gajayana"),
                                    target_group=data.pop("target_group", ""), participants=participants, **data)


CRITERIA = [{"name": "Kelembagaan", "weight": 40}, {"name": "Kesehatan lansia", "weight": 35},
            {"name": "Usaha ekonomi", "weight": 25}]


def award_round(by, *, year=2026, groups=2, jurors=2, criteria=None, open_scoring=True):
    """A round with criteria, ``groups`` Karang Werdha groups and ``jurors`` jurors; scoring open."""
    r = services.create_round(by=by, year=year)
    services.set_criteria(award_round=r, by=by, criteria=criteria or CRITERIA)
    for i in range(groups):
        services.add_entry(award_round=r, group=group(by, name=f"Karang Werdha {year}-{i}"), by=by)
    for i in range(jurors):
        services.add_juror(award_round=r, by=by, name=f"Juri {i}")
    if open_scoring:
        services.open_scoring(award_round=r, by=by)
    r.refresh_from_db()
    return r


def score_all(r, by, value=80):
    """Every juror scores every group (except their own) on every criterion with ``value`` (or value(entry))."""
    criteria = list(r.criteria.all())
    for juror in r.jurors.all():
        cells = [(e, c, value(e, c, juror) if callable(value) else value)
                 for e in r.entries.all() if not juror.conflicts_with(e) for c in criteria]
        services.record_scores(juror=juror, by=by, scores=cells)
