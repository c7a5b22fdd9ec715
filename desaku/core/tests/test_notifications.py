from django.urls import reverse

from desaku.core.models import Notification
from desaku.core.notifications import notify


def test_notify_once_per_key_and_mark_read(client, actors):
    user = actors["peksos"]
    assert notify(user=user, key="k1", title="Batas waktu hari ini", url="/x/")
    assert notify(user=user, key="k1", title="Batas waktu hari ini") is None
    notify(user=user, key="k2", title="Terlambat")
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.context["unread_notifications"] == 2
    page = client.get(reverse("notification_list"))
    assert [n.title for n in page.context["page"]] == ["Terlambat", "Batas waktu hari ini"]
    client.post(reverse("notification_list"), {"id": Notification.objects.get(key="k1").pk})
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
    client.post(reverse("notification_list"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_users_see_only_their_own_notifications(client, actors):
    notify(user=actors["peksos"], key="k", title="Rahasia Dewi")
    client.force_login(actors["operator"])
    assert list(client.get(reverse("notification_list")).context["page"]) == []
    client.post(reverse("notification_list"))
    assert Notification.objects.get().read_at is None
