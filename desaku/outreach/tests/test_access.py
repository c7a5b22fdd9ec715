"""Who may use each outreach URL and API route: role (read, write) and data scope (own, organisation, all).

The Dinas world: an operation by the outreach officer (own scope) with the Peksos in the team; the
person found is admitted with the Peksos responsible. The LKS A world: its own operation and stay.
Kemensos reviewers and mentors have no business here (403); partners see only their own (404).
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from desaku.core.testing import AccessCase, check_access
from desaku.outreach import services
from desaku.outreach.models import Shelter
from desaku.outreach.tests.helpers import RETURNED, admitted, assessed, fake_letter, png_bytes, raid, today
from desaku.people.tests.factories import make_person

READERS = frozenset({"admin", "kadis", "kabid", "peksos", "penjangkauan", "operator", "lks_a", "lks_b", "auditor"})
WRITERS = frozenset({"admin", "kabid", "peksos", "penjangkauan", "operator", "lks_a", "lks_b"})
# The Dinas operation (by the outreach officer, the Peksos in its team) and its stay (the Peksos responsible).
READ_DINAS = frozenset({"admin", "kadis", "kabid", "peksos", "penjangkauan", "operator", "auditor"})
WRITE_DINAS = frozenset({"admin", "kabid", "peksos", "penjangkauan", "operator"})
# The encounter, recorded by the outreach officer: a Peksos with "own" scope does not see it.
READ_ENCOUNTER = READ_DINAS - {"peksos"}
WRITE_ENCOUNTER = WRITE_DINAS - {"peksos"}
# The activity, recorded by the outreach officer.
READ_ACTIVITY = READ_ENCOUNTER
# LKS A's own records.
READ_LKS = frozenset({"admin", "kadis", "auditor", "lks_a"})


def _u(name, *keys, query=""):
    return lambda a, c: reverse(f"outreach:{name}", args=[c[k] for k in keys]) + query


def _api(path):
    return lambda a, c: "/api/v1/" + path.format(**c)


def _fresh_person(actors, context):
    """Admission consumes its person (one open stay each): a new one for every request."""
    context["n"] = context.get("n", 0) + 1
    context["fresh"] = make_person(actors["penjangkauan"], f"Orang Baru {context['n']}", birth_year=1970 + context["n"]).pk


MATRIX = [
    # ---------------------------------------------------------------------------------- pages (GET)
    AccessCase("board", _u("board"), READERS, url_names=("outreach:board",)),
    AccessCase("operations", _u("operation_list"), READERS, url_names=("outreach:operation_list",)),
    AccessCase("operations filtered", _u("operation_list", query="?kind=raid&month=2026-03&kecamatan=35.73.02"),
               READERS),
    AccessCase("new operation", _u("operation_create"), WRITERS, url_names=("outreach:operation_create",)),
    AccessCase("operation", _u("operation_detail", "op"), READ_DINAS, url_names=("outreach:operation_detail",)),
    AccessCase("LKS operation", _u("operation_detail", "lks_op"), READ_LKS),
    AccessCase("capture", _u("encounter_capture", "op"), WRITE_DINAS, url_names=("outreach:encounter_capture",)),
    AccessCase("capture with a person", lambda a, c: reverse("outreach:encounter_capture", args=[c["op"]])
               + f"?person={c['person']}", WRITE_DINAS),
    AccessCase("capture at an LKS operation", _u("encounter_capture", "lks_op"), frozenset({"admin", "lks_a"})),
    AccessCase("person search", _u("person_search", query="?purpose=admit&q=Yanto"), WRITERS,
               url_names=("outreach:person_search",)),
    AccessCase("live duplicate check", lambda a, c: reverse("outreach:person_search")
               + f"?purpose=capture&operation={c['op']}&nickname=Yanto&sex=L", WRITE_DINAS),
    AccessCase("encounters", _u("encounter_list", query="?returns=on"), READERS,
               url_names=("outreach:encounter_list",)),
    AccessCase("encounter", _u("encounter_detail", "encounter"), READ_ENCOUNTER,
               url_names=("outreach:encounter_detail",)),
    AccessCase("stays", _u("stay_list"), READERS, url_names=("outreach:stay_list",)),
    AccessCase("admit: search", _u("admit"), WRITERS, url_names=("outreach:admit",)),
    AccessCase("admit from an encounter", lambda a, c: reverse("outreach:admit") + f"?encounter={c['encounter']}",
               WRITE_ENCOUNTER),
    AccessCase("admit a person", lambda a, c: reverse("outreach:admit") + f"?person={c['person2']}",
               WRITE_DINAS, notes="the Peksos sees the person as the responsible worker of an earlier stay"),
    AccessCase("stay", _u("stay_detail", "stay"), READ_DINAS, url_names=("outreach:stay_detail",)),
    AccessCase("LKS stay", _u("stay_detail", "lks_stay"), READ_LKS),
    AccessCase("extend form", _u("stay_extend", "stay"), WRITE_DINAS, url_names=("outreach:stay_extend",)),
    AccessCase("transfer form", _u("stay_transfer", "stay"), WRITE_DINAS, url_names=("outreach:stay_transfer",)),
    AccessCase("assessment form", _u("assessment_create", "stay"), WRITE_DINAS,
               url_names=("outreach:assessment_create",)),
    AccessCase("assessment form at LKS", _u("assessment_create", "lks_stay"), frozenset({"admin", "lks_a"})),
    AccessCase("assessment", _u("assessment_detail", "assessment"), READ_DINAS,
               url_names=("outreach:assessment_detail",)),
    AccessCase("disposition form", _u("disposition_propose", "stay"), WRITE_DINAS,
               url_names=("outreach:disposition_propose",)),
    AccessCase("dispositions", _u("disposition_list"), READERS, url_names=("outreach:disposition_list",)),
    AccessCase("waiting for approval", _u("pending_dispositions"), READERS,
               url_names=("outreach:pending_dispositions",)),
    AccessCase("waiting for approval export", _u("export_pending_dispositions"), READERS,
               url_names=("outreach:export_pending_dispositions",)),
    AccessCase("letter PDF", _u("disposition_letter", "returned"), READ_DINAS,
               url_names=("outreach:disposition_letter",)),
    AccessCase("activities", _u("activity_list"), READERS, url_names=("outreach:activity_list",)),
    AccessCase("new activity", _u("activity_create"), WRITERS, url_names=("outreach:activity_create",)),
    AccessCase("activity", _u("activity_detail", "activity"), READ_ACTIVITY, url_names=("outreach:activity_detail",)),
    AccessCase("activity photo", _u("activity_photo", "activity", "photo"), READ_ACTIVITY,
               url_names=("outreach:activity_photo",)),
    AccessCase("LKS activity", _u("activity_detail", "lks_activity"), READ_LKS),
    AccessCase("export operations", _u("export_operations", query="?kind=raid"), READERS,
               url_names=("outreach:export_operations",)),
    AccessCase("export encounters", _u("export_encounters"), READERS, url_names=("outreach:export_encounters",)),
    AccessCase("export stays", _u("export_stays"), READERS, url_names=("outreach:export_stays",)),
    AccessCase("export dispositions", _u("export_dispositions"), READERS,
               url_names=("outreach:export_dispositions",)),
    AccessCase("export activities", _u("export_activities"), READERS,
               url_names=("outreach:export_activities",)),
    # ------------------------------------------------------------------------------------ API (GET)
    AccessCase("api operations", _api("outreach-operations/"), READERS, api=True,
               url_names=("outreach-operation-list",)),
    AccessCase("api operation", _api("outreach-operations/{op}/"), READ_DINAS, api=True,
               url_names=("outreach-operation-detail",)),
    AccessCase("api encounters", _api("encounters/?outcome=shelter"), READERS, api=True,
               url_names=("encounter-list",)),
    AccessCase("api encounter", _api("encounters/{encounter}/"), READ_ENCOUNTER, api=True,
               url_names=("encounter-detail",)),
    AccessCase("api stays", _api("stays/?status=open"), READERS, api=True, url_names=("stay-list",)),
    AccessCase("api stay", _api("stays/{stay}/"), READ_DINAS, api=True, url_names=("stay-detail",)),
    AccessCase("api LKS stay", _api("stays/{lks_stay}/"), READ_LKS, api=True),
    AccessCase("api assessments", _api("stays/{stay}/assessments/"), READ_DINAS, api=True,
               url_names=("stay-assessments",)),
    AccessCase("api stay dispositions", _api("stays/{stay}/dispositions/"), READ_DINAS, api=True,
               url_names=("stay-dispositions",)),
    AccessCase("api dispositions", _api("dispositions/?status=proposed"), READERS, api=True,
               url_names=("disposition-list",)),
    AccessCase("api disposition", _api("dispositions/{pending}/"), READ_DINAS, api=True,
               url_names=("disposition-detail",)),
    AccessCase("api shelters", _api("shelters/"), READERS, api=True, url_names=("shelter-list",)),
    AccessCase("api shelter", _api("shelters/{shelter}/"), READERS, api=True, url_names=("shelter-detail",)),
    AccessCase("api occupancy", _api("shelters/occupancy/"), READERS, api=True, url_names=("shelter-occupancy",)),
    AccessCase("api activities", _api("preventive-activities/"), READERS, api=True,
               url_names=("preventive-activity-list",)),
    AccessCase("api activity", _api("preventive-activities/{activity}/"), READ_ACTIVITY, api=True,
               url_names=("preventive-activity-detail",)),
    # --------------------------------------------------------------------------------- pages (POST)
    AccessCase("create operation", _u("operation_create"), WRITERS, method="post", ok_status=(302,),
               data={"kind": "patrol", "started_at": "2026-03-02T09:00", "place": "Kayutangan"}),
    AccessCase("capture a new person", _u("encounter_capture", "op"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"nickname": "Kancil", "sex": "L", "estimated_age": "12", "activity": "busking",
                     "company": "alone", "outcome": "counselled", "encountered_at": "2026-03-01T20:30",
                     "confirm_new": "1"}),
    AccessCase("admit", _u("admit"), WRITE_ENCOUNTER, method="post", ok_status=(302,), setup=_fresh_person,
               data=lambda a, c: {"person": c["fresh"], "shelter": c["shelter"], "admitted_on": str(today())}),
    AccessCase("extend", _u("stay_extend", "stay"), WRITE_DINAS, method="post", ok_status=(200, 302),
               data={"reason": "keluarga belum ditemukan"},
               notes="302 for the approvers (twice); others see the service's refusal on the form (200)"),
    AccessCase("transfer", _u("stay_transfer", "stay"), WRITE_DINAS, method="post", ok_status=(200, 302),
               data=lambda a, c: {"to_shelter": c["twk"], "on": str(today()), "reason": "sakit"},
               notes="302 for the first; then the person is already there (200 with the message)"),
    AccessCase("new assessment version", _u("assessment_create", "stay"), WRITE_DINAS, method="post",
               ok_status=(302,), data={"assessed_on": str(today()), "identity_status": "partial",
                                       "risk_level": "low", "recommendation": "repatriated"}),
    AccessCase("add an opinion", _u("opinion_add", "assessment"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"participant": "Bapas", "role": "PK", "opinion": "setuju"}, url_names=("outreach:opinion_add",)),
    AccessCase("propose", _u("disposition_propose", "stay2"), WRITE_DINAS, method="post", ok_status=(200, 302),
               data={"kind": "released", "decided_on": str(today()), "conditions": "wajib lapor"},
               notes="302 for the first; then one is already waiting (200 with the message)"),
    AccessCase("approve", _u("disposition_approve", "pending"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"note": "setuju"}, url_names=("outreach:disposition_approve",),
               notes="only approvers change anything; the others are sent back with the service's message"),
    AccessCase("send back", _u("disposition_send_back", "pending"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"note": "lengkapi"}, url_names=("outreach:disposition_send_back",)),
    AccessCase("record an activity", _u("activity_create"), WRITERS, method="post", ok_status=(302,),
               data={"kind": "counselling", "held_on": "2026-03-05", "place": "Balai RW 05", "organiser": "Dinsos",
                     "topic": "Perda 9/2013", "head_count": "40"}),
    # ----------------------------------------------------------------------------------- API (write)
    AccessCase("api create operation", _api("outreach-operations/"), WRITERS, api=True, method="post",
               ok_status=(201,), data={"kind": "patrol", "started_at": "2026-03-02T09:00:00+07:00",
                                       "place": "Stasiun Kota Baru"}),
    AccessCase("api record encounter", _api("encounters/"), WRITERS, api=True, method="post", ok_status=(201, 400),
               data=lambda a, c: {"operation": c["op"], "person": c["person"], "activity": "begging",
                                  "outcome": "counselled"},
               notes="400 for a writer who cannot see the operation or the person"),
    AccessCase("api admit", _api("stays/"), WRITERS, api=True, method="post", ok_status=(201, 400),
               setup=_fresh_person, data=lambda a, c: {"person": c["fresh"], "shelter": "camp-assessment"},
               notes="400 for a writer who cannot see the person"),
    AccessCase("api extend", _api("stays/{stay}/extend/"), WRITE_DINAS, api=True, method="post",
               ok_status=(201, 400), data={"reason": "menunggu UPT"}, url_names=("stay-extend",),
               notes="201 for the approvers (twice), 400 with the service's message for the others"),
    AccessCase("api transfer", _api("stays/{stay}/transfer/"), WRITE_DINAS, api=True, method="post",
               ok_status=(201, 400), data={"to_shelter": "twk-sukun", "reason": "sakit"},
               url_names=("stay-transfer",)),
    AccessCase("api new assessment", _api("stays/{stay}/assessments/"), WRITE_DINAS, api=True, method="post",
               ok_status=(201,), data={"identity_status": "partial", "risk_level": "low",
                                       "recommendation": "returned", "categories": ["PPKS-12"]}),
    AccessCase("api propose", _api("stays/{stay2}/dispositions/"), WRITE_DINAS, api=True, method="post",
               ok_status=(201, 400), data={"kind": "absconded"}),
    AccessCase("api approve", _api("dispositions/{pending}/approve/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200, 400), data={"note": "setuju"}, url_names=("disposition-approve",)),
    AccessCase("api send back", _api("dispositions/{pending}/send-back/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200, 400), data={"note": "lengkapi"}, url_names=("disposition-send-back",)),
    AccessCase("api record activity", _api("preventive-activities/"), WRITERS, api=True, method="post",
               ok_status=(201,), data={"kind": "guidance", "held_on": "2026-03-05", "place": "Aula",
                                       "organiser": "Dinsos", "topic": "Pembinaan", "head_count": 12}),
]
GET_CASES = [c for c in MATRIX if c.method == "get"]
WRITE_CASES = [c for c in MATRIX if c.method != "get"]


@pytest.fixture
def world(actors, settings, tmp_path):
    """One record of each kind per scope situation (see the module docstring)."""
    settings.MEDIA_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = True  # every Client would rescan the static files otherwise
    pj, peksos, kabid, lks_a = actors["penjangkauan"], actors["peksos"], actors["kabid"], actors["lks_a"]
    person = make_person(pj, "Yanto Gepeng", birth_year=1980)
    person2 = make_person(pj, "Sarip Pengemis", birth_year=1960)
    op = raid(pj, team=[peksos])
    encounter = services.record_encounter(operation=op, by=pj, person=person, activity="begging", outcome="shelter")
    stay = admitted(person, pj, worker=peksos, encounter=encounter)
    assessment = assessed(stay, peksos)
    pending = services.propose_disposition(stay=stay, by=peksos, kind="absconded")
    stay2 = admitted(person2, pj, worker=peksos, on=today() - timedelta(days=5))
    returned = services.propose_disposition(stay=stay2, by=peksos, **RETURNED)
    services.approve_disposition(disposition=returned, by=kabid)
    fake_letter(returned, kabid)
    stay2_open = admitted(person2, pj, worker=peksos)  # person2 is back: a stay without a disposition
    activity = services.record_preventive_activity(by=pj, kind="counselling", held_on=today(), place="Balai RW",
                                                   organiser="Dinsos", topic="Perda 9/2013", head_count=20)
    photo = services.add_activity_photo(activity=activity, by=pj, image=SimpleUploadedFile("a.png", png_bytes()))
    lks_person = make_person(lks_a, "Paijo Anjal", birth_year=2012)
    lks_op = raid(lks_a, kind="patrol", place="Dinoyo")
    lks_stay = admitted(lks_person, lks_a)
    lks_activity = services.record_preventive_activity(by=lks_a, kind="guidance", held_on=today(), place="Sanggar",
                                                       organiser="LKS", topic="Pengasuhan", head_count=9)
    return {
        "op": op.pk, "lks_op": lks_op.pk, "person": person.pk, "person2": person2.pk, "encounter": encounter.pk,
        "stay": stay.pk, "stay2": stay2_open.pk, "lks_stay": lks_stay.pk, "assessment": assessment.pk,
        "pending": pending.pk, "returned": returned.pk, "activity": activity.pk, "photo": photo.pk,
        "lks_activity": lks_activity.pk, "shelter": Shelter.objects.get(code="camp-assessment").pk,
        "twk": Shelter.objects.get(code="twk-sukun").pk,
    }


@pytest.mark.django_db
def test_pages_and_reads(actors, world):
    """Every GET case against one world (reads change nothing but the access log)."""
    for case in GET_CASES:
        check_access(case, actors, world)


@pytest.mark.django_db
@pytest.mark.parametrize("case", WRITE_CASES, ids=lambda c: c.name)
def test_writes(case, actors, world):
    check_access(case, actors, world)


@pytest.mark.django_db
def test_outside_the_scope_is_not_found_rather_than_forbidden(actors, world):
    for actor, name, key in (("lks_b", "stay_detail", "lks_stay"), ("lks_a", "stay_detail", "stay"),
                             ("peksos", "encounter_detail", "encounter"), ("lks_a", "operation_detail", "op")):
        client = Client()
        client.force_login(actors[actor])
        assert client.get(reverse(f"outreach:{name}", args=[world[key]])).status_code == 404
    client = Client()
    client.force_login(actors["lks_b"])
    assert client.get(f"/api/v1/stays/{world['lks_stay']}/").status_code == 404


@pytest.mark.django_db
def test_kemensos_and_mentors_are_refused_everywhere(actors, world):
    for actor in ("kemensos", "pendamping"):
        client = Client()
        client.force_login(actors[actor])
        assert client.get(reverse("outreach:board")).status_code == 403
        assert client.get("/api/v1/shelters/").status_code == 403


@pytest.mark.django_db
def test_read_only_roles_cannot_write(actors, world):
    for actor in ("kadis", "auditor"):
        client = Client()
        client.force_login(actors[actor])
        assert client.post(reverse("outreach:disposition_approve", args=[world["pending"]])).status_code == 403
        assert client.post(f"/api/v1/stays/{world['stay']}/extend/", {"reason": "x"},
                           content_type="application/json").status_code == 403
    from desaku.outreach.models import Disposition

    assert Disposition.objects.get(pk=world["pending"]).status == "proposed"
