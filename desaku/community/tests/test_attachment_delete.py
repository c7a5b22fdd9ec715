"""A photo or the minutes of an activity is removed with a reason (kept in its history) by who may edit the
activity; the file leaves the storage."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from desaku.community import services
from desaku.community.models import ActivityAttachment
from desaku.community.tests.helpers import activity, png_upload


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_remove_with_a_reason(actors, client, django_capture_on_commit_callbacks):
    op = actors["operator"]
    act = activity(op)
    photo = services.add_attachment(activity=act, by=op, kind="photo", upload=png_upload())
    stored = photo.file.path
    client.force_login(op)
    url = reverse("community:attachment_delete", args=[act.pk, photo.pk])
    assert client.get(url).status_code == 200
    blank = client.post(url, {"reason": "  "})
    assert blank.status_code == 200 and "reason" in blank.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": "wajah anak terlihat"}).status_code == 302
    assert not ActivityAttachment.objects.filter(pk=photo.pk).exists()
    gone = ActivityAttachment.history.filter(id=photo.pk, history_type="-").get()
    assert (gone.history_change_reason, gone.history_user_id) == ("wajah anak terlihat", op.pk)
    import os

    assert not os.path.exists(stored)


@pytest.mark.django_db
def test_only_who_may_edit(actors, client):
    op = actors["operator"]
    act = activity(op)
    photo = services.add_attachment(activity=act, by=op, kind="photo", upload=png_upload())
    url = reverse("community:attachment_delete", args=[act.pk, photo.pk])
    for name, status in (("auditor", 403), ("lks_a", 404), ("kadis", 403)):
        client.force_login(actors[name])
        assert client.post(url, {"reason": "x"}).status_code == status, name
    with pytest.raises(PermissionDenied):
        services.delete_attachment(attachment=photo, by=actors["peksos"], reason="x")
    with pytest.raises(ValidationError):
        services.delete_attachment(attachment=photo, by=op, reason="")
    other = activity(op, title="Forum lain")
    client.force_login(op)  # a file of another activity is not found through this one
    assert client.post(reverse("community:attachment_delete", args=[other.pk, photo.pk]),
                       {"reason": "x"}).status_code == 404
    assert ActivityAttachment.objects.filter(pk=photo.pk).exists()
