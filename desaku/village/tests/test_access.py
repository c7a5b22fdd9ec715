"""Who may use each village URL and API route: role and data scope.

The world: candidate files nominated by the operator (Dinas, organisation scope) — one nominated, one sent by
the Peksos (with LKS A) to the Kemensos reviewer, one accepted and living in unit 01A (allocated by the
operator, the mentor assigned to it), one accepted without a unit, one on the waiting list offered unit 02A;
a mentoring session by the Peksos; an enterprise with a product and a sale; LKS A's own nominated file.
The Kemensos reviewer sees only the file sent to them; the mentor only the assigned household; the public
catalogue needs no login.
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from desaku.core import letters as core_letters
from desaku.core.testing import AccessCase, check_access
from desaku.outreach.tests.helpers import png_bytes
from desaku.village import services
from desaku.village.models import InventoryItem, Offer, Stage, StageDocument
from desaku.village.tests.access_operations import OPERATIONS_CASES
from desaku.village.tests.helpers import FULL, a_round, nominated, sent, site, unit

PUBLIC_URL_NAMES = {"village:catalogue", "village:catalogue_photo"}

READERS = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "lks_a", "lks_b", "pendamping", "auditor"})
MANAGERS = frozenset({"admin", "kabid", "peksos", "operator"})
MENTORS = MANAGERS | {"lks_a", "lks_b", "pendamping"}
SELECTION = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "lks_a", "lks_b", "auditor", "kemensos"})
NOMINATORS = MANAGERS | {"lks_a", "lks_b"}
# The nominated file: the Dinas (organisation, all) and the Peksos (nominated files of their department).
READ_NOMINATED = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "auditor"})
# The sent file: also the reviewer it was sent to and the LKS that took part.
READ_SENT = READ_NOMINATED | {"kemensos", "lks_a"}
# The occupancy (allocated by the operator): the Dinas and the assigned mentor; not the Peksos (own scope).
READ_OCCUPANCY = frozenset({"admin", "kadis", "kabid", "operator", "auditor", "pendamping"})
MANAGE_OCCUPANCY = frozenset({"admin", "kabid", "operator"})
# The session by the Peksos.
READ_SESSION = frozenset({"admin", "kadis", "kabid", "peksos", "operator", "auditor"})
READ_LKS = frozenset({"admin", "kadis", "auditor", "lks_a"})
# The program record: the Kepala Bidang, the Administrator and the site's program officer (the operator here).
PROGRAM = frozenset({"admin", "kabid", "operator"})
NEW_SITE = frozenset({"admin", "kabid"})


def _site_pk():
    from desaku.village.models import Site

    return Site.objects.get(code="tlogowaru").pk


def _u(name, *keys, query=""):
    return lambda a, c: reverse(f"village:{name}", args=[c[k] for k in keys]) + query


def _api(path):
    return lambda a, c: "/api/v1/" + path.format(**c)


def _fresh_nominated(actors, context):
    """The initial selection consumes its file: a new one for every request."""
    context["n"] = context.get("n", 0) + 1
    context["fresh"] = nominated(context["round_obj"], actors["operator"], name=f"Baru {context['n']}",
                                 birth_year=1950 + context["n"]).pk


def _fresh_sent(actors, context):
    _fresh_nominated(actors, context)
    from desaku.village.models import Candidate

    sent(Candidate.objects.get(pk=context["fresh"]), actors["peksos"], actors["lks_a"].organisation,
         actors["kemensos"])


def _fresh_document(actors, context):
    """Removing consumes the document: a new one for every request."""
    document = StageDocument(stage=Stage.objects.get(pk=context["stage"]), caption="Foto uji", is_photo=True,
                             file=SimpleUploadedFile("x.png", png_bytes()))
    document.save_with_reason(by=actors["operator"])
    context["fresh_document"] = document.pk


MATRIX = [
    # ---------------------------------------------------------------------------------------- pages (GET)
    AccessCase("home", _u("home"), READERS | {"kemensos"}, ok_status=(200, 302), url_names=("village:home",),
               notes="the Kemensos reviewer is sent on to the candidate files (302)"),
    AccessCase("site", _u("site_detail", "site"), READERS, url_names=("village:site_detail",)),
    AccessCase("stage document", _u("stage_document", "site", "document"), READERS,
               url_names=("village:stage_document",)),
    AccessCase("utility form", _u("utility_create", "site"), MANAGERS, url_names=("village:utility_create",)),
    AccessCase("sites", _u("site_list"), READERS, url_names=("village:site_list",)),
    AccessCase("sites export", _u("export_sites"), READERS, url_names=("village:export_sites",)),
    AccessCase("new site form", _u("site_create"), NEW_SITE, url_names=("village:site_create",)),
    AccessCase("site edit form", _u("site_edit", "site"), PROGRAM, url_names=("village:site_edit",)),
    AccessCase("graduation settings form", _u("graduation_edit", "site"), PROGRAM,
               url_names=("village:graduation_edit",)),
    AccessCase("funding form", _u("funding_create", "site"), PROGRAM, url_names=("village:funding_create",)),
    AccessCase("funding edit form", _u("funding_edit", "funding"), PROGRAM, url_names=("village:funding_edit",)),
    AccessCase("stakeholder form", _u("stakeholder_create", "site"), PROGRAM,
               url_names=("village:stakeholder_create",)),
    AccessCase("stakeholder edit form", _u("stakeholder_edit", "stakeholder"), PROGRAM,
               url_names=("village:stakeholder_edit",)),
    AccessCase("stage form", _u("stage_create", "site"), PROGRAM, url_names=("village:stage_create",)),
    AccessCase("stage edit form", _u("stage_edit", "stage"), PROGRAM, url_names=("village:stage_edit",)),
    AccessCase("stage upload form", _u("stage_document_create", "stage"), PROGRAM,
               url_names=("village:stage_document_create",)),
    AccessCase("stage document remove form", _u("stage_document_remove", "document"), PROGRAM,
               url_names=("village:stage_document_remove",)),
    AccessCase("round form", _u("round_create", "site"), PROGRAM, url_names=("village:round_create",)),
    AccessCase("round edit form", _u("round_edit", "round"), PROGRAM, url_names=("village:round_edit",)),
    AccessCase("units", _u("unit_list", query="?condition=good"), READERS, url_names=("village:unit_list",)),
    AccessCase("unit edit form", _u("unit_edit", "unit"), MANAGERS, url_names=("village:unit_edit",)),
    AccessCase("inventory item form", _u("inventory_create", "unit"), MANAGERS,
               url_names=("village:inventory_create",)),
    AccessCase("inventory edit form", _u("inventory_edit", "item"), MANAGERS, url_names=("village:inventory_edit",)),
    AccessCase("inventory remove form", _u("inventory_remove", "item"), MANAGERS,
               url_names=("village:inventory_remove",)),
    AccessCase("grant form", _u("grant_create", "enterprise"), MANAGERS, url_names=("village:grant_create",)),
    AccessCase("unit", _u("unit_detail", "unit"), READERS, url_names=("village:unit_detail",)),
    AccessCase("inventory check form", _u("inventory_check", "item"), MANAGERS,
               url_names=("village:inventory_check",)),
    AccessCase("candidates", _u("candidate_list", query="?status=sent"), SELECTION,
               url_names=("village:candidate_list",)),
    AccessCase("nominate form", _u("candidate_nominate"), NOMINATORS, url_names=("village:candidate_nominate",)),
    AccessCase("nominated file", _u("candidate_detail", "nominated"), READ_NOMINATED,
               url_names=("village:candidate_detail",)),
    AccessCase("sent file", _u("candidate_detail", "sent"), READ_SENT),
    AccessCase("LKS file", _u("candidate_detail", "lks_candidate"), READ_LKS,
               notes="nominated by LKS A: its own file (and household)"),
    AccessCase("initial form", _u("candidate_initial", "nominated"), frozenset({"admin", "peksos"}),
               url_names=("village:candidate_initial",)),
    AccessCase("final form", _u("candidate_final", "sent"), frozenset({"admin", "kemensos"}),
               url_names=("village:candidate_final",)),
    AccessCase("allocate form", _u("allocate", "accepted2"), MANAGERS, url_names=("village:allocate",),
               notes="the Peksos made the initial selection, so sees the file"),
    AccessCase("decline form", _u("offer_decline", "offer"), MANAGERS, url_names=("village:offer_decline",)),
    AccessCase("occupancy list", _u("occupancy_list", query="?status=active"), READERS,
               url_names=("village:occupancy_list",)),
    AccessCase("occupancy", _u("occupancy_detail", "occupancy"), READ_OCCUPANCY,
               url_names=("village:occupancy_detail",)),
    AccessCase("move-in form", _u("move_in", "occupancy"), MANAGE_OCCUPANCY, url_names=("village:move_in",)),
    AccessCase("check form", _u("residence_check", "occupancy"), MANAGE_OCCUPANCY | {"pendamping"},
               url_names=("village:residence_check",)),
    AccessCase("warning form", _u("warning", "occupancy"), MANAGE_OCCUPANCY, url_names=("village:warning",)),
    AccessCase("end form", _u("end_occupancy", "occupancy"), MANAGE_OCCUPANCY, url_names=("village:end_occupancy",)),
    AccessCase("mentor form", _u("assign_mentor", "occupancy"), MANAGE_OCCUPANCY,
               url_names=("village:assign_mentor",)),
    AccessCase("agreement PDF", _u("agreement", "occupancy"), READ_OCCUPANCY, url_names=("village:agreement",)),
    AccessCase("sessions", _u("session_list", query="?kind=business"), READERS, url_names=("village:session_list",)),
    AccessCase("session form", _u("session_create"), MENTORS, url_names=("village:session_create",)),
    AccessCase("session", _u("session_detail", "session"), READ_SESSION, url_names=("village:session_detail",)),
    AccessCase("enterprises", _u("enterprise_list"), READERS, url_names=("village:enterprise_list",)),
    AccessCase("enterprises export", _u("export_enterprises"), READERS, url_names=("village:export_enterprises",)),
    AccessCase("enterprise form", _u("enterprise_create"), MANAGERS, url_names=("village:enterprise_create",)),
    AccessCase("enterprise", _u("enterprise_detail", "enterprise"), READERS,
               url_names=("village:enterprise_detail",)),
    AccessCase("product form", _u("product_create", "enterprise"), MANAGERS, url_names=("village:product_create",)),
    AccessCase("product edit", _u("product_edit", "product"), MANAGERS, url_names=("village:product_edit",)),
    AccessCase("product photo", _u("product_photo", "product"), READERS, url_names=("village:product_photo",)),
    AccessCase("production form", _u("production_create", "product"), MENTORS,
               url_names=("village:production_create",)),
    AccessCase("sale form", _u("sale_create", "product"), MENTORS, url_names=("village:sale_create",)),
    AccessCase("sales", _u("sale_list"), READERS, url_names=("village:sale_list",)),
    AccessCase("production", lambda a, c: reverse("village:production_list") + f"?enterprise={c['enterprise']}",
               READERS,
               url_names=("village:production_list",)),
    AccessCase("progress", _u("household_progress", "household"), READ_OCCUPANCY,
               url_names=("village:household_progress",)),
    AccessCase("income form", _u("income_create", "household"), MANAGE_OCCUPANCY | {"pendamping"},
               url_names=("village:income_create",)),
    AccessCase("review form", _u("review_create", "household"), MANAGE_OCCUPANCY | {"pendamping"},
               url_names=("village:review_create",)),
    AccessCase("export units", _u("export_units"), READERS, url_names=("village:export_units",)),
    AccessCase("export candidates", _u("export_candidates"), SELECTION, url_names=("village:export_candidates",)),
    AccessCase("export occupancy", _u("export_occupancy"), READERS, url_names=("village:export_occupancy",)),
    AccessCase("export sessions", _u("export_sessions"), READERS, url_names=("village:export_sessions",)),
    AccessCase("export sales", _u("export_sales", query="?buyer_kind=visitor"), READERS,
               url_names=("village:export_sales",)),
    AccessCase("export production", _u("export_production"), READERS, url_names=("village:export_production",)),
    AccessCase("export units of a site", lambda a, c: reverse("village:export_units") + f"?site={_site_pk()}",
               READERS),
    # ------------------------------------------------------------------------------------------ API (GET)
    AccessCase("api units", _api("village-units/"), READERS, api=True, url_names=("village-unit-list",)),
    AccessCase("api unit", _api("village-units/{unit}/"), READERS, api=True, url_names=("village-unit-detail",)),
    AccessCase("api candidates", _api("village-candidates/?status=nominated"), SELECTION, api=True,
               url_names=("village-candidate-list",)),
    AccessCase("api candidate", _api("village-candidates/{sent}/"), READ_SENT, api=True,
               url_names=("village-candidate-detail",)),
    AccessCase("api occupancies", _api("village-occupancies/"), READERS, api=True,
               url_names=("village-occupancy-list",)),
    AccessCase("api occupancy", _api("village-occupancies/{occupancy}/"), READ_OCCUPANCY, api=True,
               url_names=("village-occupancy-detail",)),
    AccessCase("api sessions", _api("village-sessions/"), READERS, api=True, url_names=("village-session-list",)),
    AccessCase("api session", _api("village-sessions/{session}/"), READ_SESSION, api=True,
               url_names=("village-session-detail",)),
    AccessCase("api products", _api("village-products/"), READERS, api=True, url_names=("village-product-list",)),
    AccessCase("api product", _api("village-products/{product}/"), READERS, api=True,
               url_names=("village-product-detail",)),
    AccessCase("api sales", _api("village-sales/"), READERS, api=True, url_names=("village-sale-list",)),
    AccessCase("api sale", _api("village-sales/{sale}/"), READERS, api=True, url_names=("village-sale-detail",)),
    AccessCase("api sites", _api("village-sites/"), READERS, api=True, url_names=("village-site-list",)),
    AccessCase("api site", _api("village-sites/{site}/"), READERS, api=True, url_names=("village-site-detail",)),
    AccessCase("api funding lines", _api("village-funding-lines/?site={site}"), READERS, api=True,
               url_names=("village-funding-line-list",)),
    AccessCase("api funding line", _api("village-funding-lines/{funding}/"), READERS, api=True,
               url_names=("village-funding-line-detail",)),
    AccessCase("api stakeholders", _api("village-stakeholders/"), READERS, api=True,
               url_names=("village-stakeholder-list",)),
    AccessCase("api stakeholder", _api("village-stakeholders/{stakeholder}/"), READERS, api=True,
               url_names=("village-stakeholder-detail",)),
    AccessCase("api stages", _api("village-stages/?site={site}"), READERS, api=True, url_names=("village-stage-list",)),
    AccessCase("api stage", _api("village-stages/{stage}/"), READERS, api=True, url_names=("village-stage-detail",)),
    AccessCase("api stage documents", _api("village-stage-documents/?stage={stage}"), READERS, api=True,
               url_names=("village-stage-document-list",)),
    AccessCase("api stage document", _api("village-stage-documents/{document}/"), READERS, api=True,
               url_names=("village-stage-document-detail",)),
    AccessCase("api stage document file", _api("village-stage-documents/{document}/file/"), READERS, api=True,
               url_names=("village-stage-document-file",)),
    AccessCase("api rounds", _api("village-rounds/"), READERS, api=True, url_names=("village-round-list",)),
    AccessCase("api round", _api("village-rounds/{round}/"), READERS, api=True, url_names=("village-round-detail",)),
    AccessCase("api enterprises", _api("village-enterprises/"), READERS, api=True,
               url_names=("village-enterprise-list",)),
    AccessCase("api enterprise", _api("village-enterprises/{enterprise}/"), READERS, api=True,
               url_names=("village-enterprise-detail",)),
    AccessCase("api grants", _api("village-grants/"), READERS, api=True, url_names=("village-grant-list",),
               notes="the list holds only the grants of households in the reader's scope"),
    AccessCase("api grant", _api("village-grants/{grant}/"), READ_OCCUPANCY, api=True,
               url_names=("village-grant-detail",), notes="the household's readers and its mentor"),
    # ---------------------------------------------------------------------------------------- pages (POST)
    AccessCase("upload a stage photo", _u("stage_document_create", "stage"), PROGRAM, method="post",
               ok_status=(302,), setup=lambda a, c: None,
               data=lambda a, c: {"file": SimpleUploadedFile("x.png", png_bytes()), "caption": "Foto"}),
    AccessCase("add an inventory item", _u("inventory_create", "unit"), MANAGERS, method="post", ok_status=(302,),
               data={"name": "Kipas angin", "quantity": "1", "condition": "good"}),
    AccessCase("save graduation settings", _u("graduation_edit", "site"), PROGRAM, method="post", ok_status=(302,),
               data={"income": "1600000", "income_months": "3", "attendance_pct": "75", "trainings": "1",
                     "reason": "Keputusan rapat program"}),
    AccessCase("record a grant", _u("grant_create", "enterprise"), MANAGERS, method="post", ok_status=(200, 302),
               data=lambda a, c: {"household": c["household"], "amount": "5000000", "received_on": "2016-12-05",
                                  "purpose": "Modal usaha"},
               notes="302 for who sees the household; the Peksos (own scope) gets the form back (200)"),
    AccessCase("nominate", _u("candidate_nominate"), NOMINATORS, method="post", ok_status=(200, 302),
               data=lambda a, c: {"household": c["spare_household"], "source": "direct"},
               notes="302 for the first, then the household is a candidate already (200); a writer who cannot "
                     "see the household gets the form back (200)"),
    AccessCase("initial selection", _u("candidate_initial", "fresh"), frozenset({"admin", "peksos"}), method="post",
               ok_status=(302,), setup=_fresh_nominated,
               data=lambda a, c: {"lks": a["lks_a"].organisation_id, "passed": "1", "reviewer": a["kemensos"].pk,
                                  **{f"check_{k}": "on" for k in FULL}}),
    AccessCase("final selection", _u("candidate_final", "fresh"), frozenset({"admin", "kemensos"}), method="post",
               ok_status=(302,), setup=_fresh_sent, data={"decision": "waiting", "reasons": "kuota penuh"}),
    AccessCase("residence check", _u("residence_check", "occupancy"), MANAGE_OCCUPANCY | {"pendamping"},
               method="post", ok_status=(302,), data={"checked_on": "2017-01-10", "living_there": "on"}),
    AccessCase("follow-up done", _u("follow_up_done", "follow_up"), frozenset({"admin", "kabid", "peksos", "operator"}),
               method="post", ok_status=(302,), url_names=("village:follow_up_done",),
               notes="the first completes it; the others are sent back with the message"),
    AccessCase("record a sale", _u("sale_create", "product"), MENTORS, method="post", ok_status=(302,),
               data={"sold_on": "2017-02-01", "quantity": "3", "buyer_kind": "visitor"}),
    AccessCase("record income", _u("income_create", "household"), MANAGE_OCCUPANCY | {"pendamping"}, method="post",
               ok_status=(302,), data={"month": "2017-01", "amount": "1200000"}),
    # ------------------------------------------------------------------------------------------ API (write)
    AccessCase("api nominate", _api("village-candidates/"), NOMINATORS, api=True, method="post",
               ok_status=(201, 400), data=lambda a, c: {"household": c["spare_household2"]},
               notes="201 for the first, then 400 (a candidate already, or a household the writer cannot see)"),
    AccessCase("api initial", _api("village-candidates/{fresh}/initial/"), frozenset({"admin", "peksos"}), api=True,
               method="post", ok_status=(200,), setup=_fresh_nominated, url_names=("village-candidate-initial",),
               data=lambda a, c: {"lks": a["lks_a"].organisation_id, "checklist": FULL, "passed": True,
                                  "reviewer": a["kemensos"].pk}),
    AccessCase("api final", _api("village-candidates/{fresh}/final/"), frozenset({"admin", "kemensos"}), api=True,
               method="post", ok_status=(200,), setup=_fresh_sent, url_names=("village-candidate-final",),
               data={"decision": "rejected", "reasons": "punya rumah"}),
    AccessCase("api allocate", _api("village-occupancies/"), MANAGERS, api=True, method="post",
               ok_status=(201, 400), data=lambda a, c: {"candidate": c["accepted2"], "unit": c["unit3"]},
               notes="201 for the first, then 400 (the household has a unit)"),
    AccessCase("api move in", _api("village-occupancies/{occupancy}/move-in/"), MANAGE_OCCUPANCY, api=True,
               method="post", ok_status=(400,), data={"move_in_date": "2016-11-20"},
               url_names=("village-occupancy-move-in",), notes="already moved in: the service's 400"),
    AccessCase("api end", _api("village-occupancies/{allocated}/end/"), MANAGE_OCCUPANCY, api=True, method="post",
               ok_status=(200, 400), data={"reason": "moved_out", "on": "2017-01-01"},
               url_names=("village-occupancy-end",), notes="the first ends it; the others get 400"),
    AccessCase("api session", _api("village-sessions/"), MENTORS, api=True, method="post", ok_status=(201, 400),
               data=lambda a, c: {"kind": "social", "held_on": "2017-01-05", "topic": "Kebersihan",
                                  "households": [c["household"]]},
               notes="400 for a writer who cannot see the household (LKS)"),
    AccessCase("api add inventory", _api("village-units/{unit}/inventory/"), MANAGERS, api=True, method="post",
               ok_status=(201,), url_names=("village-unit-inventory",),
               data={"name": "Kipas angin", "quantity": 1, "condition": "good"}),
    AccessCase("api change inventory", _api("village-units/{unit}/inventory/{item}/"), MANAGERS, api=True,
               method="patch", ok_status=(200,), url_names=("village-unit-inventory-item",),
               data={"condition": "minor", "reason": "Kaki meja goyang"}),
    AccessCase("api sale", _api("village-sales/"), MENTORS, api=True, method="post", ok_status=(201,),
               data=lambda a, c: {"product": c["product"], "sold_on": "2017-02-01", "quantity": 2}),
    AccessCase("api new site", _api("village-sites/"), NEW_SITE, api=True, method="post", ok_status=(201, 400),
               data={"code": "batu-2027", "name": "Desaku Menanti Batu", "address": "Jl. Oro-oro Ombo"},
               notes="201 for the first, then 400 (the code is taken)"),
    AccessCase("api edit site", _api("village-sites/{site}/"), PROGRAM, api=True, method="patch", ok_status=(200,),
               data={"utilities_note": "Listrik dan air dibayar Dinas", "reason": "uji"},
               notes="the Peksos is program staff but not this site's officer: 403"),
    AccessCase("api graduation settings", _api("village-sites/{site}/graduation/"), PROGRAM, api=True,
               method="post", ok_status=(200,), url_names=("village-site-graduation",),
               data={"income": "1600000", "income_months": 3, "attendance_pct": 75, "trainings": 1,
                     "reason": "Keputusan rapat program"}),
    AccessCase("api funding line", _api("village-funding-lines/"), PROGRAM, api=True, method="post",
               ok_status=(201,), data=lambda a, c: {"site": c["site"], "source_name": "CSR Bank", "purpose": "Etalase",
                                                    "amount": "10000000"}),
    AccessCase("api edit stakeholder", _api("village-stakeholders/{stakeholder}/"), PROGRAM, api=True,
               method="patch", ok_status=(200,), data={"role": "Pendamping usaha", "reason": "uji"}),
    AccessCase("api stage", _api("village-stages/"), PROGRAM, api=True, method="post", ok_status=(201,),
               data=lambda a, c: {"site": c["site"], "title": "Pameran produk", "started_on": "2018-08-17"}),
    AccessCase("api remove stage document", _api("village-stage-documents/{fresh_document}/"), PROGRAM, api=True,
               method="delete", ok_status=(204,), setup=_fresh_document, data={"reason": "Salah unggah"}),
    AccessCase("api edit round", _api("village-rounds/{round}/"), PROGRAM, api=True, method="patch",
               ok_status=(200,), data={"quota": 12, "reason": "uji"}),
    AccessCase("api enterprise", _api("village-enterprises/"), MANAGERS, api=True, method="post", ok_status=(201,),
               data={"name": "Kelompok Bros", "kind": "group"}),
    AccessCase("api grant", _api("village-grants/"), MANAGERS, api=True, method="post", ok_status=(201, 400),
               data=lambda a, c: {"household": c["household"], "enterprise": c["enterprise"],
                                  "received_on": "2016-12-05", "purpose": "Modal usaha"},
               notes="400 for a writer who cannot see the household (the Peksos, own scope)"),
]
MATRIX += OPERATIONS_CASES  # the operations API and the assignment end page (tests/access_operations.py)
GET_CASES = [c for c in MATRIX if c.method == "get"]
WRITE_CASES = [c for c in MATRIX if c.method != "get"]


@pytest.fixture
def world(actors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = True
    operator, peksos, kemensos, lks_a = actors["operator"], actors["peksos"], actors["kemensos"], actors["lks_a"]
    lks_org = lks_a.organisation
    selection = a_round(quota=10)
    candidate_nominated = nominated(selection, operator, name="Nominasi Satu", birth_year=1971)
    candidate_sent = sent(nominated(selection, operator, name="Kirim Dua", birth_year=1972), peksos, lks_org, kemensos)
    living = sent(nominated(selection, operator, name="Huni Tiga", birth_year=1973), peksos, lks_org, kemensos)
    services.final_selection(candidate=living, by=kemensos, decision="accepted", reasons="memenuhi")
    occupancy = services.allocate(candidate=living, unit=unit("01A"), by=operator, on=date(2016, 11, 1))
    occupancy = services.move_in(occupancy=occupancy, by=operator, on=date(2016, 11, 12))
    services.assign_mentor(mentor=actors["pendamping"], household=occupancy.household, by=actors["kabid"])
    accepted2 = sent(nominated(selection, operator, name="Terima Empat", birth_year=1974), peksos, lks_org, kemensos)
    services.final_selection(candidate=accepted2, by=kemensos, decision="accepted", reasons="memenuhi")
    accepted3 = sent(nominated(selection, operator, name="Terima Lima", birth_year=1975), peksos, lks_org, kemensos)
    services.final_selection(candidate=accepted3, by=kemensos, decision="accepted", reasons="memenuhi")
    allocated = services.allocate(candidate=accepted3, unit=unit("01B"), by=operator, on=date(2016, 11, 1))
    waiting = sent(nominated(selection, operator, name="Tunggu Enam", birth_year=1976), peksos, lks_org, kemensos)
    services.final_selection(candidate=waiting, by=kemensos, decision="waiting", reasons="kuota")
    offer = Offer(unit=unit("02A"), candidate=waiting, offered_on=date(2017, 6, 1))
    offer.save_with_reason(by=operator)
    lks_candidate = nominated(selection, lks_a, name="Binaan LKS", birth_year=1977)
    session = services.record_session(site=site(), by=peksos, kind="business", held_on=date(2017, 1, 10),
                                      topic="Harga jual", households=[occupancy.household],
                                      follow_ups=[("Cek pembukuan", date(2017, 1, 24), None)])
    enterprise = services.create_enterprise(site=site(), by=operator, name="Sanggar Topeng", kind="group",
                                            households=[occupancy.household])
    product = services.save_product(by=operator, enterprise=enterprise, name="Topeng Panji", price=75000,
                                    photo=SimpleUploadedFile("t.png", png_bytes()))
    sale = services.record_sale(product=product, by=operator, sold_on=date(2017, 1, 20), quantity=2)
    grant = services.record_grant(household=occupancy.household, by=operator, received_on=date(2016, 12, 5),
                                  enterprise=enterprise, purpose="Modal usaha")
    the_site = site()
    the_site.program_officer = operator
    the_site.save_with_reason(by=operator, reason="test")
    stage = Stage.objects.filter(site=site()).first()
    document = StageDocument(stage=stage, file=SimpleUploadedFile("foto.png", png_bytes()), caption="Peletakan",
                             is_photo=True)
    document.save_with_reason(by=operator)
    letter = core_letters.issue_letter(type_code="VIL-HUNI", subject="test", by=operator, record=occupancy)
    letter.pdf.save(f"{letter.pk}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    letter.save_with_reason(by=operator, reason="pdf")
    occupancy.agreement = letter
    occupancy.save_with_reason(by=operator)
    from desaku.village.tests.helpers import household

    return {
        "round_obj": selection, "site": site().pk, "document": document.pk, "unit": unit("01A").pk,
        "unit3": unit("03A").pk, "item": InventoryItem.objects.filter(unit=unit("01A")).first().pk,
        "nominated": candidate_nominated.pk, "sent": candidate_sent.pk, "accepted2": accepted2.pk,
        "offer": offer.pk, "lks_candidate": lks_candidate.pk, "occupancy": occupancy.pk, "allocated": allocated.pk,
        "household": occupancy.household_id, "session": session.pk, "follow_up": session.follow_ups.first().pk,
        "enterprise": enterprise.pk, "product": product.pk, "sale": sale.pk, "stage": stage.pk,
        "funding": the_site.funding_lines.first().pk, "stakeholder": the_site.stakeholders.first().pk,
        "round": selection.pk, "grant": grant.pk,
        "spare_household": household(operator, "Cadangan Satu", birth_year=1960).pk,
        "spare_household2": household(operator, "Cadangan Dua", birth_year=1961).pk,
    }


@pytest.mark.django_db
def test_pages_and_reads(actors, world):
    for case in GET_CASES:
        check_access(case, actors, world)


@pytest.mark.django_db
def test_writes(actors, world):
    for case in WRITE_CASES:
        check_access(case, actors, world)


@pytest.mark.django_db
def test_public_catalogue(actors, world):
    client = Client()
    assert client.get(reverse("village:catalogue")).status_code == 200
    assert client.get(reverse("village:catalogue_photo", args=[world["product"]])).status_code == 200


@pytest.mark.django_db
def test_an_lks_cannot_reach_another_lks_record_by_guessing_its_id(actors, world):
    client = Client()
    client.force_login(actors["lks_b"])
    assert client.get(reverse("village:candidate_detail", args=[world["lks_candidate"]])).status_code == 404
    assert client.get(f"/api/v1/village-candidates/{world['lks_candidate']}/").status_code == 404
    assert client.get(reverse("village:candidate_detail", args=[world["sent"]])).status_code == 404
    assert client.get(reverse("village:occupancy_detail", args=[world["occupancy"]])).status_code == 404
    assert client.get(reverse("village:agreement", args=[world["occupancy"]])).status_code == 404


@pytest.mark.django_db
def test_the_reviewer_sees_only_files_sent_to_them_with_minimal_data(actors, world):
    client = Client()
    client.force_login(actors["kemensos"])
    rows = client.get("/api/v1/village-candidates/").json()["results"]
    from desaku.village.models import Candidate

    assert {r["id"] for r in rows} == set(Candidate.objects.filter(sent_to=actors["kemensos"]).values_list(
        "pk", flat=True))
    detail = client.get(f"/api/v1/village-candidates/{world['sent']}/").json()
    assert "nik_masked" not in detail["head"] and detail["address"] == ""
    page = client.get(reverse("village:candidate_detail", args=[world["sent"]]))
    assert page.status_code == 200 and b'data-testid="address"' not in page.content
