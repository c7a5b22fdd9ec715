"""The diversion API writes the agreement, the court ruling and the follow-up of the terms over the same services
as the pages: field-level 400s, the case's scope (404 outside it, 403 for read-only roles) and access-log entries."""

import pytest
from rest_framework.test import APIClient

from desaku.core.models import AccessLogEntry
from desaku.diversion import services
from desaku.diversion.models import Agreement, Outcome
from desaku.diversion.tests.helpers import agreed, days_ago, opened, stage_started, today


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def _stage_with_musyawarah(peksos):
    stage = stage_started(opened(peksos), peksos)
    services.add_deliberation(stage=stage, by=peksos, held_on=days_ago(20), place="Polres", facilitator="Penyidik",
                              participants="Anak\nKorban", result="agreement")
    return stage


@pytest.mark.django_db
def test_agreement_over_the_api(actors):
    peksos = actors["peksos"]
    stage = _stage_with_musyawarah(peksos)
    api = _api(peksos)
    bad = api.post("/api/v1/abh-agreements/", {"stage": stage.pk, "agreed_on": "2026-13-01", "terms": []},
                   format="json")
    assert bad.status_code == 400
    assert set(bad.json()) >= {"agreed_on", "terms"}
    early = api.post("/api/v1/abh-agreements/", {"stage": stage.pk, "agreed_on": str(days_ago(21)),
                                                 "terms": ["Minta maaf"]}, format="json")
    assert early.status_code == 400 and "agreed_on" in early.json()  # before the musyawarah (service rule)
    ok = api.post("/api/v1/abh-agreements/", {"stage": stage.pk, "agreed_on": str(days_ago(19)),
                                              "summary": "Damai", "terms": ["Minta maaf", "Ganti rugi Rp500.000"]},
                  format="json")
    assert ok.status_code == 201, ok.json()
    body = ok.json()
    assert [t["description"] for t in body["terms"]] == ["Minta maaf", "Ganti rugi Rp500.000"]
    stage.refresh_from_db()
    assert stage.outcome == Outcome.AGREEMENT and stage.diversion_finished_on == days_ago(19)
    assert AccessLogEntry.objects.filter(actor_username="t_peksos", model_label="diversion.Agreement",
                                         object_id=str(body["id"]), detail="api write").exists()
    again = api.post("/api/v1/abh-agreements/", {"stage": stage.pk, "agreed_on": str(days_ago(19)),
                                                 "terms": ["x"]}, format="json")
    assert again.status_code == 400 and "agreed_on" in again.json()


@pytest.mark.django_db
def test_agreement_refused_outside_the_scope(actors):
    stage = _stage_with_musyawarah(actors["peksos"])
    data = {"stage": stage.pk, "agreed_on": str(days_ago(19)), "terms": ["Minta maaf"]}
    assert _api(actors["kadis"]).post("/api/v1/abh-agreements/", data, format="json").status_code == 403
    refused = _api(actors["lks_a"]).post("/api/v1/abh-agreements/", data, format="json")
    assert refused.status_code == 403
    assert not Agreement.objects.exists()


@pytest.mark.django_db
def test_ruling_and_follow_up(actors):
    peksos = actors["peksos"]
    stage, agreement = agreed(opened(peksos), peksos)
    api = _api(peksos)
    term = agreement.terms.order_by("pk").first()
    early = api.post(f"/api/v1/abh-agreement-terms/{term.pk}/follow-up/", {"status": "fulfilled"}, format="json")
    assert early.status_code == 400 and "status" in early.json()  # supervision starts after the ruling
    missing = api.post(f"/api/v1/abh-stages/{stage.pk}/ruling/", {"agreement_sent_on": str(days_ago(23)),
                                                                    "ruling_on": str(days_ago(21))}, format="json")
    assert missing.status_code == 400 and "ruling_number" in missing.json()
    assert api.post(f"/api/v1/abh-stages/{stage.pk}/ruling/", {}, format="json").json().keys() == {
        "agreement_sent_on", "detail"}
    ruled = api.post(f"/api/v1/abh-stages/{stage.pk}/ruling/", {
        "agreement_sent_on": str(days_ago(23)), "ruling_on": str(days_ago(21)),
        "ruling_number": "7/Pid.Sus-Anak/2026/PN Mlg"}, format="json")
    assert ruled.status_code == 200 and ruled.json()["ruling_number"] == "7/Pid.Sus-Anak/2026/PN Mlg"
    done = api.post(f"/api/v1/abh-agreement-terms/{term.pk}/follow-up/",
                    {"status": "fulfilled", "follow_up": "Permintaan maaf disampaikan"}, format="json")
    assert done.status_code == 200
    assert done.json()["status"] == "fulfilled"
    assert done.json()["follow_up"] == f"{today():%d/%m/%Y}: Permintaan maaf disampaikan"
    added = api.post("/api/v1/abh-agreement-terms/", {"agreement": agreement.pk, "description": "Wajib lapor",
                                                      "due_on": "bukan tanggal"}, format="json")
    assert added.status_code == 400 and "due_on" in added.json()
    added = api.post("/api/v1/abh-agreement-terms/", {"agreement": agreement.pk, "description": "Wajib lapor"},
                     format="json")
    assert added.status_code == 201 and added.json()["abh"] == stage.abh_id
    listed = api.get("/api/v1/abh-agreement-terms/", {"agreement": agreement.pk}).json()
    assert listed["count"] == 3
    other = _api(actors["lks_a"])
    assert other.get(f"/api/v1/abh-agreement-terms/{term.pk}/").status_code == 404
    assert other.post(f"/api/v1/abh-agreement-terms/{term.pk}/follow-up/", {"status": "in_progress"},
                      format="json").status_code == 404
    auditor = _api(actors["auditor"])
    assert auditor.get(f"/api/v1/abh-agreement-terms/{term.pk}/").status_code == 200
    assert auditor.post(f"/api/v1/abh-agreement-terms/{term.pk}/follow-up/", {"status": "in_progress"},
                        format="json").status_code == 403
    assert AccessLogEntry.objects.filter(actor_username="t_auditor", model_label="diversion.AgreementTerm",
                                         object_id=str(term.pk)).exists()


@pytest.mark.django_db
def test_stage_not_in_scope_reads_as_missing(actors):
    stage = stage_started(opened(actors["peksos"]), actors["peksos"])
    response = _api(actors["admin"]).post("/api/v1/abh-agreements/", {"stage": stage.pk + 999,
                                                                       "agreed_on": str(days_ago(1)),
                                                                       "terms": ["a"]}, format="json")
    assert response.status_code == 400 and "stage" in response.json()


@pytest.mark.django_db
def test_social_report_over_the_api(actors):
    peksos = actors["peksos"]
    abh = opened(peksos)
    stage = stage_started(abh, peksos)
    other_stage = stage_started(opened(peksos), peksos)
    api = _api(peksos)
    data = {"abh": abh.pk, "stage": stage.pk, "requested_on": str(days_ago(29)), "background": "Tinggal dengan ibu",
            "recommendation": "Diversi", "submitted_on": str(days_ago(30))}
    early = api.post("/api/v1/abh-social-reports/", data, format="json")
    assert early.status_code == 400 and "submitted_on" in early.json()
    wrong = api.post("/api/v1/abh-social-reports/", {**data, "stage": other_stage.pk, "submitted_on": None},
                     format="json")
    assert wrong.status_code == 400 and "stage" in wrong.json()
    ok = api.post("/api/v1/abh-social-reports/", {**data, "submitted_on": str(days_ago(27))}, format="json")
    assert ok.status_code == 201 and ok.json()["letter_number"] is None
    stage.refresh_from_db()
    assert (stage.social_report_requested_on, stage.social_report_submitted_on) == (days_ago(29), days_ago(27))
    assert _api(actors["lks_a"]).get(f"/api/v1/abh-social-reports/{ok.json()['id']}/").status_code == 404
