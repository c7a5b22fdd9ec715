"""Who may use each diversion URL and API route. Children are protected: the LKS partners, mentors, Kemensos
reviewers, operators and the outreach officer never reach an ABH record (list refused, record 404); the Kepala
Dinas and the auditor read; the Peksos on the case, the Kepala Bidang of its organisation and administrators
write. The world: an ABH case of the Peksos with a stage, a musyawarah, an agreement with terms, a session and a
submitted social report (its PDF issued)."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from desaku.core import letters as core_letters
from desaku.core.testing import AccessCase, check_access
from desaku.diversion import services
from desaku.diversion.tests.helpers import agreed, child, days_ago, opened, stage_started, today

READERS = frozenset({"admin", "kadis", "kabid", "peksos", "auditor"})
WRITERS = frozenset({"admin", "kabid", "peksos"})
IDENTITY = frozenset({"admin", "kadis", "kabid", "peksos"})  # the auditor reads initials only


def _u(name, *keys, query=""):
    return lambda a, c: reverse(f"diversion:{name}", args=[c[k] for k in keys]) + query


def _api(path):
    return lambda a, c: "/api/v1/" + path.format(**c)


def _fresh_stage(actors, context):
    """Outcome/agreement consume a stage: a new case with an open investigation for every request."""
    peksos = actors["peksos"]
    context["n"] = context.get("n", 0) + 1
    abh = opened(peksos, child(peksos, f"Anak Baru {context['n']}"))
    context["fresh_stage"] = stage_started(abh, peksos).pk
    services.add_deliberation(stage=_stage(context["fresh_stage"]), by=peksos, held_on=days_ago(20),
                              place="Polres", facilitator="Penyidik", participants="Anak", result="agreement")


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("surat.pdf", b"%PDF-1.4\n% surat polres\n", content_type="application/pdf")


def _stage(pk):
    from desaku.diversion.models import Stage

    return Stage.objects.get(pk=pk)


MATRIX = [
    # ---------------------------------------------------------------------------------- pages (GET)
    AccessCase("list", _u("abh_list", query="?role=perpetrator&active=1"), READERS,
               url_names=("diversion:abh_list",)),
    AccessCase("deadline board", _u("deadline_board", query="?state=overdue"), READERS,
               url_names=("diversion:deadline_board",)),
    AccessCase("export", _u("export"), READERS, url_names=("diversion:export",)),
    AccessCase("new: search", _u("abh_create", query="?q=Rafi"), WRITERS, url_names=("diversion:abh_create",)),
    AccessCase("case", _u("abh_detail", "abh"), READERS, url_names=("diversion:abh_detail",)),
    AccessCase("edit form", _u("abh_edit", "abh"), WRITERS, url_names=("diversion:abh_edit",)),
    AccessCase("special route form", _u("special_route", "abh"), WRITERS, url_names=("diversion:special_route",)),
    AccessCase("stage form", _u("stage_start", "abh"), WRITERS, url_names=("diversion:stage_start",)),
    AccessCase("session form", _u("session_add", "abh"), WRITERS, url_names=("diversion:session_add",)),
    AccessCase("report form", _u("report_add", "abh"), WRITERS, url_names=("diversion:report_add",)),
    AccessCase("report edit", _u("report_edit", "draft_report"), WRITERS, url_names=("diversion:report_edit",)),
    AccessCase("session edit form", _u("session_edit", "session"), WRITERS, url_names=("diversion:session_edit",)),
    AccessCase("musyawarah edit form", _u("deliberation_edit", "deliberation"), WRITERS,
               url_names=("diversion:deliberation_edit",)),
    AccessCase("document", _u("document", "document"), IDENTITY, url_names=("diversion:document",),
               notes="the auditor reads the case with initials: no documents (404)"),
    AccessCase("api terms", _api("abh-agreement-terms/?agreement={agreement}"), READERS, api=True,
               url_names=("abh-agreement-term-list",)),
    AccessCase("api term", _api("abh-agreement-terms/{term}/"), READERS, api=True,
               url_names=("abh-agreement-term-detail",)),
    AccessCase("api social reports", _api("abh-social-reports/?abh={abh}"), READERS, api=True,
               url_names=("abh-social-report-list",)),
    AccessCase("api social report", _api("abh-social-reports/{report}/"), READERS, api=True,
               url_names=("abh-social-report-detail",)),
    AccessCase("report pdf", _u("report_pdf", "report"), IDENTITY, url_names=("diversion:report_pdf",)),
    AccessCase("dates form", _u("stage_dates", "stage2"), WRITERS, url_names=("diversion:stage_dates",)),
    AccessCase("outcome form", _u("stage_outcome", "stage2"), WRITERS, url_names=("diversion:stage_outcome",)),
    AccessCase("musyawarah form", _u("deliberation_add", "stage2"), WRITERS,
               url_names=("diversion:deliberation_add",)),
    AccessCase("agreement form", _u("agreement_add", "stage2"), WRITERS, url_names=("diversion:agreement_add",)),
    AccessCase("ruling form", _u("ruling", "stage"), WRITERS, url_names=("diversion:ruling",)),
    AccessCase("term form", _u("term_follow_up", "term"), WRITERS, url_names=("diversion:term_follow_up",)),
    # ------------------------------------------------------------------------------------ API (GET)
    AccessCase("api cases", _api("abh-cases/?role=perpetrator"), READERS, api=True, url_names=("abh-case-list",)),
    AccessCase("api case", _api("abh-cases/{abh}/"), READERS, api=True, url_names=("abh-case-detail",)),
    AccessCase("api stages", _api("abh-stages/?abh={abh}"), READERS, api=True, url_names=("abh-stage-list",)),
    AccessCase("api stage", _api("abh-stages/{stage}/"), READERS, api=True, url_names=("abh-stage-detail",)),
    AccessCase("api sessions", _api("abh-sessions/"), READERS, api=True, url_names=("abh-session-list",)),
    AccessCase("api session", _api("abh-sessions/{session}/"), READERS, api=True,
               url_names=("abh-session-detail",)),
    AccessCase("api musyawarah", _api("abh-deliberations/"), READERS, api=True,
               url_names=("abh-deliberation-list",)),
    AccessCase("api one musyawarah", _api("abh-deliberations/{deliberation}/"), READERS, api=True,
               url_names=("abh-deliberation-detail",)),
    AccessCase("api agreements", _api("abh-agreements/"), READERS, api=True, url_names=("abh-agreement-list",)),
    AccessCase("api agreement", _api("abh-agreements/{agreement}/"), READERS, api=True,
               url_names=("abh-agreement-detail",)),
    # --------------------------------------------------------------------------------- pages (POST)
    AccessCase("open a case", _u("abh_create"), WRITERS, method="post", ok_status=(302, 200),
               data=lambda a, c: {"person": c["person2"], "role": "perpetrator", "offence_on": str(days_ago(10)),
                                  "offence": "Pencurian", "max_sentence_months": "60", "peksos": c["peksos_id"],
                                  "opened_on": str(today())},
               notes="the administrator picks any Peksos; 200 would be a form error, the test for the case "
                     "counts them"),
    AccessCase("session", _u("session_add", "abh"), WRITERS, method="post", ok_status=(302,),
               data={"held_on": str(today()), "place": "Polres", "with_whom": "Anak dan ibu"}),
    AccessCase("dates", _u("stage_dates", "stage2"), WRITERS, method="post", ok_status=(302,),
               data=lambda a, c: {"started_on": str(days_ago(30)), "social_report_requested_on": str(days_ago(29))}),
    AccessCase("musyawarah", _u("deliberation_add", "stage2"), WRITERS, method="post", ok_status=(302,),
               data={"held_on": str(days_ago(20)), "place": "Polres", "facilitator": "Penyidik",
                     "participants": "Anak\nKorban", "result": "postponed"}),
    AccessCase("agreement", _u("agreement_add", "fresh_stage"), WRITERS, method="post", ok_status=(302,),
               setup=_fresh_stage, data={"agreed_on": str(days_ago(20)), "terms": "Minta maaf\nGanti rugi"}),
    AccessCase("outcome", _u("stage_outcome", "fresh_stage"), WRITERS, method="post", ok_status=(302,),
               setup=_fresh_stage, data={"outcome": "failed", "outcome_on": str(days_ago(5))}),
    AccessCase("term", _u("term_follow_up", "term"), WRITERS, method="post", ok_status=(302,),
               data={"status": "in_progress", "follow_up": "dicicil"}),
    AccessCase("correct a session", _u("session_edit", "session"), WRITERS, method="post", ok_status=(302,),
               data={"held_on": str(days_ago(2)), "place": "Rumah nenek", "with_whom": "Ibu",
                     "reason": "tempat salah"}),
    AccessCase("correct a musyawarah", _u("deliberation_edit", "deliberation"), WRITERS, method="post",
               ok_status=(302,), data={"held_on": str(days_ago(25)), "place": "Polresta", "facilitator": "Penyidik",
                                       "participants": "Anak\nKorban", "result": "agreement",
                                       "reason": "nama tempat"}),
    AccessCase("attach a document", _u("document_add", "abh"), WRITERS, method="post", ok_status=(302,),
               setup=lambda a, c: None, data=lambda a, c: {"kind": "police_letter", "title": "Surat Polres",
                                                           "file": _pdf()},
               url_names=("diversion:document_add",)),
    # ----------------------------------------------------------------------------------- API (write)
    AccessCase("api session", _api("abh-sessions/"), WRITERS, api=True, method="post", ok_status=(201,),
               data=lambda a, c: {"abh": c["abh"], "held_on": str(today()), "place": "Kejari", "with_whom": "Anak"},
               notes="kadis/auditor: 403 (read-only roles); others: 403 (no ABH role)"),
    AccessCase("api ruling", _api("abh-stages/{stage}/ruling/"), WRITERS, api=True, method="post",
               data=lambda a, c: {"agreement_sent_on": str(days_ago(23)), "ruling_on": str(days_ago(21)),
                                  "ruling_number": "1/Pid.Sus-Anak/2026/PN Uji"}, url_names=("abh-stage-ruling",)),
    AccessCase("api agreement", _api("abh-agreements/"), WRITERS, api=True, method="post", ok_status=(201,),
               setup=_fresh_stage, data=lambda a, c: {"stage": c["fresh_stage"], "agreed_on": str(days_ago(20)),
                                                      "terms": ["Minta maaf", "Ganti rugi"]}),
    AccessCase("api social report write", _api("abh-social-reports/"), WRITERS, api=True, method="post",
               ok_status=(201,), data=lambda a, c: {"abh": c["abh"], "stage": c["stage"],
                                                    "requested_on": str(days_ago(29)), "background": "Latar",
                                                    "recommendation": "Diversi"}),
    AccessCase("api add term", _api("abh-agreement-terms/"), WRITERS, api=True, method="post", ok_status=(201,),
               data=lambda a, c: {"agreement": c["agreement"], "description": "Wajib lapor"}),
    AccessCase("api term follow-up", _api("abh-agreement-terms/{term}/follow-up/"), WRITERS, api=True,
               method="post", data={"status": "fulfilled", "follow_up": "Sudah"},
               url_names=("abh-agreement-term-follow-up",)),
    AccessCase("api correct session", _api("abh-sessions/{session}/"), WRITERS, api=True, method="patch",
               data={"place": "Rumah nenek", "reason": "tempat salah"}),
    AccessCase("api correct musyawarah", _api("abh-deliberations/{deliberation}/"), WRITERS, api=True,
               method="patch", data={"place": "Polresta", "reason": "nama tempat"}),
    AccessCase("api stage events", _api("abh-stages/{stage2}/events/"), WRITERS, api=True, method="post",
               ok_status=(200,), data=lambda a, c: {"social_report_requested_on": str(days_ago(29))},
               url_names=("abh-stage-events",)),
]
GET_CASES = [c for c in MATRIX if c.method == "get"]
WRITE_CASES = [c for c in MATRIX if c.method != "get"]


@pytest.fixture
def world(actors):
    peksos = actors["peksos"]
    abh = opened(peksos)
    stage, agreement = agreed(abh, peksos)
    services.record_ruling(stage=stage, by=peksos, agreement_sent_on=days_ago(23), ruling_on=days_ago(21),
                           ruling_number="1/Pid.Sus-Anak/2026/PN Uji")
    session = services.add_session(abh=abh, by=peksos, held_on=days_ago(2), place="Rumah", with_whom="Ibu")
    report = services.save_social_report(abh=abh, by=peksos, stage=stage, requested_on=days_ago(29),
                                         background="Latar", recommendation="Diversi", submitted_on=days_ago(27))
    letter = core_letters.issue_letter(type_code="ABH-LAPSOS", subject="t", by=peksos, record=report)
    letter.pdf.save(f"{letter.pk}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    letter.save_with_reason(by=peksos, reason="pdf")
    report.letter = letter
    report.save_with_reason(by=peksos, reason="letter")
    draft_report = services.save_social_report(abh=abh, by=peksos, stage=stage, requested_on=days_ago(29),
                                               background="Latar", recommendation="Draf")
    document = services.add_document(abh=abh, by=peksos, upload=_pdf(), kind="agreement", title="Kesepakatan")
    abh2 = opened(peksos, child(peksos, "Dimas Prasetyo"))
    stage2 = stage_started(abh2, peksos)
    return {"abh": abh.pk, "stage": stage.pk, "agreement": agreement.pk, "term": agreement.terms.first().pk,
            "deliberation": stage.deliberations.first().pk, "session": session.pk, "report": report.pk,
            "draft_report": draft_report.pk, "stage2": stage2.pk, "document": document.pk, "fresh_stage": stage2.pk,
            "person2": child(peksos, "Bagus Saputra").pk, "peksos_id": peksos.pk}


@pytest.mark.django_db
def test_pages_and_reads(actors, world):
    for case in GET_CASES:
        check_access(case, actors, world)


@pytest.mark.django_db
@pytest.mark.parametrize("case", WRITE_CASES, ids=lambda c: c.name)
def test_writes(case, actors, world):
    check_access(case, actors, world)


@pytest.mark.django_db
def test_an_lks_cannot_reach_an_abh_record_by_guessing_ids(actors, world):
    client = Client()
    client.force_login(actors["lks_a"])
    assert client.get(reverse("diversion:abh_detail", args=[world["abh"]])).status_code == 404
    assert client.get(f"/api/v1/abh-cases/{world['abh']}/").status_code == 404
    assert client.get(f"/api/v1/abh-sessions/{world['session']}/").status_code == 404
    assert client.get(reverse("diversion:report_pdf", args=[world["report"]])).status_code == 404
    assert client.get(f"/api/v1/abh-agreements/{world['agreement']}/").status_code == 404
    assert client.post(f"/api/v1/abh-stages/{world['stage2']}/events/", {"ruling_on": str(today())},
                       content_type="application/json").status_code == 404
