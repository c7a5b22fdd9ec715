"""Who may use each case URL and API route: role (read, write) and data scope (own, organisation, all).

The Dinas world: a case of the Peksos (own scope) with a plan, a service, notes, an attachment, a
referral with its letter, and a closed case. The LKS A world: its own case and attachment. The
Kepala Dinas and the auditor read; the outreach officer, Kemensos reviewers and mentors have no
business here (403); partners see only their own (404).
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from desaku.cases import services
from desaku.cases.tests.helpers import (
    exit_destination,
    institution,
    opened,
    pdf_upload,
    planned,
    service_type,
    today,
)
from desaku.core import letters as core_letters
from desaku.core import tasklist
from desaku.core.testing import AccessCase, check_access
from desaku.people.tests.factories import make_person

READERS = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "lks_a", "lks_b", "auditor"})
WRITERS = frozenset({"admin", "kabid", "peksos", "operator", "lks_a", "lks_b"})
READ_DINAS = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "auditor"})
WRITE_DINAS = frozenset({"admin", "kabid", "peksos", "operator"})
READ_LKS = frozenset({"admin", "kadis", "auditor", "lks_a"})
SUPERVISORS = frozenset({"admin", "kadis", "kabid"})
REOPENERS = frozenset({"admin", "kabid"})
TASK_READERS = frozenset({"admin", "kadis", "kabid", "peksos"})  # assigned to the Peksos; supervisors see it


def _u(name, *keys, query=""):
    return lambda a, c: reverse(f"cases:{name}", args=[c[k] for k in keys]) + query


def _api(path):
    return lambda a, c: "/api/v1/" + path.format(**c)


def _fresh_transfer(actors, context):
    """Each answer consumes the transfer: a new Dinas case offered to LKS A for every request."""
    peksos = actors["peksos"]
    case = opened(make_person(peksos, f"Transfer {context.get('n', 0)}"), peksos)
    context["n"] = context.get("n", 0) + 1
    context["transfer"] = services.request_transfer(case=case, by=peksos, to_organisation=actors["lks_a"].organisation,
                                                    reason="lebih dekat dengan LKS").pk


def _fresh_task(actors, context):
    context["task"] = tasklist.create_task(title="Kunjungan", assigned_to=actors["peksos"], due_on=today(),
                                           by=actors["peksos"]).pk


def _fresh_case(actors, context):
    peksos = actors["peksos"]
    context["fresh_case"] = opened(make_person(peksos, "Kasus Baru"), peksos).pk


def _pdf(actors, context):
    return {"title": "Surat keterangan", "file": pdf_upload()}


MATRIX = [
    # ---------------------------------------------------------------------------------- pages (GET)
    AccessCase("caseload", _u("caseload"), READERS, url_names=("cases:caseload",)),
    AccessCase("caseload filtered", _u("caseload", query="?all=1&status=open&overdue_review=on&q=Rizki"), READERS),
    AccessCase("team", _u("team"), SUPERVISORS, url_names=("cases:team",)),
    AccessCase("team export", _u("export_team"), SUPERVISORS, url_names=("cases:export_team",)),
    AccessCase("export", _u("export", query="?case_type=anak"), READERS, url_names=("cases:export",)),
    AccessCase("new case: search", _u("case_create", query="?q=Rizki"), WRITERS, url_names=("cases:case_create",)),
    AccessCase("new case for a person", lambda a, c: reverse("cases:case_create") + f"?person={c['person']}",
               WRITE_DINAS),
    AccessCase("case", _u("case_detail", "case"), READ_DINAS, url_names=("cases:case_detail",)),
    AccessCase("LKS case", _u("case_detail", "lks_case"), READ_LKS),
    AccessCase("household case", _u("case_detail", "household_case"), READ_DINAS,
               notes="a household case follows the same scope rules as a person's"),
    AccessCase("edit form", _u("case_edit", "case"), WRITE_DINAS, url_names=("cases:case_edit",)),
    AccessCase("close form", _u("case_close", "case"), WRITE_DINAS, url_names=("cases:case_close",)),
    AccessCase("reopen form", _u("case_reopen", "closed"), REOPENERS, url_names=("cases:case_reopen",)),
    AccessCase("assessment form", _u("assessment_create", "case"), WRITE_DINAS,
               url_names=("cases:assessment_create",)),
    AccessCase("plan form", _u("plan_edit", "case"), WRITE_DINAS, url_names=("cases:plan_edit",)),
    AccessCase("action form", _u("action_add", "case"), WRITE_DINAS, url_names=("cases:action_add",)),
    AccessCase("review form", _u("review_add", "case"), WRITE_DINAS, url_names=("cases:review_add",)),
    AccessCase("service form", _u("service_add", "case"), WRITE_DINAS, url_names=("cases:service_add",)),
    AccessCase("transfer form", _u("transfer_request", "case"), WRITE_DINAS, url_names=("cases:transfer_request",)),
    AccessCase("share form", _u("share_add", "case"), WRITE_DINAS, url_names=("cases:share_add",)),
    AccessCase("referral form", _u("referral_create", "case"), WRITE_DINAS, url_names=("cases:referral_create",)),
    AccessCase("village nomination form", _u("village_nominate", "case"), WRITE_DINAS,
               url_names=("cases:village_nominate",), notes="writers of the case who may also nominate to the village"),
    AccessCase("attachment", _u("attachment", "attachment"), READ_DINAS, url_names=("cases:attachment",)),
    AccessCase("LKS attachment", _u("attachment", "lks_attachment"), READ_LKS),
    AccessCase("referrals", _u("referral_list", query="?status=sent&stale=on"), READERS,
               url_names=("cases:referral_list",)),
    AccessCase("referrals export", _u("export_referrals", query="?status=sent&stale=on"), READERS,
               url_names=("cases:export_referrals",)),
    AccessCase("referral", _u("referral_detail", "referral"), READ_DINAS, url_names=("cases:referral_detail",)),
    AccessCase("referral letter", _u("referral_letter", "referral"), READ_DINAS,
               url_names=("cases:referral_letter",)),
    # ------------------------------------------------------------------------------------ API (GET)
    AccessCase("api cases", _api("cases/?status=open"), READERS, api=True, url_names=("case-list",)),
    AccessCase("api case", _api("cases/{case}/"), READ_DINAS, api=True, url_names=("case-detail",)),
    AccessCase("api LKS case", _api("cases/{lks_case}/"), READ_LKS, api=True),
    AccessCase("api plans", _api("case-plans/"), READERS, api=True, url_names=("case-plan-list",)),
    AccessCase("api plan", _api("case-plans/{plan}/"), READ_DINAS, api=True, url_names=("case-plan-detail",)),
    AccessCase("api services", _api("case-services/?service_type=konseling"), READERS, api=True,
               url_names=("case-service-list",)),
    AccessCase("api service", _api("case-services/{service}/"), READ_DINAS, api=True,
               url_names=("case-service-detail",)),
    AccessCase("api notes", _api("case-notes/?case={case}"), READERS, api=True, url_names=("case-note-list",)),
    AccessCase("api note", _api("case-notes/{note}/"), READ_DINAS, api=True, url_names=("case-note-detail",)),
    AccessCase("api referrals", _api("referrals/?status=sent"), READERS, api=True, url_names=("referral-list",)),
    AccessCase("api referral", _api("referrals/{referral}/"), READ_DINAS, api=True, url_names=("referral-detail",)),
    AccessCase("api tasks", _api("tasks/?status=open"), READERS, api=True, url_names=("task-list",)),
    AccessCase("api task", _api("tasks/{task0}/"), TASK_READERS, api=True, url_names=("task-detail",)),
    # --------------------------------------------------------------------------------- pages (POST)
    AccessCase("open a case", _u("case_create"), WRITE_DINAS, method="post", ok_status=(302,),
               data=lambda a, c: {"person": c["person"], "case_type": "anak", "source": "walk_in",
                                  "priority": "medium", "worker": c["peksos_id"], "opened_on": str(today())}),
    AccessCase("close", _u("case_close", "fresh_case"), WRITE_DINAS, method="post", ok_status=(302,),
               setup=_fresh_case, data=lambda a, c: {"exit_destination": c["exit"], "closure_reason": "mandiri",
                                                     "closed_on": str(today())}),
    AccessCase("edit", _u("case_edit", "case"), WRITE_DINAS, method="post", ok_status=(302,),
               data=lambda a, c: {"case_type": "anak", "priority": "urgent", "secondary_workers": [c["peksos_id"]]}),
    AccessCase("hold", _u("case_status", "case"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"action": "hold"}, url_names=("cases:case_status",),
               notes="the first holds; the next ones see the service's message"),
    AccessCase("reopen", _u("case_reopen", "closed"), REOPENERS, method="post", ok_status=(200, 302),
               data={"reason": "kembali ke jalan"}, notes="302 for the first; then it is open (200 with the message)"),
    AccessCase("assessment", _u("assessment_create", "case"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"assessed_on": str(today()), "risk_level": "medium", "need_family": "mediasi"}),
    AccessCase("plan", _u("plan_edit", "case"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"summary": "6 bulan", "next_review_on": str(today() + timedelta(days=60))}),
    AccessCase("goal", _u("goal_add", "case"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"description": "Kembali sekolah"}, url_names=("cases:goal_add",)),
    AccessCase("action", _u("action_add", "case"), WRITE_DINAS, method="post", ok_status=(302,),
               data=lambda a, c: {"goal": c["goal"], "description": "Daftar sekolah", "responsible": c["peksos_id"],
                                  "due_on": str(today() + timedelta(days=7))}),
    AccessCase("action done", _u("action_done", "case", "action"), WRITE_DINAS, method="post", ok_status=(302,),
               url_names=("cases:action_done",)),
    AccessCase("review", _u("review_add", "case"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"reviewed_on": str(today()), "progress": "baik",
                     "next_review_on": str(today() + timedelta(days=30))}),
    AccessCase("service", _u("service_add", "case"), WRITE_DINAS, method="post", ok_status=(302,),
               data=lambda a, c: {"service_type": c["konseling"], "delivered_on": str(today()), "provider": "Dinsos"}),
    AccessCase("note", _u("note_add", "case"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"kind": "visit", "noted_on": str(today()), "text": "kunjungan"}, url_names=("cases:note_add",)),
    AccessCase("attach", _u("attachment_add", "case"), WRITE_DINAS, method="post", ok_status=(302,), data=_pdf,
               url_names=("cases:attachment_add",)),
    AccessCase("request transfer", _u("transfer_request", "case2"), WRITE_DINAS, method="post", ok_status=(200, 302),
               data=lambda a, c: {"to_organisation": c["lks_a_org"], "reason": "dekat rumah"},
               notes="302 for the first; then one is waiting (200 with the message)"),
    AccessCase("answer a transfer", _u("transfer_decide", "transfer"), frozenset({"lks_a"}), method="post",
               ok_status=(302,), setup=_fresh_transfer, data={"accept": "1"}, url_names=("cases:transfer_decide",),
               notes="only the receiving side; the Dinas sees the case but cannot answer for LKS A"),
    AccessCase("share", _u("share_add", "case"), WRITE_DINAS, method="post", ok_status=(200,),
               data=lambda a, c: {"organisation": c["lks_b_org"], "starts_on": str(today()),
                                  "ends_on": str(today() + timedelta(days=30)), "reason": "pendampingan"},
               notes="no consent names LKS B: the form shows the service's refusal"),
    AccessCase("revoke share", _u("share_revoke", "case2", "share"), WRITE_DINAS, method="post", ok_status=(302,),
               url_names=("cases:share_revoke",)),
    AccessCase("draft referral", _u("referral_create", "case"), WRITE_DINAS, method="post", ok_status=(302,),
               data=lambda a, c: {"institution": c["upt"], "reason": "rehabilitasi"}),
    AccessCase("send referral", _u("referral_step", "draft"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"action": "send"}, url_names=("cases:referral_step",)),
    AccessCase("referral document", _u("referral_attach", "referral"), WRITE_DINAS, method="post", ok_status=(302,),
               data=_pdf, url_names=("cases:referral_attach",)),
    # ----------------------------------------------------------------------------------- API (write)
    AccessCase("api open case", _api("cases/"), WRITERS, api=True, method="post", ok_status=(201, 400),
               data=lambda a, c: {"person": c["person"], "case_type": "anak"},
               notes="400 for a writer who cannot see the person"),
    AccessCase("api close", _api("cases/{fresh_case}/close/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200,), setup=_fresh_case, data={"exit_destination": "family_permanent", "reason": "mandiri"},
               url_names=("case-close",)),
    AccessCase("api reopen", _api("cases/{closed}/reopen/"), REOPENERS, api=True, method="post", ok_status=(200, 400),
               data={"reason": "kembali"}, url_names=("case-reopen",)),
    AccessCase("api service", _api("case-services/"), WRITERS, api=True, method="post", ok_status=(201, 400),
               data=lambda a, c: {"case": c["case"], "service_type": "konseling", "delivered_on": str(today())},
               notes="400 for a writer who cannot see the case"),
    AccessCase("api note", _api("case-notes/"), WRITERS, api=True, method="post", ok_status=(201, 400),
               data=lambda a, c: {"case": c["case"], "text": "telepon", "kind": "phone"}),
    AccessCase("api referral", _api("referrals/"), WRITERS, api=True, method="post", ok_status=(201, 400),
               data=lambda a, c: {"case": c["case"], "internal_service": "Bidang Linjamsos", "reason": "PBI"}),
    AccessCase("api referral step", _api("referrals/{draft2}/step/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200, 400), data={"action": "send"}, url_names=("referral-step",)),
    AccessCase("api new task", _api("tasks/"), WRITERS, api=True, method="post", ok_status=(201,),
               data={"title": "Telepon keluarga", "due_on": str(today())}),
    AccessCase("api complete task", _api("tasks/{task}/complete/"), frozenset({"admin", "kabid", "peksos"}), api=True,
               method="post", ok_status=(200,), setup=_fresh_task, url_names=("task-complete",)),
]
GET_CASES = [c for c in MATRIX if c.method == "get"]
WRITE_CASES = [c for c in MATRIX if c.method != "get"]


@pytest.fixture
def world(actors):
    peksos, lks_a = actors["peksos"], actors["lks_a"]
    person = make_person(peksos, "Rizki Anjal", birth_year=2014)
    case = opened(person, peksos)
    case2 = opened(make_person(peksos, "Sri Lansia", birth_year=1950), peksos, case_type="lansia")
    plan = planned(case, peksos)
    goal = services.add_goal(plan=plan, by=peksos, description="Kembali sekolah", atensi_component="care")
    action = services.add_action(goal=goal, by=peksos, description="Daftar SD", responsible=peksos,
                                 due_on=today() + timedelta(days=5))
    service = services.record_service(case=case, by=peksos, service_type=service_type(), delivered_on=today())
    note = services.add_note(case=case, by=peksos, text="kunjungan rumah", kind="visit")
    attachment = services.add_attachment(case=case, by=peksos, upload=pdf_upload(), title="KK")
    referral = services.create_referral(case=case, by=peksos, institution=institution(), reason="rehabilitasi")
    services.advance_referral(referral=referral, by=peksos, action="send")
    letter = core_letters.issue_letter(type_code="CASE-RUJUK", subject="test", by=peksos, record=referral)
    letter.pdf.save(f"{letter.pk}.pdf", ContentFile(b"%PDF-1.4 test letter"), save=False)
    letter.save_with_reason(by=peksos, reason="pdf")
    referral.refresh_from_db()
    referral.letter = letter
    referral.save_with_reason(by=peksos, reason="letter")
    draft = services.create_referral(case=case, by=peksos, institution=institution(), reason="draft")
    draft2 = services.create_referral(case=case, by=peksos, internal_service="Bidang Linjamsos", reason="PBI")
    share = services.CaseShare(case=case2, organisation=actors["lks_b"].organisation, starts_on=today(),
                               ends_on=today(), reason="x", shared_by=peksos)
    share.save_with_reason(by=peksos, reason="test")  # made directly: the revoke test needs no consent
    closed = opened(make_person(peksos, "Yanto Eks"), peksos, case_type="tuna_sosial")
    services.close_case(case=closed, by=peksos, exit_destination=exit_destination(), reason="kembali ke keluarga")
    task0 = tasklist.create_task(title="Telepon sekolah", assigned_to=peksos, due_on=today(), by=peksos)
    lks_case = opened(make_person(lks_a, "Paijo Anjal", birth_year=2012), lks_a)
    lks_attachment = services.add_attachment(case=lks_case, by=lks_a, upload=pdf_upload(), title="Akta")
    from desaku.people import services as people_services

    household = people_services.create_household(by=peksos, head=make_person(peksos, "Kepala Keluarga"))
    household_case = services.open_case(household=household, case_type="other", by=peksos, worker=peksos,
                                        opened_on=today())
    return {
        "household_case": household_case.pk,
        "person": person.pk, "case": case.pk, "case2": case2.pk, "plan": plan.pk, "goal": goal.pk,
        "action": action.pk, "service": service.pk, "note": note.pk, "attachment": attachment.pk,
        "referral": referral.pk, "draft": draft.pk, "draft2": draft2.pk, "share": share.pk, "closed": closed.pk,
        "task0": task0.pk, "lks_case": lks_case.pk, "lks_attachment": lks_attachment.pk,
        "peksos_id": peksos.pk, "exit": exit_destination().pk, "konseling": service_type().pk,
        "upt": institution().pk, "lks_a_org": lks_a.organisation_id, "lks_b_org": actors["lks_b"].organisation_id,
        "fresh_case": case2.pk, "transfer": 0, "task": 0,
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
def test_an_lks_cannot_reach_another_lks_case_or_attachment_by_guessing_ids(actors, world):
    client = Client()
    client.force_login(actors["lks_b"])
    assert client.get(reverse("cases:case_detail", args=[world["lks_case"]])).status_code == 404
    assert client.get(reverse("cases:attachment", args=[world["lks_attachment"]])).status_code == 404
    assert client.get(f"/api/v1/cases/{world['lks_case']}/").status_code == 404
    client.force_login(actors["lks_a"])
    assert client.get(reverse("cases:attachment", args=[world["lks_attachment"]])).status_code == 200
    assert client.get(reverse("cases:attachment", args=[world["attachment"]])).status_code == 404


@pytest.mark.django_db
def test_read_only_roles_cannot_write(actors, world):
    from desaku.cases.models import Case

    for actor in ("kadis", "auditor"):
        client = Client()
        client.force_login(actors[actor])
        assert client.post(reverse("cases:case_status", args=[world["case"]]), {"action": "hold"}).status_code == 403
        assert client.post(f"/api/v1/cases/{world['case']}/close/", {"exit_destination": "unknown", "reason": "x"},
                           content_type="application/json").status_code == 403
    assert Case.objects.get(pk=world["case"]).status == "open"
