"""Activities: recording with photos and minutes (checked by content), head counts, scope, the person
page, and exports that count participants without naming them."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from desaku.community import services
from desaku.community.models import ActivityAttachment, CommunityActivity
from desaku.community.tests.helpers import activity, activity_type, pdf_upload, png_bytes, png_upload
from desaku.core.models import AccessLogEntry
from desaku.people.tests.factories import make_person


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_recording_an_activity_with_photos_and_minutes(actors, client):
    op = actors["operator"]
    elder = make_person(op, "Mbah Karto", birth_year=1950)
    client.force_login(op)
    response = client.post(reverse("community:activity_create"), {
        "activity_type": activity_type("apel-senam").pk, "title": "Apel dan Senam Bersama Maret",
        "held_on": "2026-03-05", "place": "Stadion Gajayana", "kelurahan": "35.73.02.1004",
        "organiser_name": "Dinas Sosial", "participants": [elder.pk], "head_count": "0", "budget_used": "7500000",
        "photos": [png_upload("a.png"), png_upload("b.png")], "minutes": pdf_upload()})
    assert response.status_code == 302
    saved = CommunityActivity.objects.get()
    assert saved.organisation == op.organisation and saved.target_group == "elderly"
    assert saved.head_count == 1  # never fewer than the registered participants
    assert sorted(saved.attachments.values_list("kind", flat=True)) == ["minutes", "photo", "photo"]
    # Random names (a uuid4 hex), never the client's: compare whole names, since a hex name may end in "a.png".
    assert all(re.fullmatch(r"[0-9a-f]{32}\.(png|pdf)", Path(a.file.name).name) for a in saved.attachments.all())
    minutes = saved.attachments.get(kind="minutes")
    got = client.get(reverse("community:attachment", args=[saved.pk, minutes.pk]))
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    assert AccessLogEntry.objects.filter(action="download").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind, upload", [
    ("photo", SimpleUploadedFile("evil.png", b"<script>alert(1)</script>")),   # not an image at all
    ("photo", SimpleUploadedFile("notulen.png", b"%PDF-1.4 a pdf as a photo")),  # PDF only as minutes
    ("minutes", SimpleUploadedFile("x.pdf", b"MZ\x90\x00 an executable")),
    ("photo", SimpleUploadedFile("big.png", png_bytes() + b"\0" * (5 * 1024 * 1024 + 1))),
])
def test_uploads_are_checked_by_content_and_size(actors, kind, upload):
    op = actors["operator"]
    act = activity(op)
    with pytest.raises(Exception):  # noqa: B017 - Django's ValidationError from the content check
        services.add_attachment(activity=act, by=op, kind=kind, upload=upload)
    assert not ActivityAttachment.objects.exists()


@pytest.mark.django_db
def test_a_bad_upload_on_the_page_is_refused_with_a_message(actors, client):
    op = actors["operator"]
    act = activity(op)
    client.force_login(op)
    response = client.post(reverse("community:attachment_add", args=[act.pk]),
                           {"kind": "photo", "file": SimpleUploadedFile("x.png", b"not an image")})
    assert response.status_code == 302
    assert not act.attachments.exists()


@pytest.mark.django_db
def test_an_activity_needs_an_organiser_and_a_kota_malang_kelurahan(actors):
    from django.core.exceptions import ValidationError

    from desaku.core.models import Region

    op = actors["operator"]
    with pytest.raises(ValidationError):
        activity(op, organiser_name="")
    outside = Region.objects.filter(level=4).exclude(code__startswith="35.73.").first()
    if outside is not None:
        with pytest.raises(ValidationError):
            activity(op, kelurahan=outside)
    with pytest.raises(ValidationError):
        activity(op, budget_used=-1)


@pytest.mark.django_db
def test_lks_users_see_only_their_organisations_activities(actors, client):
    mine = activity(actors["lks_a"], title="Forum LKS A")
    activity(actors["lks_b"], title="Forum LKS B")
    activity(actors["operator"], title="Apel Dinas")
    client.force_login(actors["lks_a"])
    listed = client.get("/api/v1/community-activities/").json()["results"]
    assert [row["id"] for row in listed] == [mine.pk]
    page = client.get(reverse("community:activity_list"))
    assert list(page.context["page"].object_list) == [mine]


@pytest.mark.django_db
def test_the_person_page_lists_the_activities_attended(actors, client):
    op = actors["operator"]
    elder = make_person(op, "Mbah Karto", birth_year=1950)
    act = activity(op, participants=[elder])
    client.force_login(op)
    response = client.get(reverse("people:detail", args=[elder.pk]))
    assert response.status_code == 200
    assert reverse("community:activity_detail", args=[act.pk]) in response.content.decode()
    client.force_login(actors["lks_b"])  # outside the scope: nothing about it (the person page itself is 404)
    assert client.get(reverse("people:detail", args=[elder.pk])).status_code == 404


@pytest.mark.django_db
def test_exports_count_participants_and_never_name_them(actors, client):
    op = actors["operator"]
    elder = make_person(op, "Mbah Karto Sentono", birth_year=1950)
    activity(op, participants=[elder], notes="=HYPERLINK(1)")
    client.force_login(op)
    response = client.get(reverse("community:export_activities") + "?year=2026")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "Mbah Karto Sentono" not in values
    assert 1 in values and "'=HYPERLINK(1)" in values
    assert AccessLogEntry.objects.filter(action="export", model_label="community.CommunityActivity").exists()


@pytest.mark.django_db
def test_api_hides_participants_outside_the_scope(actors, client):
    op = actors["operator"]
    mine = make_person(op, "Mbah Karto", birth_year=1950)
    theirs = make_person(actors["lks_a"], "Mbah Lain", birth_year=1948)
    act = activity(actors["admin"], participants=[mine, theirs])
    client.force_login(actors["kadis"])
    data = client.get(f"/api/v1/community-activities/{act.pk}/").json()
    assert data["participant_count"] == 2
    client.force_login(op)
    # The operator sees the Dinas activity only if recorded by the Dinas: the admin's organisation is Dinsos.
    data = client.get(f"/api/v1/community-activities/{act.pk}/").json()
    assert data["participants"] == [mine.pk] and data["participant_count"] == 2


@pytest.mark.django_db
def test_the_dashboard_counts_only_activities_in_the_scope(actors):
    from django.utils import timezone

    from desaku.core import dashboard

    this_year = timezone.localdate().replace(month=1, day=15)
    activity(actors["lks_a"], held_on=this_year)
    activity(actors["operator"], held_on=this_year)
    activity(actors["operator"], held_on=this_year)

    def count(user):
        cards = [c for c in dashboard.cards_for(user) if c.icon == "heart-handshake"]
        return cards[0].value if cards else None

    assert count(actors["lks_a"]) == 1
    assert count(actors["kabid"]) == 2
    assert count(actors["kadis"]) == 3
    assert count(actors["penjangkauan"]) is None
