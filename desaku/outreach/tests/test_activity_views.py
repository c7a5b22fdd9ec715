"""Preventive activities: registered participants and/or a head count, photos checked by their content."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from desaku.outreach.models import ActivityPhoto, PreventiveActivity
from desaku.outreach.tests.helpers import png_bytes
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = True


def data(**values):
    return {"kind": "counselling", "held_on": "2026-03-05", "place": "Balai RW 05 Kel. Kotalama",
            "organiser": "Dinas Sosial", "topic": "Bahaya memberi uang kepada pengemis", "head_count": "45", **values}


def photo(name="a.png", content=None):
    return SimpleUploadedFile(name, content if content is not None else png_bytes(), content_type="image/png")


def test_an_activity_with_participants_and_photos(client, actors, person):
    client.force_login(actors["penjangkauan"])
    response = client.post(reverse("outreach:activity_create"), data(
        participants=[person.pk], photos=[photo("a.png"), photo("b.png")]))
    activity = PreventiveActivity.objects.get()
    assert response["Location"] == reverse("outreach:activity_detail", args=[activity.pk])
    assert list(activity.participants.all()) == [person] and activity.head_count == 45
    assert activity.photos.count() == 2
    # The client's file name is not kept (a random name is; it may itself end in "a.png").
    assert not {p.image.name.rsplit("/", 1)[-1] for p in activity.photos.all()} & {"a.png", "b.png"}
    page = client.get(reverse("outreach:activity_detail", args=[activity.pk]))
    assert page.context["participants"] == [(person, True)]
    image = client.get(reverse("outreach:activity_photo", args=[activity.pk, activity.photos.first().pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_only_images_up_to_5_mb(client, actors):
    client.force_login(actors["penjangkauan"])
    response = client.post(reverse("outreach:activity_create"), data(photos=[photo(content=b"%PDF-1.4 no")]))
    assert response.status_code == 200 and "photos" in response.context["form"].errors
    big = png_bytes() + b"\0" * (5 * 1024 * 1024)
    response = client.post(reverse("outreach:activity_create"), data(photos=[photo(content=big)]))
    assert response.status_code == 200 and "photos" in response.context["form"].errors
    assert not PreventiveActivity.objects.exists() and not ActivityPhoto.objects.exists()


def test_participants_must_be_within_the_scope(client, actors):
    outsider = make_person(actors["lks_a"], "Paijo")
    client.force_login(actors["penjangkauan"])
    response = client.post(reverse("outreach:activity_create"), data(participants=[outsider.pk]))
    assert response.status_code == 200 and "participants" in response.context["form"].errors


def test_the_list_filters_by_type(client, actors):
    client.force_login(actors["penjangkauan"])
    client.post(reverse("outreach:activity_create"), data())
    client.post(reverse("outreach:activity_create"), data(kind="guidance", topic="Pembinaan"))
    page = client.get(reverse("outreach:activity_list"), {"kind": "guidance"})
    assert [a.topic for a in page.context["page"]] == ["Pembinaan"]
