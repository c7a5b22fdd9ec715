"""An activity is changed after saving, on its page and over the API, by who may edit it (who recorded it, the
recording roles of its organisation, administrators), with the reason kept in its history."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient

from desaku.community import services
from desaku.community.models import CommunityActivity
from desaku.community.tests.helpers import activity, activity_type
from desaku.people.tests.factories import make_person


@pytest.mark.django_db
def test_change_on_the_page(actors, client):
    op = actors["operator"]
    elder = make_person(op, "Mbah Karto", birth_year=1950)
    act = activity(op, participants=[elder], head_count=10)
    client.force_login(actors["kabid"])  # the Kepala Bidang of the same organisation
    url = reverse("community:activity_edit", args=[act.pk])
    form = client.get(url)
    assert form.status_code == 200 and "Mbah Karto" in form.content.decode()
    data = {"activity_type": activity_type("apel-senam").pk, "title": "Apel dan Senam Bersama (koreksi)",
            "held_on": "2026-03-06", "place": "Stadion Gajayana", "organiser_name": "Dinas Sosial",
            "participants": [elder.pk], "head_count": "55", "budget_used": "2500000"}
    missing = client.post(url, data)
    assert missing.status_code == 200 and "reason" in missing.context["form"].errors
    assert client.post(url, {**data, "reason": "jumlah peserta dihitung ulang"}).status_code == 302
    act.refresh_from_db()
    assert (act.title, str(act.held_on), act.head_count, act.budget_used) == (
        "Apel dan Senam Bersama (koreksi)", "2026-03-06", 55, 2500000)
    assert list(act.participants.all()) == [elder]
    last = act.history.order_by("-history_date").first()
    assert (last.history_change_reason, last.history_user_id) == ("jumlah peserta dihitung ulang",
                                                                  actors["kabid"].pk)
    page = client.get(reverse("community:activity_detail", args=[act.pk])).content.decode()
    assert 'data-testid="activity-edit"' in page


@pytest.mark.django_db
def test_who_may_change(actors, client):
    act = activity(actors["operator"])
    for name, status in (("lks_a", 404), ("kadis", 403), ("auditor", 403)):
        client.force_login(actors[name])
        assert client.get(reverse("community:activity_edit", args=[act.pk])).status_code == status, name
    with pytest.raises(PermissionDenied):  # a Peksos who did not record it
        services.update_activity(activity=act, by=actors["peksos"], data={"title": "x"}, reason="x")
    mine = activity(actors["peksos"], title="Sosialisasi")
    services.update_activity(activity=mine, by=actors["peksos"], data={"title": "Sosialisasi PSKS"}, reason="judul")
    assert CommunityActivity.objects.get(pk=mine.pk).title == "Sosialisasi PSKS"


@pytest.mark.django_db
def test_change_over_the_api(actors):
    op = actors["operator"]
    act = activity(op, head_count=10)
    api = APIClient()
    api.force_authenticate(op)
    url = f"/api/v1/community-activities/{act.pk}/"
    no_reason = api.patch(url, {"head_count": 30}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    bad = api.patch(url, {"head_count": -1, "budget_used": "abc", "reason": "x"}, format="json")
    assert bad.status_code == 400 and {"head_count", "budget_used"} <= set(bad.json())
    ok = api.patch(url, {"head_count": 30, "notes": "Hujan", "reason": "hitung ulang"}, format="json")
    assert ok.status_code == 200 and (ok.json()["head_count"], ok.json()["notes"]) == (30, "Hujan")
    assert "reason" not in ok.json()
    assert act.history.order_by("-history_date").first().history_change_reason == "hitung ulang"
    reader = APIClient()
    reader.force_authenticate(actors["auditor"])
    assert reader.patch(url, {"head_count": 1, "reason": "x"}, format="json").status_code == 403
