"""Who may use each training URL and API route: role (read, write, catalogue) and data scope.

The Dinas world: a running batch created by the operator (organisation scope) with one participant, and a
finished batch with a graduate (certificate, follow-ups). The LKS A world: its own batch with a graduate.
Outreach officers, Kemensos reviewers and mentors have no business here (403); others outside the scope 404.
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from desaku.core import letters as core_letters
from desaku.core.testing import AccessCase, check_access
from desaku.training import services
from desaku.training.models import Course
from desaku.training.tests.helpers import batch, course, run_to_completion, today, trainee

READERS = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "lks_a", "lks_b", "auditor"})
WRITERS = frozenset({"admin", "kabid", "peksos", "operator", "lks_a", "lks_b"})
CATALOGUE = frozenset({"admin", "kabid", "operator"})
# The Dinas batches, created by the operator: the Peksos (own scope) does not see them.
READ_DINAS = frozenset({"admin", "kadis", "kabid", "operator", "auditor"})
WRITE_DINAS = frozenset({"admin", "kabid", "operator"})
READ_LKS = frozenset({"admin", "kadis", "auditor", "lks_a"})


def _u(name, *keys, query=""):
    return lambda a, c: reverse(f"training:{name}", args=[c[k] for k in keys]) + query


def _api(path):
    return lambda a, c: "/api/v1/" + path.format(**c)


def fake_certificate(enrolment, by):
    """A numbered certificate with a stand-in PDF (WeasyPrint takes seconds; test_certificate renders for real)."""
    letter = core_letters.issue_letter(type_code="TRN-SERT", subject="test", by=by, record=enrolment)
    letter.pdf.save(f"{letter.pk}.pdf", ContentFile(b"%PDF-1.4 test certificate"), save=False)
    letter.save_with_reason(by=by, reason="pdf")
    enrolment.refresh_from_db()
    enrolment.certificate = letter
    enrolment.save_with_reason(by=by, reason=letter.number)
    return letter


def _fresh_enrolment(actors, context):
    """Withdrawal consumes its enrolment: a new participant for every request."""
    context["n"] = context.get("n", 0) + 1
    person = trainee(actors["operator"], f"Peserta Baru {context['n']}")
    context["fresh"] = services.enrol(batch=context["batch_obj"], person=person, by=actors["operator"]).pk


MATRIX = [
    # ---------------------------------------------------------------------------------- pages (GET)
    AccessCase("batches", _u("batch_list"), READERS, url_names=("training:batch_list",)),
    AccessCase("batches filtered", _u("batch_list", query="?status=running&year=2026"), READERS),
    AccessCase("courses", _u("course_list"), READERS, url_names=("training:course_list",)),
    AccessCase("batches export", _u("export_batches", query="?year=2026"), READERS,
               url_names=("training:export_batches",)),
    AccessCase("courses export", _u("export_courses"), READERS, url_names=("training:export_courses",)),
    AccessCase("new course", _u("course_create"), CATALOGUE, url_names=("training:course_create",)),
    AccessCase("edit course", _u("course_edit", "course"), CATALOGUE, url_names=("training:course_edit",)),
    AccessCase("new batch", _u("batch_create"), WRITERS, url_names=("training:batch_create",)),
    AccessCase("batch", _u("batch_detail", "batch"), READ_DINAS, url_names=("training:batch_detail",)),
    AccessCase("LKS batch", _u("batch_detail", "lks_batch"), READ_LKS),
    AccessCase("enrol: search", _u("enrol", "batch", query="?q=Sumiati"), WRITE_DINAS, url_names=("training:enrol",)),
    AccessCase("enrol: household", lambda a, c: reverse("training:enrol", args=[c["batch"]])
               + f"?household={c['household']}", WRITE_DINAS),
    AccessCase("enrol: a person from a case", lambda a, c: reverse("training:enrol", args=[c["batch"]])
               + f"?person={c['person2']}&source=case&ref=cases.case:1", WRITE_DINAS),
    AccessCase("attendance grid", _u("attendance", "batch", "session"), READ_DINAS,
               url_names=("training:attendance",)),
    AccessCase("scores", _u("scores", "batch"), READ_DINAS, url_names=("training:scores",)),
    AccessCase("batch report", _u("batch_report", "batch"), READ_DINAS, url_names=("training:batch_report",)),
    AccessCase("participants export", _u("export_participants", "batch"), READ_DINAS,
               url_names=("training:export_participants",)),
    AccessCase("certificate", _u("certificate", "graduate"), READ_DINAS, url_names=("training:certificate",)),
    AccessCase("LKS certificate", _u("certificate", "lks_graduate"), READ_LKS),
    AccessCase("follow-ups", _u("follow_up_list", query="?show=all"), READERS, url_names=("training:follow_up_list",)),
    AccessCase("follow-ups export", _u("export_follow_ups", query="?show=all"), READERS,
               url_names=("training:export_follow_ups",)),
    AccessCase("follow-up", _u("follow_up", "follow_up"), READ_DINAS, url_names=("training:follow_up",)),
    AccessCase("reports", _u("reports", query="?by=skill&year=2026"), READERS, url_names=("training:reports",)),
    AccessCase("reports per PPKS group", _u("reports", query="?by=ppks"), READERS),
    AccessCase("report export", _u("export_report", query="?by=funding"), READERS,
               url_names=("training:export_report",)),
    # ------------------------------------------------------------------------------------ API (GET)
    AccessCase("api courses", _api("training-courses/"), READERS, api=True, url_names=("training-course-list",)),
    AccessCase("api course", _api("training-courses/{course}/"), READERS, api=True,
               url_names=("training-course-detail",)),
    AccessCase("api batches", _api("training-batches/?status=running"), READERS, api=True,
               url_names=("training-batch-list",)),
    AccessCase("api batch", _api("training-batches/{batch}/"), READ_DINAS, api=True,
               url_names=("training-batch-detail",)),
    AccessCase("api LKS batch", _api("training-batches/{lks_batch}/"), READ_LKS, api=True),
    AccessCase("api enrolments", _api("training-enrolments/?batch={batch}"), READERS, api=True,
               url_names=("training-enrolment-list",)),
    AccessCase("api enrolment", _api("training-enrolments/{enrolment}/"), READ_DINAS, api=True,
               url_names=("training-enrolment-detail",)),
    AccessCase("api LKS enrolment", _api("training-enrolments/{lks_graduate}/"), READ_LKS, api=True),
    AccessCase("api sessions", _api("training-sessions/?batch={batch}"), READERS, api=True,
               url_names=("training-session-list",)),
    AccessCase("api session", _api("training-sessions/{session}/"), READ_DINAS, api=True,
               url_names=("training-session-detail",)),
    AccessCase("api attendance", _api("training-sessions/{session}/attendance/"), READ_DINAS, api=True,
               url_names=("training-session-attendance",)),
    AccessCase("api follow-ups", _api("training-follow-ups/?due=1"), READERS, api=True,
               url_names=("training-follow-up-list",)),
    AccessCase("api follow-up", _api("training-follow-ups/{follow_up}/"), READ_DINAS, api=True,
               url_names=("training-follow-up-detail",)),
    # --------------------------------------------------------------------------------- pages (POST)
    AccessCase("create course", _u("course_create"), CATALOGUE, method="post", ok_status=(302,),
               data=lambda a, c: {"skill_type": c["skill"], "name": "Barista", "sessions": "5", "hours": "20",
                                  "min_attendance_pct": "80", "pass_score": "70", "active": "on"}),
    AccessCase("create batch", _u("batch_create"), WRITERS, method="post", ok_status=(302,),
               data=lambda a, c: {"course": c["course"], "name": "Angkatan II", "provider_kind": "dinas",
                                  "provider_name": "Dinas Sosial", "location": "Aula", "start_date": "2026-12-07",
                                  "end_date": "2026-12-11", "weekdays": ["1", "3"], "start_time": "08:00",
                                  "end_time": "12:00", "capacity": "15", "budget": "5000000"}),
    AccessCase("change status", _u("batch_status", "planned"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"to": "open"}, url_names=("training:batch_status",),
               notes="the first opens it; the others are told it cannot move again (302 with a message)"),
    AccessCase("add session", _u("session_add", "batch"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"date": "2026-12-20", "start_time": "13:00", "end_time": "15:00"},
               url_names=("training:session_add",)),
    AccessCase("budget used", _u("batch_budget", "batch"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"budget_used": "2500000"}, url_names=("training:batch_budget",)),
    AccessCase("enrol", _u("enrol", "batch"), WRITE_DINAS, method="post", ok_status=(302,),
               data=lambda a, c: {"person": c["person2"]}),
    AccessCase("withdraw", lambda a, c: reverse("training:withdraw", args=[c["fresh"]]), WRITE_DINAS,
               method="post", ok_status=(302,), setup=_fresh_enrolment, data={"reason": "bekerja"},
               url_names=("training:withdraw",)),
    AccessCase("take attendance", _u("attendance", "batch", "session"), WRITE_DINAS, method="post",
               ok_status=(302,), data=lambda a, c: {f"mark-{c['enrolment']}": "late"}),
    AccessCase("record scores", _u("scores", "batch"), WRITE_DINAS, method="post", ok_status=(302,),
               data=lambda a, c: {f"score-{c['enrolment']}": "75"}),
    AccessCase("record follow-up", _u("follow_up", "follow_up"), WRITE_DINAS, method="post", ok_status=(302,),
               data=lambda a, c: {"done_on": str(today()), "work_status": "own_business",
                                  "monthly_income": "1200000"}),
    # ----------------------------------------------------------------------------------- API (write)
    AccessCase("api create course", _api("training-courses/"), CATALOGUE, api=True, method="post",
               ok_status=(201,), data={"skill_type": "sablon", "name": "Sablon Lanjut", "target_groups": ["PPKS-24"]}),
    AccessCase("api create batch", _api("training-batches/"), WRITERS, api=True, method="post", ok_status=(201,),
               data=lambda a, c: {"course": c["course"], "name": "API", "provider_kind": "company",
                                  "provider_name": "CSR Bank", "location": "Aula", "start_date": "2026-12-07",
                                  "end_date": "2026-12-09", "capacity": 10, "start_time": "08:00",
                                  "end_time": "11:00", "funding_source": "CSR"}),
    AccessCase("api status", _api("training-batches/{planned}/status/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200, 400), data={"to": "open"}, url_names=("training-batch-change-status",)),
    AccessCase("api add session", _api("training-batches/{batch}/sessions/"), WRITE_DINAS, api=True, method="post",
               ok_status=(201,), data={"date": "2026-12-21", "start_time": "13:00", "end_time": "15:00"},
               url_names=("training-batch-add-session",)),
    AccessCase("api enrol", _api("training-enrolments/"), WRITERS, api=True, method="post", ok_status=(201, 400),
               data=lambda a, c: {"batch": c["batch"], "person": c["person3"]},
               notes="400 for a writer who cannot see the batch or the person, or when already enrolled"),
    AccessCase("api withdraw", lambda a, c: f"/api/v1/training-enrolments/{c['fresh']}/withdraw/", WRITE_DINAS,
               api=True, method="post", ok_status=(200,), setup=_fresh_enrolment, data={"reason": "pindah"},
               url_names=("training-enrolment-withdraw",)),
    AccessCase("api score", _api("training-enrolments/{enrolment}/score/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200,), data={"final_score": 88}, url_names=("training-enrolment-score",)),
    AccessCase("api take attendance", _api("training-sessions/{session}/attendance/"), WRITE_DINAS, api=True,
               method="post", ok_status=(200,), data=lambda a, c: {"marks": [{"enrolment": c["enrolment"],
                                                                              "mark": "present"}]}),
    AccessCase("api record follow-up", _api("training-follow-ups/{follow_up}/record/"), WRITE_DINAS, api=True,
               method="post", ok_status=(200,), data={"work_status": "employed", "monthly_income": "2000000"},
               url_names=("training-follow-up-record",)),
]
GET_CASES = [c for c in MATRIX if c.method == "get"]
WRITE_CASES = [c for c in MATRIX if c.method != "get"]


@pytest.fixture
def world(actors):
    from desaku.people import services as people_services

    op, lks_a = actors["operator"], actors["lks_a"]
    the_course = course(op)
    running = batch(op, the_course, days=1, name="Menjahit Berjalan")
    person = trainee(op, "Sumiati")
    enrolment = services.enrol(batch=running, person=person, by=op)
    services.change_status(batch=running, by=op, to="running")
    household = people_services.create_household(by=op, head=trainee(op, "Kepala Keluarga"))
    finished = batch(op, the_course, days=1, name="Menjahit Selesai", start=date(2026, 1, 5))
    graduate = services.enrol(batch=finished, person=trainee(op, "Lulusan"), by=op)
    run_to_completion(finished, op)
    fake_certificate(graduate, op)
    planned = batch(op, the_course, days=1, name="Menjahit Rencana", status="planned", start=date(2026, 12, 14))
    lks_batch = batch(lks_a, the_course, days=1, name="Menjahit LKS A", start=date(2026, 2, 2))
    lks_graduate = services.enrol(batch=lks_batch, person=trainee(lks_a, "Peserta LKS"), by=lks_a)
    run_to_completion(lks_batch, lks_a)
    fake_certificate(lks_graduate, lks_a)
    return {
        "course": the_course.pk, "skill": the_course.skill_type_id, "batch": running.pk, "batch_obj": running,
        "session": running.sessions.get().pk, "enrolment": enrolment.pk, "person2": trainee(op, "Paini").pk,
        "person3": trainee(op, "Warsini").pk, "household": household.pk, "graduate": graduate.pk,
        "follow_up": graduate.follow_ups.get(months=3).pk, "planned": planned.pk, "lks_batch": lks_batch.pk,
        "lks_graduate": lks_graduate.pk,
    }


@pytest.mark.django_db
def test_pages_and_reads(actors, world):
    """Every GET case against one world (reads change nothing but the access log)."""
    for case in GET_CASES:
        check_access(case, actors, world)


@pytest.mark.django_db
def test_writes(actors, world):
    """Every write case against one world (a world per case would be slow; the cases do not depend on order)."""
    for case in WRITE_CASES:
        check_access(case, actors, world)


@pytest.mark.django_db
def test_lks_b_cannot_reach_lks_a_records_by_guessing_ids(actors, world):
    client = Client()
    client.force_login(actors["lks_b"])
    assert client.get(reverse("training:batch_detail", args=[world["lks_batch"]])).status_code == 404
    assert client.get(reverse("training:certificate", args=[world["lks_graduate"]])).status_code == 404
    assert client.get(reverse("training:batch_report", args=[world["lks_batch"]])).status_code == 404
    assert client.get(f"/api/v1/training-enrolments/{world['lks_graduate']}/").status_code == 404
    assert client.get(f"/api/v1/training-batches/{world['lks_batch']}/").status_code == 404
    listed = client.get("/api/v1/training-enrolments/").json()
    assert listed["count"] == 0
    lks_person = world_person(world["lks_graduate"])
    assert client.get(reverse("people:detail", args=[lks_person])).status_code == 404
    # ... while LKS A sees its trainee through the batch.
    client.force_login(actors["lks_a"])
    assert client.get(reverse("people:detail", args=[lks_person])).status_code == 200


def world_person(enrolment_id):
    from desaku.training.models import Enrolment

    return Enrolment.objects.get(pk=enrolment_id).person_id


@pytest.mark.django_db
def test_outsiders_are_refused_everywhere(actors, world):
    for actor in ("kemensos", "pendamping", "penjangkauan"):
        client = Client()
        client.force_login(actors[actor])
        assert client.get(reverse("training:batch_list")).status_code == 403
        assert client.get("/api/v1/training-batches/").status_code == 403


@pytest.mark.django_db
def test_read_only_roles_cannot_write(actors, world):
    for actor in ("kadis", "auditor"):
        client = Client()
        client.force_login(actors[actor])
        assert client.post(reverse("training:batch_status", args=[world["planned"]]), {"to": "open"}).status_code == 403
        assert client.post("/api/v1/training-courses/", {"skill_type": "musik", "name": "x"},
                           content_type="application/json").status_code == 403
    assert not Course.objects.filter(name="x").exists()


@pytest.mark.django_db
def test_the_provider_lks_sees_the_participants_of_its_batch(actors):
    from desaku.people.selectors import persons_visible_to

    op, lks_a = actors["operator"], actors["lks_a"]
    person = trainee(op, "Warga Dinsos")
    assert not persons_visible_to(lks_a).filter(pk=person.pk).exists()
    provided = batch(op, days=1, provider_organisation=lks_a.organisation)
    services.enrol(batch=provided, person=person, by=op)
    # The registry record follows consent (test_trainee_visibility): with a processing consent the provider sees it.
    assert not persons_visible_to(lks_a).filter(pk=person.pk).exists()
    from desaku.people import services as people_services

    people_services.record_consent(person=person, by=op, given_on=today())
    assert persons_visible_to(lks_a).filter(pk=person.pk).exists()
    assert not persons_visible_to(actors["lks_b"]).filter(pk=person.pk).exists()
    client = Client()
    client.force_login(lks_a)
    assert client.get(reverse("training:batch_detail", args=[provided.pk])).status_code == 200
