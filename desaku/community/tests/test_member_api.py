"""Members of Karang Werdha groups and KOMDA Lansia over the API: list (?group, ?current), detail, create and
change through the services (field-level 400s), the secretariat writes, a registry member named only to who may
see the person."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from desaku.community import services
from desaku.community.tests.helpers import group
from desaku.core.models import AccessLogEntry
from desaku.people.tests.factories import make_person


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.mark.django_db
def test_create_and_change(actors):
    kabid = actors["kabid"]
    kw = group(kabid)
    lks = group(kabid, name="LKS Harapan", kind="lks")
    api = _api(actors["operator"])
    bad = api.post("/api/v1/community-members/", {"group": lks.pk, "name": "Pak A", "role": "boss",
                                                  "term_start": "kemarin"}, format="json")
    assert bad.status_code == 400 and {"group", "role", "term_start"} <= set(bad.json())
    neither = api.post("/api/v1/community-members/", {"group": kw.pk, "term_start": "2026-01-01"}, format="json")
    assert neither.status_code == 400 and "person" in neither.json()
    chair = api.post("/api/v1/community-members/", {"group": kw.pk, "name": "Bu Sulastri", "role": "chair",
                                                    "term_start": "2026-01-01"}, format="json")
    assert chair.status_code == 201 and chair.json()["display_name"] == "Bu Sulastri"
    second = api.post("/api/v1/community-members/", {"group": kw.pk, "name": "Pak Darmo", "role": "secretary",
                                                     "term_start": "2026-01-01"}, format="json")
    assert second.status_code == 201
    url = f"/api/v1/community-members/{second.json()['id']}/"
    two_chairs = api.patch(url, {"role": "chair", "reason": "x"}, format="json")
    assert two_chairs.status_code == 400 and "role" in two_chairs.json()
    backwards = api.patch(url, {"term_end": "2025-12-31"}, format="json")
    assert backwards.status_code == 400 and "term_end" in backwards.json()
    ok = api.patch(url, {"role": "treasurer", "position": "Bendahara", "reason": "rapat anggota"}, format="json")
    assert ok.status_code == 200 and (ok.json()["role"], ok.json()["position"]) == ("treasurer", "Bendahara")
    assert _api(actors["peksos"]).patch(url, {"role": "member"}, format="json").status_code == 403
    assert _api(actors["penjangkauan"]).get(url).status_code == 403


@pytest.mark.django_db
def test_list_current_and_who_sees_the_person(actors):
    kabid = actors["kabid"]
    kw = group(kabid)
    other = group(kabid, name="Karang Werdha Melati")
    elder = make_person(actors["operator"], "Mbah Karto", birth_year=1950)
    services.add_member(group=kw, by=kabid, person=elder, term_start=date(2025, 1, 1))
    services.add_member(group=kw, by=kabid, name="Pak Lama", term_start=date(2020, 1, 1), term_end=date(2022, 12, 31))
    services.add_member(group=other, by=kabid, name="Bu Lain", term_start=date(2025, 1, 1))
    rows = _api(actors["operator"]).get("/api/v1/community-members/", {"group": kw.pk}).json()["results"]
    assert sorted(r["display_name"] for r in rows) == ["Mbah Karto", "Pak Lama"]
    current = _api(actors["operator"]).get("/api/v1/community-members/", {"group": kw.pk, "current": "1"}).json()
    assert [(r["display_name"], r["person"], r["current"]) for r in current["results"]] == [
        ("Mbah Karto", elder.pk, True)]
    outside = _api(actors["lks_a"]).get("/api/v1/community-members/", {"group": kw.pk, "current": "1"}).json()
    assert [(r["display_name"], r["person"]) for r in outside["results"]] == [(None, None)]
    assert AccessLogEntry.objects.filter(actor_username="t_lks_a", model_label="community.Membership").exists()
