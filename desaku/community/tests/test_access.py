"""Who may use each community URL and API route: role (read, record, manage, approve) and data scope.

The Dinas world: an activity recorded by the operator (organisation scope) with a photo; the PSKS
directory and the award rounds of the secretariat. The LKS A world: its own activity. Outreach officers,
mentors and Kemensos reviewers have no business here (403); partners see only their own activities (404).
"""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from desaku.community import services
from desaku.community.tests.helpers import activity, award_round, group, png_upload, score_all
from desaku.core import letters as core_letters
from desaku.core.testing import AccessCase, check_access

READERS = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "lks_a", "lks_b", "auditor"})
WRITERS = frozenset({"admin", "kabid", "peksos", "operator", "lks_a", "lks_b"})
MANAGERS = frozenset({"admin", "kabid", "operator"})
APPROVERS = frozenset({"admin", "kabid"})
# The operator's activity: the Dinas (organisation scope) and the "all" roles; not the Peksos (own scope).
READ_DINAS = frozenset({"admin", "kadis", "kabid", "operator", "auditor"})
WRITE_DINAS = frozenset({"admin", "kabid", "operator"})
# LKS A's own activity.
READ_LKS = frozenset({"admin", "kadis", "auditor", "lks_a"})


def _u(name, *keys, query=""):
    return lambda a, c: reverse(f"community:{name}", args=[c[k] for k in keys]) + query


def _api(path):
    return lambda a, c: "/api/v1/" + path.format(**c)


def _fresh_photo(actors, context):
    """Removing consumes the file: a new photo on the operator's activity for every request."""
    from desaku.community.models import CommunityActivity

    act = CommunityActivity.objects.get(pk=context["activity"])
    context["fresh_photo"] = services.add_attachment(activity=act, by=actors["operator"], kind="photo",
                                                     upload=png_upload()).pk


def _next(actors, context):
    """A fresh number per request (unique names and years)."""
    context["n"] = context.get("n", 0) + 1


def _fresh_group(actors, context):
    _next(actors, context)
    context["fresh_group"] = group(actors["admin"], name=f"Karang Werdha Baru {context['n']}").pk


MATRIX = [
    # ---------------------------------------------------------------------------------- pages (GET)
    AccessCase("overview", _u("home"), READERS, url_names=("community:home",)),
    AccessCase("organisations", _u("organisation_list", query="?kind=karang_werdha"), READERS,
               url_names=("community:organisation_list",)),
    AccessCase("new organisation", _u("organisation_create"), MANAGERS, url_names=("community:organisation_create",)),
    AccessCase("organisation", _u("organisation_detail", "group"), READERS,
               url_names=("community:organisation_detail",)),
    AccessCase("edit organisation", _u("organisation_edit", "group"), MANAGERS,
               url_names=("community:organisation_edit",)),
    AccessCase("add member form", _u("member_add", "group"), MANAGERS, url_names=("community:member_add",)),
    AccessCase("person search", _u("person_search", query="?q=Mbah"), WRITERS,
               url_names=("community:person_search",)),
    AccessCase("volunteers", _u("volunteer_list"), READERS, url_names=("community:volunteer_list",)),
    AccessCase("new volunteer", _u("volunteer_create"), MANAGERS, url_names=("community:volunteer_create",)),
    AccessCase("edit volunteer", _u("volunteer_edit", "volunteer"), MANAGERS,
               url_names=("community:volunteer_edit",)),
    AccessCase("activities", _u("activity_list", query="?year=2026"), READERS,
               url_names=("community:activity_list",)),
    AccessCase("new activity", _u("activity_create"), WRITERS, url_names=("community:activity_create",)),
    AccessCase("activity", _u("activity_detail", "activity"), READ_DINAS, url_names=("community:activity_detail",)),
    AccessCase("activity photo", _u("attachment", "activity", "photo"), READ_DINAS,
               url_names=("community:attachment",)),
    AccessCase("LKS activity", _u("activity_detail", "lks_activity"), READ_LKS),
    AccessCase("activity edit form", _u("activity_edit", "activity"), WRITE_DINAS,
               url_names=("community:activity_edit",)),
    AccessCase("remove file form", _u("attachment_delete", "activity", "photo"), WRITE_DINAS,
               url_names=("community:attachment_delete",)),
    AccessCase("export organisations", _u("export_organisations"), READERS,
               url_names=("community:export_organisations",)),
    AccessCase("export volunteers", _u("export_volunteers"), READERS, url_names=("community:export_volunteers",)),
    AccessCase("export activities", _u("export_activities", query="?year=2026"), READERS,
               url_names=("community:export_activities",)),
    AccessCase("award rounds", _u("round_list"), READERS, url_names=("community:round_list",)),
    AccessCase("award rounds export", _u("export_rounds", query="?status=draft"), READERS,
               url_names=("community:export_rounds",)),
    AccessCase("new award round", _u("round_create"), MANAGERS, url_names=("community:round_create",)),
    AccessCase("award round", _u("round_detail", "round"), READERS, url_names=("community:round_detail",)),
    AccessCase("criteria form", _u("round_criteria", "draft"), MANAGERS, url_names=("community:round_criteria",)),
    AccessCase("score sheet", _u("score_sheet", "round", "juror"), MANAGERS, url_names=("community:score_sheet",)),
    AccessCase("export ranking", _u("export_ranking", "round"), READERS, url_names=("community:export_ranking",)),
    AccessCase("export members", _u("export_members", query="?kind=karang_werdha&current=on"), READERS,
               url_names=("community:export_members",)),
    AccessCase("certificate", _u("certificate", "final", "winner"), READERS, url_names=("community:certificate",)),
    # ------------------------------------------------------------------------------------ API (GET)
    AccessCase("api organisations", _api("psks-organisations/?kind=karang_werdha"), READERS, api=True,
               url_names=("psks-organisation-list",)),
    AccessCase("api organisation", _api("psks-organisations/{group}/"), READERS, api=True,
               url_names=("psks-organisation-detail",)),
    AccessCase("api volunteers", _api("psks-volunteers/"), READERS, api=True, url_names=("psks-volunteer-list",)),
    AccessCase("api volunteer", _api("psks-volunteers/{volunteer}/"), READERS, api=True,
               url_names=("psks-volunteer-detail",)),
    AccessCase("api activity types", _api("community-activity-types/"), READERS, api=True,
               url_names=("community-activity-type-list",)),
    AccessCase("api activity type", _api("community-activity-types/{type}/"), READERS, api=True,
               url_names=("community-activity-type-detail",)),
    AccessCase("api activities", _api("community-activities/?year=2026"), READERS, api=True,
               url_names=("community-activity-list",)),
    AccessCase("api activity", _api("community-activities/{activity}/"), READ_DINAS, api=True,
               url_names=("community-activity-detail",)),
    AccessCase("api LKS activity", _api("community-activities/{lks_activity}/"), READ_LKS, api=True),
    AccessCase("api members", _api("community-members/?group={group}&current=1"), READERS, api=True,
               url_names=("community-member-list",)),
    AccessCase("api member", _api("community-members/{member}/"), READERS, api=True,
               url_names=("community-member-detail",)),
    AccessCase("api rounds", _api("award-rounds/"), READERS, api=True, url_names=("award-round-list",)),
    AccessCase("api round", _api("award-rounds/{round}/"), READERS, api=True, url_names=("award-round-detail",)),
    AccessCase("api scores", _api("award-rounds/{round}/scores/"), READERS, api=True,
               url_names=("award-round-scores",)),
    AccessCase("api ranking", _api("award-rounds/{round}/ranking/"), READERS, api=True,
               url_names=("award-round-ranking",)),
    # --------------------------------------------------------------------------------- pages (POST)
    AccessCase("create organisation", _u("organisation_create"), MANAGERS, method="post", ok_status=(302,),
               setup=_next, data=lambda a, c: {"kind": "lks", "name": f"LKS Baru {c['n']}",
                                                "registration_number": "460/1/2026", "accreditation": "B",
                                                "accredited_on": "2025-05-01", "active": "on"}),
    AccessCase("edit organisation", _u("organisation_edit", "group"), MANAGERS, method="post", ok_status=(302,),
               data={"kind": "karang_werdha", "name": "Karang Werdha Uji", "active": "on", "phone": "0812"}),
    AccessCase("add member", _u("member_add", "group"), MANAGERS, method="post", ok_status=(302,),
               data={"name": "Pak Lurah", "role": "adviser", "term_start": "2026-01-01"}),
    AccessCase("end a term", _u("member_end", "member"), MANAGERS, method="post", ok_status=(302,),
               data={"term_end": "2026-06-30"}, url_names=("community:member_end",)),
    AccessCase("create volunteer", _u("volunteer_create"), MANAGERS, method="post", ok_status=(302,),
               data={"kind": "psm", "full_name": "Sri Wahyuni", "phone": "0812-1", "active": "on"}),
    AccessCase("edit volunteer", _u("volunteer_edit", "volunteer"), MANAGERS, method="post", ok_status=(302,),
               data={"kind": "tksk", "full_name": "Agus Salim", "phone": "0812-2", "active": "on"}),
    AccessCase("record activity", _u("activity_create"), WRITERS, method="post", ok_status=(302,),
               data=lambda a, c: {"activity_type": c["type"], "title": "Forum Keluarga", "held_on": "2026-04-02",
                                  "place": "Aula", "organiser_name": "Dinsos", "head_count": "30",
                                  "budget_used": "1500000"}),
    AccessCase("attach a photo", _u("attachment_add", "activity"), WRITE_DINAS, method="post", ok_status=(302,),
               setup=lambda a, c: None, data=lambda a, c: {"kind": "photo", "file": png_upload()},
               url_names=("community:attachment_add",)),
    AccessCase("change activity", _u("activity_edit", "activity"), WRITE_DINAS, method="post", ok_status=(302,),
               data=lambda a, c: {"activity_type": c["type"], "title": "Apel dan Senam (koreksi)",
                                  "held_on": "2026-03-05", "place": "Stadion Gajayana", "organiser_name": "Dinsos",
                                  "head_count": "40", "budget_used": "0", "reason": "jumlah peserta"}),
    AccessCase("remove a file", _u("attachment_delete", "activity", "fresh_photo"), WRITE_DINAS, method="post",
               ok_status=(302,), setup=_fresh_photo, data={"reason": "foto salah"}),
    AccessCase("create award round", _u("round_create"), MANAGERS, method="post", ok_status=(302,), setup=_next,
               data=lambda a, c: {"year": 2030 + c["n"], "winner_count": "3"}),
    AccessCase("set criteria", _u("round_criteria", "draft"), MANAGERS, method="post", ok_status=(302,),
               data={"name_0": "Kelembagaan", "weight_0": "60", "name_1": "Kesehatan", "weight_1": "40"}),
    AccessCase("add a group", _u("round_add_entry", "draft"), MANAGERS, method="post", ok_status=(302,),
               setup=_fresh_group, data=lambda a, c: {"group": c["fresh_group"]},
               url_names=("community:round_add_entry",)),
    AccessCase("add a juror", _u("round_add_juror", "draft"), MANAGERS, method="post", ok_status=(302,),
               data={"name": "Dr. Umi"}, url_names=("community:round_add_juror",)),
    AccessCase("open scoring", _u("round_open", "draft"), MANAGERS, method="post", ok_status=(302,),
               url_names=("community:round_open",)),
    AccessCase("save a score sheet", _u("score_sheet", "round", "juror"), MANAGERS, method="post",
               ok_status=(302,), data=lambda a, c: {f"s_{c['entry']}_{c['criterion']}": "75"}),
    AccessCase("finalise", _u("round_finalise", "ready"), APPROVERS, method="post", ok_status=(302,),
               url_names=("community:round_finalise",)),
    # ----------------------------------------------------------------------------------- API (write)
    AccessCase("api create organisation", _api("psks-organisations/"), MANAGERS, api=True, method="post",
               ok_status=(201,), setup=_next, data=lambda a, c: {"kind": "wksbm", "name": f"WKSBM {c['n']}"}),
    AccessCase("api change organisation", _api("psks-organisations/{group}/"), MANAGERS, api=True, method="patch",
               data={"phone": "0341-123"}),
    AccessCase("api create volunteer", _api("psks-volunteers/"), MANAGERS, api=True, method="post", ok_status=(201,),
               data={"kind": "tagana", "full_name": "Rudi", "phone": "0813"}),
    AccessCase("api change volunteer", _api("psks-volunteers/{volunteer}/"), MANAGERS, api=True, method="patch",
               data={"active": False}),
    AccessCase("api record activity", _api("community-activities/"), WRITERS, api=True, method="post",
               ok_status=(201,), data={"activity_type": "komda-meeting", "title": "Rapat KOMDA",
                                       "held_on": "2026-05-05", "place": "Balai Kota", "organiser_name": "KOMDA",
                                       "head_count": 25, "budget_used": "1000000"}),
    AccessCase("api change activity", _api("community-activities/{activity}/"), WRITE_DINAS, api=True,
               method="patch", data={"head_count": 45, "reason": "hitung ulang"}),
    AccessCase("api add member", _api("community-members/"), MANAGERS, api=True, method="post", ok_status=(201,),
               data=lambda a, c: {"group": c["group"], "name": "Pak RW", "role": "adviser",
                                  "term_start": "2026-01-01"}),
    AccessCase("api change member", _api("community-members/{member}/"), MANAGERS, api=True, method="patch",
               data={"position": "Ketua", "reason": "koreksi"}),
    AccessCase("api create round", _api("award-rounds/"), MANAGERS, api=True, method="post", ok_status=(201,),
               setup=_next, data=lambda a, c: {"year": 2040 + c["n"]}),
    AccessCase("api set criteria", _api("award-rounds/{draft}/criteria/"), MANAGERS, api=True, method="post",
               data={"criteria": [{"name": "A", "weight": 70}, {"name": "B", "weight": 30}]},
               url_names=("award-round-criteria",)),
    AccessCase("api add group", _api("award-rounds/{draft}/entries/"), MANAGERS, api=True, method="post",
               ok_status=(201,), setup=_fresh_group, data=lambda a, c: {"group": c["fresh_group"]},
               url_names=("award-round-entries",)),
    AccessCase("api add juror", _api("award-rounds/{draft}/jurors/"), MANAGERS, api=True, method="post",
               ok_status=(201,), data={"name": "dr. Bayu"}, url_names=("award-round-jurors",)),
    AccessCase("api open scoring", _api("award-rounds/{draft}/open/"), MANAGERS, api=True, method="post",
               ok_status=(200, 400), url_names=("award-round-open-scoring",),
               notes="200 for the first, then 400: scoring is already open"),
    AccessCase("api score sheet", _api("award-rounds/{round}/scores/"), MANAGERS, api=True, method="post",
               data=lambda a, c: {"juror": c["juror"], "scores": [
                   {"entry": c["entry"], "criterion": c["criterion"], "score": "88.5"}]}),
    AccessCase("api finalise", _api("award-rounds/{ready}/finalise/"), APPROVERS, api=True, method="post",
               ok_status=(200, 409), url_names=("award-round-finalise",),
               notes="200 for the first, then 409: the round is finalised"),
]
GET_CASES = [c for c in MATRIX if c.method == "get"]
WRITE_CASES = [c for c in MATRIX if c.method != "get"]


def fake_certificate(entry, by):
    """A numbered certificate with a stand-in PDF (WeasyPrint takes seconds; test_certificates renders)."""
    letter = core_letters.issue_letter(type_code="COM-KWB", subject="test", by=by, record=entry)
    letter.pdf.save(f"{letter.pk}.pdf", ContentFile(b"%PDF-1.4 test certificate"), save=False)
    letter.save_with_reason(by=by, reason="pdf")
    entry.letter = letter
    entry.save_with_reason(by=by, reason=letter.number)
    return letter


@pytest.fixture
def world(actors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = True
    operator, kabid, lks_a = actors["operator"], actors["kabid"], actors["lks_a"]
    kw = group(kabid, name="Karang Werdha Uji")
    member = services.add_member(group=kw, by=kabid, name="Mbah Sumarni", role="chair", term_start=date_2025())
    volunteer = services.create_volunteer(by=kabid, kind="psm", full_name="Nur Aini", phone="0812")
    act = activity(operator)
    photo = services.add_attachment(activity=act, by=operator, kind="photo", upload=png_upload())
    lks_act = activity(lks_a, title="Forum Karang Werdha LKS")
    scoring = award_round(kabid, year=2026)
    draft = award_round(kabid, year=2027, open_scoring=False)
    ready = award_round(kabid, year=2028)
    score_all(ready, kabid)
    final = award_round(kabid, year=2025)
    score_all(final, kabid, value=lambda e, c, j: 60 + e.pk % 7)
    services.finalise_round(award_round=final, by=kabid)
    winner = final.entries.get(rank=1)
    fake_certificate(winner, kabid)
    entry = scoring.entries.first()
    from desaku.community.models import ActivityType

    return {"group": kw.pk, "member": member.pk, "volunteer": volunteer.pk, "activity": act.pk, "photo": photo.pk,
            "lks_activity": lks_act.pk, "round": scoring.pk, "draft": draft.pk, "ready": ready.pk, "final": final.pk,
            "winner": winner.pk, "juror": scoring.jurors.first().pk, "entry": entry.pk,
            "criterion": scoring.criteria.first().pk, "type": ActivityType.objects.get(code="family-support").pk}


def date_2025():
    from datetime import date

    return date(2025, 1, 1)


@pytest.mark.django_db
def test_pages_and_reads(actors, world):
    for case in GET_CASES:
        check_access(case, actors, world)


@pytest.mark.django_db
@pytest.mark.parametrize("case", WRITE_CASES, ids=lambda c: c.name)
def test_writes(case, actors, world):
    check_access(case, actors, world)


@pytest.mark.django_db
def test_lks_b_cannot_reach_lks_a_activity_or_its_photo_by_id(actors, world):
    """Guessing ids gives 404, never the record: page, file, API."""
    lks_a, lks_b = actors["lks_a"], actors["lks_b"]
    photo = services.add_attachment(activity=services.CommunityActivity.objects.get(pk=world["lks_activity"]),
                                    by=lks_a, kind="photo", upload=png_upload())
    client = Client()
    client.force_login(lks_b)
    assert client.get(reverse("community:activity_detail", args=[world["lks_activity"]])).status_code == 404
    assert client.get(reverse("community:attachment", args=[world["lks_activity"], photo.pk])).status_code == 404
    # Another activity's id in the path does not open the file either.
    assert client.get(reverse("community:attachment", args=[world["activity"], photo.pk])).status_code == 404
    assert client.get(f"/api/v1/community-activities/{world['lks_activity']}/").status_code == 404
    assert client.post(reverse("community:attachment_add", args=[world["lks_activity"]]),
                       {"kind": "photo", "file": png_upload()}).status_code == 404
    listed = client.get("/api/v1/community-activities/").json()["results"]
    assert world["lks_activity"] not in {row["id"] for row in listed}
    client.force_login(lks_a)
    response = client.get(reverse("community:attachment", args=[world["lks_activity"], photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_outreach_officers_mentors_and_kemensos_are_refused(actors, world):
    for actor in ("penjangkauan", "pendamping", "kemensos"):
        client = Client()
        client.force_login(actors[actor])
        assert client.get(reverse("community:home")).status_code == 403
        assert client.get("/api/v1/award-rounds/").status_code == 403
