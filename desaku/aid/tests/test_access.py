"""Who may use each aid URL and API route: role (read, propose, manage) and data scope (own, organisation, all).

The Dinas world: the operator enrols a person registered by the Dinas, runs an approved cycle, requests
letters; the LKS A world: its own person, enrolment and request with a document. The Dinas staff with
organisation scope (Kepala Bidang, operator) also see what partners propose, to verify and approve it.
Outreach officers, Kemensos reviewers and mentors have no business here (403); partners see only their own (404).
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from desaku.aid import services
from desaku.aid.tests.helpers import active, approved_cycle, png_bytes, program, severe_person
from desaku.core import letters as core_letters
from desaku.core.testing import AccessCase, check_access

READERS = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "lks_a", "lks_b", "auditor"})
PROPOSERS = frozenset({"admin", "kabid", "peksos", "operator", "lks_a", "lks_b"})
MANAGERS = frozenset({"admin", "kabid", "operator"})
# The Dinas records (by the operator): a Peksos with "own" scope and the partners do not see them.
READ_DINAS = frozenset({"admin", "kadis", "kabid", "operator", "auditor"})
WRITE_DINAS = MANAGERS
# LKS A's records: the Dinas staff with organisation scope see them too.
READ_LKS = frozenset({"admin", "kadis", "auditor", "lks_a", "kabid", "operator"})


def _u(name, *keys, query=""):
    return lambda a, c: reverse(f"aid:{name}", args=[c[k] for k in keys]) + query


def _api(path):
    return lambda a, c: "/api/v1/" + path.format(**c)


def _fresh_person(actors, context):
    context["n"] = context.get("n", 0) + 1
    context["fresh"] = severe_person(actors["operator"], f"Orang Baru {context['n']}").pk


def _fresh_request(actors, context):
    """Each withdrawal consumes the request: a new one by the operator for every actor."""
    context["fresh_request"] = services.request_letter(person=severe_person(actors["operator"], "Pemohon"),
                                                       by=actors["operator"], kind="poverty", purpose="sekolah").pk


def _fresh_code(actors, context):
    context["n"] = context.get("n", 0) + 1
    context["code"] = f"baru-{context['n']}"


MATRIX = [
    # ---------------------------------------------------------------------------------- pages (GET)
    AccessCase("programs", _u("program_list"), READERS, url_names=("aid:program_list",)),
    AccessCase("programs export", _u("export_programs"), READERS, url_names=("aid:export_programs",)),
    AccessCase("new program", _u("program_create"), MANAGERS, url_names=("aid:program_create",)),
    AccessCase("program", _u("program_detail", "program"), READERS, url_names=("aid:program_detail",)),
    AccessCase("edit program", _u("program_edit", "program"), MANAGERS, url_names=("aid:program_edit",)),
    AccessCase("eligible list", _u("program_eligible", "program"), PROPOSERS, url_names=("aid:program_eligible",)),
    AccessCase("eligible export", _u("export_eligible", "program"), PROPOSERS, url_names=("aid:export_eligible",)),
    AccessCase("enrol form", _u("enrol", "program", "person2"), WRITE_DINAS, url_names=("aid:enrol",)),
    AccessCase("new cycle", _u("cycle_create", "program"), MANAGERS, url_names=("aid:cycle_create",)),
    AccessCase("person eligibility", _u("person_eligibility", "person"), READ_DINAS,
               url_names=("aid:person_eligibility",)),
    AccessCase("LKS person eligibility", _u("person_eligibility", "lks_person"),
               frozenset({"admin", "kadis", "auditor", "lks_a"})),
    AccessCase("enrolments", _u("enrolment_list", query="?status=active"), READERS,
               url_names=("aid:enrolment_list",)),
    AccessCase("enrolment", _u("enrolment_detail", "enrolment"), READ_DINAS, url_names=("aid:enrolment_detail",)),
    AccessCase("LKS enrolment", _u("enrolment_detail", "lks_enrolment"), READ_LKS),
    AccessCase("cycles", _u("cycle_list"), READERS, url_names=("aid:cycle_list",)),
    AccessCase("cycles export", _u("export_cycles"), READERS, url_names=("aid:export_cycles",)),
    AccessCase("cycle", _u("cycle_detail", "cycle"), READ_DINAS, url_names=("aid:cycle_detail",)),
    AccessCase("bank file", _u("cycle_bank_csv", "cycle"), MANAGERS, url_names=("aid:cycle_bank_csv",)),
    AccessCase("receipt list", _u("cycle_receipts", "cycle"), READ_DINAS, url_names=("aid:cycle_receipts",)),
    AccessCase("lines export", _u("export_lines", "cycle"), READ_DINAS, url_names=("aid:export_lines",)),
    AccessCase("pay form", _u("line_pay", "line"), MANAGERS, url_names=("aid:line_pay",)),
    AccessCase("payment evidence", _u("line_evidence", "paid_line"), READ_DINAS, url_names=("aid:line_evidence",)),
    AccessCase("requests", _u("request_list"), READERS, url_names=("aid:request_list",)),
    AccessCase("requests export", _u("export_requests", query="?status=submitted"), READERS,
               url_names=("aid:export_requests",)),
    AccessCase("request form", _u("request_create", "person"), WRITE_DINAS, url_names=("aid:request_create",)),
    AccessCase("request", _u("request_detail", "request"), READ_DINAS, url_names=("aid:request_detail",)),
    AccessCase("LKS request", _u("request_detail", "lks_request"), READ_LKS),
    AccessCase("LKS document", _u("document_download", "lks_document"), READ_LKS,
               url_names=("aid:document_download",)),
    AccessCase("letter PDF", _u("request_letter", "approved_request"), READ_DINAS, url_names=("aid:request_letter",)),
    AccessCase("letters issued", _u("letter_register"), READERS, url_names=("aid:letter_register",)),
    AccessCase("letters issued export", _u("export_letters"), READERS, url_names=("aid:export_letters",)),
    AccessCase("budget", _u("budget", query="?year=2026"), READERS, url_names=("aid:budget",)),
    AccessCase("budget export", _u("export_budget"), READERS, url_names=("aid:export_budget",)),
    AccessCase("enrolments export", _u("export_enrolments"), READERS, url_names=("aid:export_enrolments",)),
    # ------------------------------------------------------------------------------------ API (GET)
    AccessCase("api programs", _api("aid-programs/?kind=cash"), READERS, api=True, url_names=("aid-program-list",)),
    AccessCase("api program", _api("aid-programs/{program}/"), READERS, api=True,
               url_names=("aid-program-detail",)),
    AccessCase("api eligible", _api("aid-programs/{program}/eligible/"), PROPOSERS, api=True,
               url_names=("aid-program-eligible",)),
    AccessCase("api person eligibility", _api("aid-persons/{person}/eligibility/"), READ_DINAS, api=True,
               url_names=("aid-person-eligibility",)),
    AccessCase("api enrolments", _api("aid-enrolments/?status=active"), READERS, api=True,
               url_names=("aid-enrolment-list",)),
    AccessCase("api enrolment", _api("aid-enrolments/{enrolment}/"), READ_DINAS, api=True,
               url_names=("aid-enrolment-detail",)),
    AccessCase("api LKS enrolment", _api("aid-enrolments/{lks_enrolment}/"), READ_LKS, api=True),
    AccessCase("api cycles", _api("aid-cycles/"), READERS, api=True, url_names=("aid-cycle-list",)),
    AccessCase("api cycle", _api("aid-cycles/{cycle}/"), READ_DINAS, api=True, url_names=("aid-cycle-detail",)),
    AccessCase("api cycle lines", _api("aid-cycles/{cycle}/lines/"), READ_DINAS, api=True,
               url_names=("aid-cycle-lines",)),
    AccessCase("api lines", _api("aid-lines/?status=paid"), READERS, api=True, url_names=("aid-line-list",)),
    AccessCase("api line", _api("aid-lines/{line}/"), READ_DINAS, api=True, url_names=("aid-line-detail",)),
    AccessCase("api requests", _api("aid-requests/"), READERS, api=True, url_names=("aid-request-list",)),
    AccessCase("api request", _api("aid-requests/{request}/"), READ_DINAS, api=True,
               url_names=("aid-request-detail",)),
    AccessCase("api LKS request", _api("aid-requests/{lks_request}/"), READ_LKS, api=True),
    # --------------------------------------------------------------------------------- pages (POST)
    AccessCase("create program", _u("program_create"), MANAGERS, method="post", ok_status=(302,), setup=_fresh_code,
               data=lambda a, c: {"code": c["code"], "name": "Baru", "kind": "cash", "funding_source": c["fs"],
                                  "year": "2026", "budget": "1000000", "frequency": "one_off", "rule_alive": "on"}),
    AccessCase("save welfare status", _u("person_eligibility", "person"), WRITE_DINAS, method="post",
               ok_status=(302,), data={"decile": "3", "in_dtks": "on", "recorded_on": "2026-01-05"}),
    AccessCase("propose", _u("enrol", "program", "fresh"), WRITE_DINAS, method="post", ok_status=(302,),
               setup=_fresh_person, data={"reason": "disabilitas berat"}),
    AccessCase("decide enrolment", _u("enrolment_decide", "enrolment"), WRITE_DINAS, method="post",
               ok_status=(302,), data={"action": "suspend", "note": "cek alamat"},
               url_names=("aid:enrolment_decide",)),
    AccessCase("decide cycle", _u("cycle_decide", "cycle"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"action": "close"}, url_names=("aid:cycle_decide",)),
    AccessCase("record stock", _u("stock_add", "cycle"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"kind": "received", "quantity": "3", "on": "2026-01-05"}, url_names=("aid:stock_add",)),
    AccessCase("mark line", _u("line_mark", "line"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"status": "undelivered", "note": "rumah kosong"}, url_names=("aid:line_mark",)),
    AccessCase("pay", _u("line_pay", "line2"), WRITE_DINAS, method="post", ok_status=(200, 302),
               data={"method": "bank", "paid_on": "2026-01-05", "reference": "TRF9"},
               notes="302 for the first; then the line is paid (200 with the message)"),
    AccessCase("request a letter", _u("request_create", "person"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"kind": "poverty", "purpose": "sekolah"}),
    AccessCase("decide request", _u("request_decide", "request"), WRITE_DINAS, method="post", ok_status=(302,),
               data={"action": "check", "note": "ok"}, url_names=("aid:request_decide",)),
    AccessCase("add a document", _u("document_add", "lks_request"), frozenset({"admin", "kabid", "operator",
                                                                                 "lks_a"}),
               method="post", ok_status=(302,), url_names=("aid:document_add",),
               data=lambda a, c: {"title": "KK", "file": SimpleUploadedFile("kk.png", png_bytes())}),
    # ----------------------------------------------------------------------------------- API (write)
    AccessCase("api create program", _api("aid-programs/"), MANAGERS, api=True, method="post", ok_status=(201,),
               setup=_fresh_code, data=lambda a, c: {"code": c["code"], "name": "Baru", "kind": "grant",
                                                     "funding_source": "APBN", "year": 2026, "budget": "100",
                                                     "frequency": "one_off", "rules": [{"rule": "alive"}]}),
    AccessCase("api propose", _api("aid-enrolments/"), PROPOSERS, api=True, method="post", ok_status=(201, 400),
               setup=_fresh_person, data=lambda a, c: {"program": c["program"], "person": c["fresh"]},
               notes="400 for a proposer who cannot see the person"),
    AccessCase("api verify", _api("aid-enrolments/{proposed}/verify/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200, 400), url_names=("aid-enrolment-verify",)),
    AccessCase("api approve", _api("aid-enrolments/{proposed}/approve/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200, 400), url_names=("aid-enrolment-approve",)),
    AccessCase("api suspend", _api("aid-enrolments/{enrolment}/suspend/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200, 400), data={"note": "cek"}, url_names=("aid-enrolment-suspend",)),
    AccessCase("api terminate", _api("aid-enrolments/{proposed}/terminate/"), WRITE_DINAS, api=True,
               method="post", ok_status=(200, 400), data={"note": "pindah"}, url_names=("aid-enrolment-terminate",)),
    AccessCase("api create cycle", _api("aid-cycles/"), MANAGERS, api=True, method="post", ok_status=(201,),
               data=lambda a, c: {"program": c["program"], "name": "Tahap X", "scheduled_on": "2026-06-01"}),
    AccessCase("api verify cycle", _api("aid-cycles/{cycle}/verify/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200, 400), url_names=("aid-cycle-verify",)),
    AccessCase("api approve cycle", _api("aid-cycles/{cycle}/approve/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200, 400), url_names=("aid-cycle-approve",)),
    AccessCase("api pay", _api("aid-lines/{line3}/pay/"), WRITE_DINAS, api=True, method="post", ok_status=(200, 400),
               data={"method": "goods", "received_by": "Istri"}, url_names=("aid-line-pay",)),
    AccessCase("api request", _api("aid-requests/"), PROPOSERS, api=True, method="post", ok_status=(201, 400),
               data=lambda a, c: {"kind": "bpjs_pbi", "person": c["person"], "purpose": "berobat"}),
    AccessCase("api check request", _api("aid-requests/{request}/check/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200, 400), url_names=("aid-request-check",)),
    AccessCase("api decide request", _api("aid-requests/{request}/decide/"), WRITE_DINAS, api=True, method="post",
               ok_status=(200, 400), data={"approve": True}, url_names=("aid-request-decide",)),
    AccessCase("api withdraw request", _api("aid-requests/{fresh_request}/withdraw/"), frozenset({"admin", "operator"}),
               api=True, method="post", setup=_fresh_request, data={"reason": "dobel"},
               url_names=("aid-request-withdraw",), notes="only its requester (the operator) or an Administrator"),
    AccessCase("api revoke letter", _api("aid-requests/{approved_request}/revoke/"), frozenset({"admin", "kabid"}),
               api=True, method="post", ok_status=(200, 400), data={"reason": "data keliru"},
               url_names=("aid-request-revoke",), notes="400 once the letter is revoked"),
    AccessCase("api request document", _api("aid-requests/{request}/documents/"), WRITE_DINAS, api=True,
               method="post", ok_status=(400,), data={"title": "KK"}, url_names=("aid-request-documents",),
               notes="JSON without a file: 400 for those allowed; test_request_documents_api uploads for real"),
]
GET_CASES = [c for c in MATRIX if c.method == "get"]
WRITE_CASES = [c for c in MATRIX if c.method != "get"]


def fake_request_letter(item, by):
    """A numbered letter with a stand-in PDF (WeasyPrint takes seconds; test_letters renders for real)."""
    item.refresh_from_db()
    letter = core_letters.issue_letter(type_code=services.LETTER_TYPES[item.kind], subject="test", by=by,
                                       record=item)
    letter.pdf.save(f"{letter.pk}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    letter.save_with_reason(by=by, reason="pdf")
    item.letter = letter
    item.save_with_reason(by=by, reason=letter.number)
    return letter


@pytest.fixture
def world(actors, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = True
    monkeypatch.setattr(core_letters, "render_pdf", lambda **kwargs: b"%PDF-1.4 receipts")
    op, kabid, lks_a = actors["operator"], actors["kabid"], actors["lks_a"]
    aspd = program(op, budget=100_000_000)
    person, person2 = severe_person(op, "Sri Rahayu"), severe_person(op, "Parmin")
    enrolment = active(aspd, person, op, op, kabid)
    for i in range(2):
        active(aspd, severe_person(op, f"Penerima {i}"), op, op, kabid)
    proposed = services.propose_enrolment(program=aspd, person=severe_person(op, "Diusulkan"), by=op)
    cycle = approved_cycle(aspd, op, kabid)
    from desaku.aid import letters as aid_letters

    aid_letters.receipt_list_pdf(cycle=cycle, by=op, base_url="http://testserver/")
    line, line2, line3 = cycle.lines.order_by("id")
    paid = services.pay_line(line=line3, by=op, method="cash", evidence=SimpleUploadedFile("t.png", png_bytes()))
    line3 = cycle.lines.exclude(pk__in=[line.pk, line2.pk, paid.pk]).first() or paid
    request = services.request_letter(person=person, by=op, kind="poverty", purpose="sekolah")
    approved = services.request_letter(person=person, by=op, kind="bpjs_pbi", purpose="berobat")
    services.check_request(request=approved, by=op)
    services.decide_request(request=approved, by=kabid, approve=True)
    fake_request_letter(approved, kabid)
    lks_person = severe_person(lks_a, "Paijo")
    lks_enrolment = services.propose_enrolment(program=aspd, person=lks_person, by=lks_a)
    lks_request = services.request_letter(person=lks_person, by=lks_a, kind="fee_waiver", purpose="operasi",
                                          facility="RSUD Kota Malang", documents=[
                                              ("KTP", SimpleUploadedFile("ktp.png", png_bytes()))])
    from desaku.core.models import FundingSource

    return {"program": aspd.pk, "person": person.pk, "person2": person2.pk, "enrolment": enrolment.pk,
            "proposed": proposed.pk, "cycle": cycle.pk, "line": line.pk, "line2": line2.pk, "line3": line3.pk,
            "paid_line": paid.pk, "request": request.pk, "approved_request": approved.pk,
            "lks_person": lks_person.pk, "lks_enrolment": lks_enrolment.pk, "lks_request": lks_request.pk,
            "lks_document": lks_request.documents.get().pk, "fs": FundingSource.objects.get(code="APBD-I").pk}


@pytest.mark.django_db
def test_pages_and_reads(actors, world):
    for case in GET_CASES:
        check_access(case, actors, world)


@pytest.mark.django_db
@pytest.mark.parametrize("case", WRITE_CASES, ids=lambda c: c.name)
def test_writes(case, actors, world):
    check_access(case, actors, world)


@pytest.mark.django_db
def test_lks_b_cannot_reach_lks_a_records_by_id(actors, world):
    client = Client()
    client.force_login(actors["lks_b"])
    for name, key in (("enrolment_detail", "lks_enrolment"), ("request_detail", "lks_request"),
                      ("document_download", "lks_document"), ("person_eligibility", "lks_person")):
        assert client.get(reverse(f"aid:{name}", args=[world[key]])).status_code == 404
    assert client.get(f"/api/v1/aid-enrolments/{world['lks_enrolment']}/").status_code == 404
    assert client.get(f"/api/v1/aid-requests/{world['lks_request']}/").status_code == 404
    assert client.post(reverse("aid:document_add", args=[world["lks_request"]]), {
        "title": "x", "file": SimpleUploadedFile("x.png", png_bytes())}).status_code == 404
    listed = client.get("/api/v1/aid-enrolments/").json()
    assert listed["count"] == 0


@pytest.mark.django_db
def test_read_only_roles_cannot_write(actors, world):
    from desaku.aid.models import Enrolment

    for actor in ("kadis", "auditor"):
        client = Client()
        client.force_login(actors[actor])
        assert client.post(reverse("aid:enrolment_decide", args=[world["enrolment"]]), {
            "action": "suspend", "note": "x"}).status_code == 403
        assert client.post(f"/api/v1/aid-enrolments/{world['enrolment']}/suspend/", {"note": "x"},
                           content_type="application/json").status_code == 403
    assert Enrolment.objects.get(pk=world["enrolment"]).status == "active"
