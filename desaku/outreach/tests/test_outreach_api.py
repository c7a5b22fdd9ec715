"""The outreach API: the same services and selectors as the pages, JSON field errors, 404 outside the scope."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from desaku.core.models import PPKSCategory
from desaku.outreach import services
from desaku.outreach.models import Disposition, Encounter, Stay
from desaku.outreach.tests.helpers import admitted, assessed, raid, today
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.WHITENOISE_AUTOREFRESH = True


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def stay(person, actors):
    return admitted(person, actors["penjangkauan"], worker=actors["peksos"], on=today() - timedelta(days=2))


def test_an_operation_and_its_encounters(actors, person):
    officer = api(actors["penjangkauan"])
    response = officer.post("/api/v1/outreach-operations/", {
        "kind": "raid", "started_at": "2026-03-01T20:00:00+07:00", "place": "Alun-alun Merdeka",
        "kelurahan": "35.73.02.1004", "latitude": "-7.982600", "longitude": "112.630800",
        "team": [actors["peksos"].pk]}, format="json")
    assert response.status_code == 201, response.json()
    operation = response.json()
    assert operation["kelurahan"] == "35.73.02.1004" and set(operation["team"]) == {
        actors["penjangkauan"].pk, actors["peksos"].pk}
    response = officer.post("/api/v1/encounters/", {"operation": operation["id"], "person": person.pk,
                                                     "activity": "begging", "outcome": "shelter"}, format="json")
    assert response.status_code == 201 and response.json()["person"]["full_name"] == person.full_name
    listing = officer.get("/api/v1/encounters/", {"operation": operation["id"]}).json()
    assert listing["count"] == 1 and listing["results"][0]["previous_disposition"] is None


def test_field_errors_come_back_as_json(actors, person):
    officer = api(actors["penjangkauan"])
    response = officer.post("/api/v1/outreach-operations/", {
        "kind": "patrol", "started_at": "2026-03-01T20:00:00+07:00", "place": "Kayutangan", "latitude": "-7.98"},
        format="json")
    assert response.status_code == 400 and "latitude" in response.json()
    operation = raid(actors["penjangkauan"])
    response = officer.post("/api/v1/encounters/", {"operation": operation.pk, "person": person.pk,
                                                     "activity": "begging", "outcome": "referred"}, format="json")
    assert response.status_code == 400 and "referred_to" in response.json()
    assert not Encounter.objects.exists()


def test_admission_capacity_and_one_open_stay(actors, person, stay):
    response = api(actors["kabid"]).post("/api/v1/stays/", {"person": person.pk, "shelter": "twk-sukun"},
                                         format="json")
    assert response.status_code == 400 and "person" in response.json()
    other = make_person(actors["penjangkauan"], "Sarip", birth_year=1950)
    response = api(actors["penjangkauan"]).post("/api/v1/stays/", {
        "person": other.pk, "shelter": "pondok-lansia", "responsible_worker": actors["peksos"].pk}, format="json")
    assert response.status_code == 201
    assert response.json()["shelter"] == "pondok-lansia" and response.json()["day"] == 1


def test_only_a_kepala_bidang_extends(actors, stay):
    response = api(actors["peksos"]).post(f"/api/v1/stays/{stay.pk}/extend/", {"reason": "x"}, format="json")
    assert response.status_code == 400 and "approved_by" in response.json()
    response = api(actors["kabid"]).post(f"/api/v1/stays/{stay.pk}/extend/", {"reason": "menunggu keluarga"},
                                         format="json")
    assert response.status_code == 201 and response.json()["number"] == 1
    assert api(actors["kabid"]).get(f"/api/v1/stays/{stay.pk}/").json()["extensions"] == 1


def test_transfer(actors, stay):
    response = api(actors["peksos"]).post(f"/api/v1/stays/{stay.pk}/transfer/", {
        "to_shelter": "twk-sukun", "reason": "terbaring sakit"}, format="json")
    assert response.status_code == 201 and response.json()["to_shelter"] == "twk-sukun"
    assert Stay.objects.get(pk=stay.pk).shelter.code == "twk-sukun"


def test_assessments_hide_sensitive_categories_from_roles_without_need(actors, stay):
    peksos = api(actors["peksos"])
    response = peksos.post(f"/api/v1/stays/{stay.pk}/assessments/", {
        "identity_status": "unverified", "risk_level": "high", "recommendation": "referred",
        "categories": ["PPKS-16", "PPKS-12"], "needs": {"therapy": "konseling"},
        "exploitation_indicators": ["debt"]}, format="json")
    assert response.status_code == 201 and sorted(response.json()["categories"]) == ["PPKS-12", "PPKS-16"]
    officer = api(actors["penjangkauan"])
    versions = officer.get(f"/api/v1/stays/{stay.pk}/assessments/").json()
    assert versions[0]["categories"] == ["PPKS-12"] and versions[0]["needs"] == {"therapy": "konseling"}
    response = officer.post(f"/api/v1/stays/{stay.pk}/assessments/", {
        "identity_status": "partial", "risk_level": "low", "recommendation": "returned", "categories": ["PPKS-16"]},
        format="json")
    assert response.status_code == 400 and "categories" in response.json()
    response = officer.post(f"/api/v1/stays/{stay.pk}/assessments/", {
        "identity_status": "partial", "risk_level": "low", "recommendation": "returned",
        "needs": {"unknown": "x"}}, format="json")
    assert response.status_code == 400 and "needs" in response.json()


def test_propose_approve_and_send_back(actors, stay):
    peksos, kabid = api(actors["peksos"]), api(actors["kabid"])
    response = peksos.post(f"/api/v1/stays/{stay.pk}/dispositions/", {"kind": "returned"}, format="json")
    assert response.status_code == 400 and "receiver_name" in response.json()
    response = peksos.post(f"/api/v1/stays/{stay.pk}/dispositions/", {"kind": "placed", "institution": 0},
                           format="json")
    assert response.status_code == 400 and "institution" in response.json()
    first = peksos.post(f"/api/v1/stays/{stay.pk}/dispositions/", {"kind": "absconded"}, format="json").json()
    assert first["status"] == "proposed" and first["exit_destination"] == "street"
    assert peksos.post(f"/api/v1/dispositions/{first['id']}/approve/", {}, format="json").status_code == 400
    response = kabid.post(f"/api/v1/dispositions/{first['id']}/send-back/", {"note": ""}, format="json")
    assert response.status_code == 400 and "review_note" in response.json()
    assert kabid.post(f"/api/v1/dispositions/{first['id']}/send-back/", {"note": "cek CCTV"},
                      format="json").json()["status"] == "rejected"
    second = peksos.post(f"/api/v1/stays/{stay.pk}/dispositions/", {"kind": "absconded"}, format="json").json()
    response = kabid.post(f"/api/v1/dispositions/{second['id']}/approve/", {"note": "setuju"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert Stay.objects.get(pk=stay.pk).status == "closed"
    assert kabid.get("/api/v1/dispositions/", {"status": "proposed"}).json()["count"] == 0


def test_outside_the_scope_is_not_found(actors, stay):
    lks = api(actors["lks_a"])
    assert lks.get(f"/api/v1/stays/{stay.pk}/").status_code == 404
    assert lks.post(f"/api/v1/stays/{stay.pk}/extend/", {"reason": "x"}, format="json").status_code == 404
    assert lks.get("/api/v1/stays/").json()["count"] == 0
    assert api(actors["kemensos"]).get("/api/v1/stays/").status_code == 403


def test_occupancy_counts_everyone_but_lists_the_visible_stays(actors, stay):
    lks_stay = admitted(make_person(actors["lks_a"], "Paijo"), actors["lks_a"], on=today() - timedelta(days=7))
    rows = {r["shelter"]: r for r in api(actors["penjangkauan"]).get("/api/v1/shelters/occupancy/").json()}
    camp = rows["camp-assessment"]
    assert camp["occupied"] == 2 and camp["free"] == 28 and camp["stays"] == [stay.pk]
    rows = {r["shelter"]: r for r in api(actors["lks_a"]).get("/api/v1/shelters/occupancy/").json()}
    assert rows["camp-assessment"]["due_today"] == [lks_stay.pk]
    shelters = api(actors["auditor"]).get("/api/v1/shelters/").json()
    assert {s["code"]: s["occupied"] for s in shelters["results"]}["camp-assessment"] == 2


def test_preventive_activity_with_participants(actors, person):
    outsider = make_person(actors["lks_a"], "Paijo")
    officer = api(actors["penjangkauan"])
    payload = {"kind": "guidance", "held_on": "2026-03-05", "place": "Balai RW 05", "organiser": "Dinsos",
               "topic": "Pembinaan mental", "head_count": 25, "participants": [person.pk]}
    response = officer.post("/api/v1/preventive-activities/", payload, format="json")
    assert response.status_code == 201 and response.json()["participants"] == [person.pk]
    response = officer.post("/api/v1/preventive-activities/", {**payload, "participants": [outsider.pk]},
                            format="json")
    assert response.status_code == 400 and "participants" in response.json()


def test_a_return_to_the_street_is_visible_on_the_encounter(actors, person):
    stay = admitted(person, actors["penjangkauan"], on=today() - timedelta(days=40))
    assessed(stay, actors["peksos"], categories=[PPKSCategory.objects.get(number=12)])
    disposition = services.propose_disposition(stay=stay, by=actors["peksos"], kind="released",
                                               decided_on=today() - timedelta(days=30), conditions="wajib lapor")
    services.approve_disposition(disposition=disposition, by=actors["kabid"])
    operation = raid(actors["penjangkauan"], when=None)
    response = api(actors["penjangkauan"]).post("/api/v1/encounters/", {
        "operation": operation.pk, "person": person.pk, "activity": "begging", "outcome": "counselled"},
        format="json")
    body = response.json()
    assert body["previous_disposition"]["id"] == disposition.pk and body["days_since_exit"] == 30
    assert Disposition.objects.count() == 1
