"""The program record over the API: who reads and writes sites, funding, stakeholders, stages and their
documents, rounds, enterprises and UEP grants; a mentor sees only the assigned household's grants and
membership; a program officer edits only their own site; bad input is a 400 with field messages and writes
nothing; a stage document's download is permission-checked and access-logged."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from desaku.core.models import AccessLogEntry
from desaku.outreach.tests.helpers import png_bytes
from desaku.village import services, services_program
from desaku.village.models import (
    Building,
    Enterprise,
    FundingLine,
    SelectionRound,
    Site,
    Stage,
    StageDocument,
    Stakeholder,
    UepGrant,
)
from desaku.village.tests.helpers import a_round, accepted, client_for, nominated, site, unit

API = "/api/v1/"
LISTS = ["village-sites/", "village-funding-lines/", "village-stakeholders/", "village-stages/",
         "village-stage-documents/", "village-rounds/", "village-enterprises/", "village-grants/"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def village(actors):
    """Two living households (the mentor is assigned to the first) in one enterprise, each with a UEP grant; a
    second site whose program officer is the Peksos."""
    operator, peksos, kemensos = actors["operator"], actors["peksos"], actors["kemensos"]
    lks = actors["lks_a"].organisation
    selection = a_round(quota=10)
    homes = []
    for number, name in (("01A", "Huni Satu"), ("01B", "Huni Dua")):
        candidate = accepted(nominated(selection, operator, name=name, birth_year=1970 + len(homes)), peksos, lks,
                             kemensos)
        homes.append(services.allocate(candidate=candidate, unit=unit(number), by=operator).household)
    assigned, other = homes
    services.assign_mentor(mentor=actors["pendamping"], household=assigned, by=actors["kabid"])
    enterprise = services.create_enterprise(site=site(), by=operator, name="Sanggar Topeng", kind="group",
                                            households=homes)
    grants = [services.record_grant(household=h, by=operator, received_on=date(2016, 12, 5), enterprise=enterprise,
                                    purpose="Modal usaha") for h in homes]
    batu = services_program.create_site(by=actors["kabid"], code="batu-2027", name="Desaku Menanti Batu",
                                        address="Jl. Oro-oro Ombo", program_officer=peksos)
    stage = site().stages.first()
    document = services_program.add_stage_document(stage=stage, by=actors["kabid"], caption="Peletakan",
                                                   upload=SimpleUploadedFile("foto.png", png_bytes()))
    return {"assigned": assigned, "other": other, "enterprise": enterprise, "grants": grants, "batu": batu,
            "stage": stage, "document": document, "round": selection}



def post(client, path, data, method="post"):
    return getattr(client, method)(API + path, data, content_type="application/json")


# ------------------------------------------------------------------------------------------------ reads


@pytest.mark.django_db
@pytest.mark.parametrize("path", LISTS)
def test_who_reads_each_endpoint(actors, village, path):
    expected = {"operator": 200, "kabid": 200, "pendamping": 200, "lks_a": 200, "auditor": 200, "kemensos": 403,
                "penjangkauan": 403}
    seen = {name: client_for(actors[name]).get(API + path).status_code for name in expected}
    assert seen == expected
    assert client_for(None).get(API + path).status_code in (401, 403)


@pytest.mark.django_db
def test_a_mentor_sees_only_the_assigned_households_grant_and_membership(actors, village):
    assigned, other = village["assigned"], village["other"]
    mentor = client_for(actors["pendamping"])
    assert [g["household"] for g in mentor.get(API + "village-grants/").json()["results"]] == [assigned.pk]
    assert mentor.get(API + f"village-grants/{village['grants'][1].pk}/").status_code == 404
    enterprise = mentor.get(API + f"village-enterprises/{village['enterprise'].pk}/").json()
    assert enterprise["households"] == [assigned.pk] and enterprise["household_count"] == 2
    # The LKS sees neither household; the Kepala Bidang both.
    lks = client_for(actors["lks_a"])
    assert lks.get(API + "village-grants/").json()["results"] == []
    assert lks.get(API + f"village-enterprises/{village['enterprise'].pk}/").json()["households"] == []
    kabid = client_for(actors["kabid"])
    assert {g["household"] for g in kabid.get(API + "village-grants/").json()["results"]} == {assigned.pk, other.pk}
    grant = village["grants"][0]
    assert kabid.get(API + f"village-grants/{grant.pk}/").status_code == 200
    assert AccessLogEntry.objects.filter(actor_id=actors["kabid"].pk, model_label="village.UepGrant",
                                         object_id=str(grant.pk)).exists()


@pytest.mark.django_db
def test_lists_filter_by_site_and_refuse_a_bad_id(actors, village):
    kabid = client_for(actors["kabid"])
    batu = village["batu"].pk
    services_program.save_stage(site=village["batu"], by=actors["kabid"], title="Survei lahan Batu",
                                started_on=date(2027, 1, 5))
    titles = [s["title"] for s in kabid.get(API + f"village-stages/?site={batu}").json()["results"]]
    assert titles == ["Survei lahan Batu"]
    bad = kabid.get(API + "village-stages/?site=batu")
    assert bad.status_code == 400 and "site" in bad.json()


# ----------------------------------------------------------------------------------------------- writes


@pytest.mark.django_db
def test_a_program_officer_edits_only_their_own_site(actors, village):
    peksos = client_for(actors["peksos"])
    line = {"source_name": "APBD Batu", "purpose": "Tanah", "amount": "500000000"}
    assert post(peksos, "village-funding-lines/", {"site": village["batu"].pk, **line}).status_code == 201
    assert post(peksos, "village-funding-lines/", {"site": site().pk, **line}).status_code == 403
    stakeholder = site().stakeholders.first()
    assert post(peksos, f"village-stakeholders/{stakeholder.pk}/", {"role": "x"}, "patch").status_code == 403
    assert post(peksos, f"village-sites/{site().pk}/graduation/", {
        "income": "1", "income_months": 1, "attendance_pct": 1, "trainings": 1, "reason": "x"}).status_code == 403
    # Only the Kepala Bidang or the Administrator names the officer, even on the officer's own site.
    refused = post(peksos, f"village-sites/{village['batu'].pk}/", {"program_officer": actors["operator"].pk},
                   "patch")
    assert refused.status_code == 400 and "program_officer" in refused.json()
    assert Site.objects.get(pk=village["batu"].pk).program_officer == actors["peksos"]
    # The mentor and the LKS read the record but never write it.
    for name in ("pendamping", "lks_a"):
        assert post(client_for(actors[name]), "village-stages/", {
            "site": site().pk, "title": "X", "started_on": "2018-01-01"}).status_code == 403


@pytest.mark.django_db
def test_a_site_with_its_units_and_edits_that_keep_the_other_fields(actors, village):
    kabid = client_for(actors["kabid"])
    created = post(kabid, "village-sites/", {"code": "kediri-2028", "name": "Desaku Menanti Kediri",
                                             "address": "Jl. Brawijaya", "land_area_m2": 6000, "buildings": 2,
                                             "units_per_building": 2})
    assert created.status_code == 201, created.json()
    assert (created.json()["buildings"], created.json()["units"]) == (2, 4)
    line = FundingLine.objects.filter(site=site(), parent__isnull=True).first()
    changed = post(kabid, f"village-funding-lines/{line.pk}/", {"year": 2016, "reason": "Tahun anggaran"}, "patch")
    assert changed.status_code == 200, changed.json()
    line.refresh_from_db()
    assert line.year == 2016 and changed.json()["purpose"] == line.purpose and line.amount > 0
    assert line.history.first().history_change_reason == "Tahun anggaran"
    settings = post(kabid, f"village-sites/{site().pk}/graduation/", {
        "income": "1750000", "income_months": 4, "attendance_pct": 80, "trainings": 2, "reason": "Rapat evaluasi"})
    assert settings.status_code == 200 and settings.json()["graduation"]["income_months"] == 4
    closed = post(kabid, f"village-rounds/{village['round'].pk}/", {"closed": True}, "patch")
    assert closed.status_code == 200 and closed.json()["closed"] is True and closed.json()["accepted"] == 2
    member = village["assigned"]
    enterprise = post(client_for(actors["operator"]), "village-enterprises/", {
        "name": "Rempeyek Bu Huni", "kind": "household", "households": [member.pk]})
    assert enterprise.status_code == 201 and enterprise.json()["households"] == [member.pk]
    grant = post(client_for(actors["operator"]), "village-grants/", {
        "household": member.pk, "enterprise": enterprise.json()["id"], "received_on": "2017-01-02",
        "purpose": "Wajan dan kompor"})
    assert grant.status_code == 201 and grant.json()["amount"] == "5000000"


def _counts():
    return (Site.objects.count(), Building.objects.count(), FundingLine.objects.count(), Stage.objects.count(),
            Stakeholder.objects.count(), SelectionRound.objects.count(), Enterprise.objects.count(),
            UepGrant.objects.count(), StageDocument.objects.count())


BAD = [
    ("village-sites/", lambda v: {"code": "malang-2", "name": "X", "address": "Y", "land_area_m2": 100,
                                  "land_used_m2": 200, "buildings": 3}, "land_used_m2"),
    ("village-sites/", lambda v: {"code": "malang-2", "name": "X", "address": "Y", "buildings": 3,
                                  "units_per_building": 9}, "units_per_building"),
    ("village-sites/", lambda v: {"code": "tlogowaru", "name": "X", "address": "Y"}, "code"),
    ("village-funding-lines/", lambda v: {"site": site().pk, "source_name": "CSR", "purpose": "Etalase",
                                          "amount": "100", "parent": v["big_line"].pk}, "amount"),
    ("village-funding-lines/", lambda v: {"site": site().pk, "source_name": "CSR", "purpose": "", "amount": "100"},
     "purpose"),
    ("village-stakeholders/", lambda v: {"site": site().pk, "name": "X", "kind": "alien", "role": "Y"}, "kind"),
    ("village-stages/", lambda v: {"site": site().pk, "title": "X", "started_on": "2018-05-02",
                                   "ended_on": "2018-05-01"}, "ended_on"),
    ("village-rounds/", lambda v: {"site": site().pk, "name": "Seleksi 2027", "year": 2027, "quota": 0,
                                   "opened_on": "2027-01-01"}, "quota"),
    ("village-enterprises/", lambda v: {"name": "X", "kind": "household",
                                        "households": [v["assigned"].pk, v["other"].pk]}, "households"),
    ("village-grants/", lambda v: {"household": v["assigned"].pk, "enterprise": v["enterprise"].pk,
                                   "received_on": "2016-12-05", "purpose": "  "}, "purpose"),
    ("village-grants/", lambda v: {"household": v["assigned"].pk, "enterprise": v["enterprise"].pk,
                                   "received_on": str(timezone.localdate() + timedelta(days=1)),
                                   "purpose": "Modal"}, "received_on"),
    ("village-grants/", lambda v: {"household": v["assigned"].pk, "enterprise": v["enterprise"].pk,
                                   "received_on": "2016-12-05", "purpose": "Modal", "amount": "-5"}, "amount"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("path, data, field", BAD, ids=[f"{p}{f}" for p, _d, f in BAD])
def test_bad_input_is_a_field_error_and_writes_nothing(actors, village, path, data, field):
    village["big_line"] = FundingLine.objects.filter(site=site(), parent__isnull=True).order_by("amount").first()
    parts = sum(p.amount for p in village["big_line"].parts.all())
    village["big_line"].amount = parts + 50  # the next part of Rp100 would exceed the source
    village["big_line"].save_with_reason(by=actors["admin"], reason="test")
    before = _counts()
    response = post(client_for(actors["admin"]), path, data(village))
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert _counts() == before


@pytest.mark.django_db
def test_bad_edits_leave_the_record_as_it_was(actors, village):
    kabid = client_for(actors["kabid"])
    before = Site.objects.get(pk=site().pk)
    refused = post(kabid, f"village-sites/{before.pk}/graduation/", {
        "income": "1750000", "income_months": 13, "attendance_pct": 80, "trainings": 2, "reason": "Rapat"})
    assert refused.status_code == 400 and "income_months" in refused.json()
    refused = post(kabid, f"village-rounds/{village['round'].pk}/", {"quota": 1}, "patch")
    assert refused.status_code == 400 and "quota" in refused.json()
    after = Site.objects.get(pk=before.pk)
    assert (after.graduation_income, after.graduation_income_months) == (before.graduation_income,
                                                                        before.graduation_income_months)
    assert SelectionRound.objects.get(pk=village["round"].pk).quota == 10


# -------------------------------------------------------------------------------------- stage documents


@pytest.mark.django_db
def test_stage_documents_upload_download_and_removal(actors, village):
    kabid = client_for(actors["kabid"])
    stage = village["stage"]
    refused = kabid.post(API + "village-stage-documents/", {
        "stage": stage.pk, "file": SimpleUploadedFile("surat.png", b"not an image"), "caption": "x"})
    assert refused.status_code == 400 and "file" in refused.json()
    uploaded = kabid.post(API + "village-stage-documents/", {
        "stage": stage.pk, "file": SimpleUploadedFile("rumah Bu Sri.png", png_bytes()), "caption": "Peresmian"})
    assert uploaded.status_code == 201, uploaded.json()
    document = StageDocument.objects.get(pk=uploaded.json()["id"])
    assert document.is_photo and "Sri" not in document.file.name
    assert any(d["id"] == document.pk for d in kabid.get(API + f"village-stages/{stage.pk}/").json()["documents"])

    mentor = client_for(actors["pendamping"])
    served = mentor.get(uploaded.json()["url"])
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png_bytes()
    assert served["Cache-Control"] == "private, no-store"
    assert AccessLogEntry.objects.filter(actor_id=actors["pendamping"].pk, action="download",
                                         model_label="village.StageDocument", object_id=str(document.pk)).exists()
    for name in ("kemensos", "penjangkauan"):
        assert client_for(actors[name]).get(uploaded.json()["url"]).status_code == 403
    assert client_for(None).get(uploaded.json()["url"]).status_code in (401, 403)
    # The Peksos is program staff, but not this site's officer.
    assert client_for(actors["peksos"]).post(API + "village-stage-documents/", {
        "stage": stage.pk, "file": SimpleUploadedFile("x.png", png_bytes())}).status_code == 403

    path = f"village-stage-documents/{document.pk}/"
    no_reason = post(kabid, path, {}, "delete")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    assert post(client_for(actors["peksos"]), path, {"reason": "x"}, "delete").status_code == 403
    assert post(kabid, path, {"reason": "Salah unggah"}, "delete").status_code == 204
    assert not StageDocument.objects.filter(pk=document.pk).exists()
