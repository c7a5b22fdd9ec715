"""A person's records over the API (aliases, disabilities, photos, consent), household corrections, merges."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from desaku.api.tests import client_for, fast_static_files, register
from desaku.core.models import AccessLogEntry
from desaku.people import identity, services
from desaku.people.models import Alias, Consent, Disability, Household, Merge, PersonNameKey, PersonPhoto

KK = "3573010101200001"
NEW_KK = "3573011203150005"


@pytest.fixture(autouse=True)
def _fast_static(settings, tmp_path):
    fast_static_files(settings)
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def lastri(actors):
    """A person of the Peksos (own scope, Dinas Sosial)."""
    return register(actors["peksos"], "Sulastri Wahyuningsih", birth_year=1985)


def url(person, tail=""):
    return f"/api/v1/persons/{person.pk}/{tail}"


def png(size=(4, 4)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


# ------------------------------------------------------------------------------------ scope and roles


@pytest.mark.parametrize("tail", ["aliases/", "disabilities/", "photos/", "consents/"])
def test_a_person_outside_the_scope_reads_as_missing(actors, lastri, tail):
    # Another organisation, and a colleague with own scope: 404 for reading and for writing.
    for name in ("lks_b", "penjangkauan"):
        client = client_for(actors[name])
        assert client.get(url(lastri, tail)).status_code == 404
        assert client.post(url(lastri, tail), {"name": "x", "type": "physical", "severity": "light",
                                               "given_on": "2025-01-01"}, format="json").status_code == 404
    assert client_for(actors["peksos"]).get(url(lastri, tail)).status_code == 200


def test_roles_without_the_permission_are_refused(actors, lastri):
    # The Kemensos reviewer has no registry role; a Pendamping reads but does not register.
    assert client_for(actors["kemensos"]).get(url(lastri, "consents/")).status_code == 403
    response = client_for(actors["auditor"]).post(url(lastri, "aliases/"), {"name": "Lastri"}, format="json")
    assert response.status_code == 403 and not Alias.objects.exists()
    assert client_for(actors["auditor"]).get(url(lastri, "aliases/")).status_code == 200


def test_another_persons_record_reads_as_missing(actors, lastri):
    other = register(actors["peksos"], "Bambang Priyanto", sex="L", birth_year=1968)
    alias = services.add_alias(person=other, by=actors["peksos"], name="Mbang")
    client = client_for(actors["peksos"])
    assert client.get(url(lastri, f"aliases/{alias.pk}/")).status_code == 404
    assert client.delete(url(lastri, f"aliases/{alias.pk}/"), {"reason": "x"}, format="json").status_code == 404
    assert Alias.objects.filter(pk=alias.pk).exists()


def test_a_protected_identity_is_refused(actors, lastri, monkeypatch):
    monkeypatch.setattr(identity, "_PROVIDERS", [lambda user, ids: {lastri.pk} if user.username == "t_operator"
                                                 else set()])
    assert client_for(actors["operator"]).get(url(lastri, "photos/")).status_code == 403
    assert client_for(actors["peksos"]).get(url(lastri, "photos/")).status_code == 200


# -------------------------------------------------------------------------------------------- aliases


def test_add_and_remove_an_alias(actors, lastri):
    client = client_for(actors["peksos"])
    response = client.post(url(lastri, "aliases/"), {"name": "  Mbak   Lastri ", "kind": "street"}, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["name"], data["kind"], data["note"]) == ("Mbak Lastri", "street", "")
    assert PersonNameKey.objects.filter(person=lastri).count() > 0
    assert [a["name"] for a in client.get(url(lastri, "aliases/")).json()] == ["Mbak Lastri"]
    # The duplicate check now knows the new name.
    match = client.post("/api/v1/persons/match/", {"full_name": "Mbak Lastri", "sex": "P", "birth_year": 1985},
                        format="json").json()
    assert lastri.pk in [r["person"]["id"] for r in match["results"]]
    detail = url(lastri, f"aliases/{data['id']}/")
    no_reason = client.delete(detail, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    assert client.delete(detail + "?reason=salah+tulis").status_code == 204
    assert not Alias.objects.exists()


@pytest.mark.parametrize("data, field", [({"name": "   "}, "name"), ({"name": "Lastri", "kind": "title"}, "kind"),
                                         ({"kind": "nickname"}, "name")])
def test_alias_input_is_checked(actors, lastri, data, field):
    response = client_for(actors["peksos"]).post(url(lastri, "aliases/"), data, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Alias.objects.exists()


# --------------------------------------------------------------------------------------- disabilities


def test_disabilities_lifecycle(actors, lastri):
    client = client_for(actors["operator"])
    response = client.post(url(lastri, "disabilities/"), {"type": "visual", "severity": "moderate",
                                                          "needs_daily_help": True}, format="json")
    assert response.status_code == 201, response.json()
    item = response.json()
    assert (item["type"], item["severity"], item["needs_daily_help"]) == ("visual", "moderate", True)
    assert "reason" not in item
    detail = url(lastri, f"disabilities/{item['id']}/")
    changed = client.patch(detail, {"severity": "severe", "reason": "reassessed"}, format="json")
    assert changed.status_code == 200 and changed.json()["severity"] == "severe"
    disability = Disability.objects.get()
    assert disability.severity == "severe" and disability.history.first().history_change_reason == "reassessed"
    assert client.get(url(lastri, "disabilities/")).json()[0]["severity"] == "severe"
    missing_reason = client.delete(detail, {}, format="json")
    assert missing_reason.status_code == 400 and "reason" in missing_reason.json()
    assert client.delete(detail, {"reason": "recorded in error"}, format="json").status_code == 204
    assert not Disability.objects.exists()


@pytest.mark.parametrize("data, field", [({"type": "blind", "severity": "light"}, "type"),
                                         ({"type": "visual"}, "severity"),
                                         ({"type": "visual", "severity": "light", "note": "x" * 251}, "note")])
def test_disability_input_is_checked(actors, lastri, data, field):
    response = client_for(actors["peksos"]).post(url(lastri, "disabilities/"), data, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Disability.objects.exists()


# --------------------------------------------------------------------------------------------- photos


def test_upload_and_download_a_photo(actors, lastri):
    client = client_for(actors["peksos"])
    upload = SimpleUploadedFile("Sulastri at the market.jpg", png(), content_type="image/jpeg")
    response = client.post(url(lastri, "photos/"), {"image": upload, "taken_on": "2025-03-01",
                                                    "caption": "Pasar Besar"}, format="multipart")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["taken_on"], data["caption"], data["uploaded_by"]) == ("2025-03-01", "Pasar Besar", "t_peksos")
    photo = PersonPhoto.objects.get()
    assert photo.image.name.endswith(".png") and "Sulastri" not in photo.image.name  # the content decides
    image = client.get(data["image_url"])
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content) == png()
    assert image["Cache-Control"] == "private, no-store"
    entry = AccessLogEntry.objects.get(action="download")
    assert (entry.model_label, entry.object_id) == ("people.Person", str(lastri.pk))
    # A client asking for the image type gets it too.
    assert client.get(data["image_url"], HTTP_ACCEPT="image/*").status_code == 200
    assert [p["id"] for p in client.get(url(lastri, "photos/")).json()] == [photo.pk]
    assert client_for(actors["lks_b"]).get(data["image_url"]).status_code == 404


@pytest.mark.parametrize("content, taken_on, field", [
    (b"not an image at all", "2025-03-01", "image"),
    (b"%PDF-1.4 a form", "2025-03-01", "image"),  # a PDF is no photo
    (None, "2999-01-01", "taken_on"),
    (None, "2025-02-30", "taken_on"),
])
def test_photo_input_is_checked(actors, lastri, content, taken_on, field):
    upload = SimpleUploadedFile("photo.png", content or png(), content_type="image/png")
    response = client_for(actors["peksos"]).post(url(lastri, "photos/"), {"image": upload, "taken_on": taken_on},
                                                 format="multipart")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not PersonPhoto.objects.exists()


def test_a_photo_larger_than_5_mb_is_refused(actors, lastri):
    big = SimpleUploadedFile("big.png", png() + b"\0" * (5 * 1024 * 1024), content_type="image/png")
    response = client_for(actors["peksos"]).post(url(lastri, "photos/"), {"image": big, "taken_on": "2025-03-01"},
                                                 format="multipart")
    assert response.status_code == 400 and "image" in response.json()
    assert not PersonPhoto.objects.exists()


# -------------------------------------------------------------------------------------------- consent


def test_record_consent_with_a_scanned_form_and_sharing(actors, lastri):
    lks_a = actors["lks_a"]
    assert client_for(lks_a).get(url(lastri)).status_code == 404
    client = client_for(actors["peksos"])
    form = SimpleUploadedFile("form.pdf", b"%PDF-1.4 signed form", content_type="application/pdf")
    response = client.post(url(lastri, "consents/"), {
        "given_on": "2025-01-02", "witness": "Pak RT", "shared_with": [lks_a.organisation_id],
        "scanned_form": form}, format="multipart")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["given_by"], data["witness"], data["shared_with"], data["is_valid"]) == (
        "self", "Pak RT", [lks_a.organisation_id], True)
    # Sharing follows the consent: the partner now sees the person.
    assert client_for(lks_a).get(url(lastri)).status_code == 200
    scanned = client.get(data["scanned_form_url"])
    assert scanned.status_code == 200 and scanned["Content-Type"] == "application/pdf"
    assert client.get(url(lastri, f"consents/{data['id']}/")).json()["witness"] == "Pak RT"


def test_consent_without_a_form_as_json(actors, lastri):
    client = client_for(actors["peksos"])
    response = client.post(url(lastri, "consents/"), {"given_on": "2025-01-02", "given_by": "guardian",
                                                      "guardian_name": "Bu Sri", "guardian_relationship": "ibu"},
                           format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["scanned_form_url"] is None and response.json()["processing"] is True
    assert client.get(url(lastri, f"consents/{response.json()['id']}/form/")).status_code == 404


@pytest.mark.parametrize("data, field", [
    ({"given_on": "2025-01-02", "given_by": "guardian"}, "guardian_name"),
    ({"given_on": "2999-01-02"}, "given_on"),
    ({"given_on": "2025-01-02", "valid_until": "2024-01-01"}, "valid_until"),
    ({"given_on": "2025-01-02", "shared_with": [999999]}, "shared_with"),
    ({"witness": "Pak RT"}, "given_on"),
    ({"given_on": "2025-01-02", "processing": False, "shared_with": ["lks_a"]}, "shared_with"),
])
def test_consent_input_is_checked(actors, lastri, data, field):
    if data.get("shared_with") == ["lks_a"]:
        data = {**data, "shared_with": [actors["lks_a"].organisation_id]}
    response = client_for(actors["peksos"]).post(url(lastri, "consents/"), data, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Consent.objects.exists()


def test_a_scanned_form_is_checked_by_its_content(actors, lastri):
    fake = SimpleUploadedFile("form.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    response = client_for(actors["peksos"]).post(url(lastri, "consents/"), {"given_on": "2025-01-02",
                                                                             "scanned_form": fake},
                                                 format="multipart")
    assert response.status_code == 400 and "scanned_form" in response.json()
    assert not Consent.objects.exists()


def test_withdraw_a_consent(actors, lastri):
    lks_a = actors["lks_a"]
    consent = services.record_consent(person=lastri, by=actors["peksos"], given_on=date(2025, 1, 2),
                                      shared_with=[lks_a.organisation])
    client = client_for(actors["peksos"])
    withdraw = url(lastri, f"consents/{consent.pk}/withdraw/")
    too_early = client.post(withdraw, {"withdrawn_on": "2024-12-31", "reason": "asked"}, format="json")
    assert too_early.status_code == 400 and "withdrawn_on" in too_early.json()
    assert client.post(withdraw, {}, format="json").json().keys() >= {"reason"}
    response = client.post(withdraw, {"withdrawn_on": "2025-06-01", "reason": "asked to"}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["withdrawn_on"], response.json()["is_valid"]) == ("2025-06-01", False)
    assert client_for(lks_a).get(url(lastri)).status_code == 404  # sharing stopped with it
    again = client.post(withdraw, {"reason": "again"}, format="json")
    assert again.status_code == 400 and "withdrawn_on" in again.json()


# ----------------------------------------------------------------------------------------- households


@pytest.fixture
def household(actors, lastri):
    return services.create_household(by=actors["peksos"], head=lastri, no_kk=KK, address="Jl. Melati 1")


def test_correct_a_household(actors, household):
    client = client_for(actors["peksos"])
    response = client.patch(f"/api/v1/households/{household.pk}/", {
        "address": "Jl. Kenanga 3", "rt": "004", "kelurahan": "35.73.03.1012", "welfare_decile": 3,
        "reason": "moved"}, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["address"], data["rt"], data["kelurahan"], data["welfare_decile"]) == (
        "Jl. Kenanga 3", "004", "35.73.03.1012", 3)
    assert household.history.first().history_change_reason == "moved"
    assert client_for(actors["lks_b"]).patch(f"/api/v1/households/{household.pk}/", {"address": "x"},
                                             format="json").status_code == 404
    assert client_for(actors["kadis"]).patch(f"/api/v1/households/{household.pk}/", {"address": "x"},
                                             format="json").status_code == 403


@pytest.mark.parametrize("data, field", [({"welfare_decile": 11}, "welfare_decile"), ({"rt": "0004"}, "rt"),
                                         ({"kelurahan": "35.73"}, "kelurahan"), ({"no_kk": NEW_KK}, "no_kk")])
def test_household_corrections_are_checked(actors, household, data, field):
    response = client_for(actors["peksos"]).patch(f"/api/v1/households/{household.pk}/", data, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    household.refresh_from_db()
    assert (household.address, household.welfare_decile, household.no_kk_masked) == (
        "Jl. Melati 1", None, "3573********0001")


def test_change_the_kk_number_keeps_its_history(actors, household):
    client = client_for(actors["peksos"])
    change = f"/api/v1/households/{household.pk}/change-kk/"
    no_reason = client.post(change, {"no_kk": NEW_KK}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    bad = client.post(change, {"no_kk": "12345", "reason": "new card"}, format="json")
    assert bad.status_code == 400 and "no_kk" in bad.json()
    warned = client.post(change, {"no_kk": "9973010101200001", "reason": "new card"}, format="json")
    assert warned.status_code == 400 and warned.json()["warnings"][0]["field"] == "no_kk"
    response = client.post(change, {"no_kk": NEW_KK, "reason": "new card after marriage"}, format="json")
    assert response.status_code == 200 and response.json()["no_kk_masked"] == "3573********0005"
    assert services.no_kk_of(Household.objects.get()) == NEW_KK
    history = client.get(f"/api/v1/households/{household.pk}/history/").json()
    assert [(r["no_kk_masked"], r["reason"], r["changed_by"]) for r in history["no_kk"]] == [
        ("3573********0005", "new card after marriage", "t_peksos"), ("3573********0001", "", "t_peksos")]
    assert [(m["person"]["full_name"], m["relationship"], m["is_current"]) for m in history["memberships"]] == [
        ("Sulastri Wahyuningsih", "head", True)]
    assert client_for(actors["lks_b"]).get(f"/api/v1/households/{household.pk}/history/").status_code == 404


# --------------------------------------------------------------------------------------------- merges


@pytest.fixture
def twins(actors):
    operator = actors["operator"]
    return (register(operator, "Budi Santoso", sex="L", birth_year=1970),
            register(operator, "Boedi Santoso", sex="L", birth_year=1970))


def test_merge_and_unmerge(actors, twins):
    survivor, merged = twins
    services.add_alias(person=merged, by=actors["operator"], name="Mas Boed")
    client = client_for(actors["kabid"])
    response = client.post("/api/v1/merges/", {"survivor": survivor.pk, "merged": merged.pk,
                                               "reason": "same mother, same village"}, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["survivor"]["id"], data["merged"]["id"], data["merged_by"], data["undone_at"]) == (
        survivor.pk, merged.pk, "t_kabid", None)
    assert data["moved_count"] >= 1  # the alias now belongs to the survivor
    assert client.get(url(merged)).status_code == 404
    assert [a["name"] for a in client.get(url(survivor, "aliases/")).json()] == ["Mas Boed"]
    assert [m["id"] for m in client.get("/api/v1/merges/").json()["results"]] == [data["id"]]
    no_reason = client.post(f"/api/v1/merges/{data['id']}/unmerge/", {}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    undone = client.post(f"/api/v1/merges/{data['id']}/unmerge/", {"reason": "different fathers"}, format="json")
    assert undone.status_code == 200 and undone.json()["undone_by"] == "t_kabid"
    assert client.get(url(merged)).status_code == 200
    assert Alias.objects.get().person_id == merged.pk
    again = client.post(f"/api/v1/merges/{data['id']}/unmerge/", {"reason": "again"}, format="json")
    assert again.status_code == 400 and "merge" in again.json()


def test_merging_needs_a_supervisor(actors, twins):
    survivor, merged = twins
    body = {"survivor": survivor.pk, "merged": merged.pk, "reason": "same"}
    for name in ("operator", "peksos", "kadis", "auditor"):
        assert client_for(actors[name]).post("/api/v1/merges/", body, format="json").status_code == 403
        assert client_for(actors[name]).get("/api/v1/merges/").status_code == 403
    assert not Merge.objects.exists()


@pytest.mark.parametrize("change, field", [
    ({"merged": "survivor"}, "merged"),  # a record with itself
    ({"reason": ""}, "reason"),
    ({"merged": "outsider"}, "merged"),  # outside the scope reads as "does not exist"
    ({"survivor": None}, "survivor"),
])
def test_merge_input_is_checked(actors, twins, change, field):
    survivor, merged = twins
    outsider = register(actors["lks_a"], "Budi Santosa", sex="L", birth_year=1970)
    ids = {"survivor": survivor.pk, "outsider": outsider.pk}
    body = {"survivor": survivor.pk, "merged": merged.pk, "reason": "same"}
    body.update({k: ids.get(v, v) for k, v in change.items()})
    response = client_for(actors["kabid"]).post("/api/v1/merges/", body, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Merge.objects.exists()


def test_merges_are_scoped(actors):
    lks_a = actors["lks_a"]
    record = services.merge_persons(survivor=register(lks_a, "Yanto Gepeng", sex="L"),
                                    merged=register(lks_a, "Yanto Gepenk", sex="L"), by=actors["admin"],
                                    reason="same")
    kabid = client_for(actors["kabid"])  # organisation scope of the Dinas: the LKS records are not his
    assert kabid.get("/api/v1/merges/").json()["count"] == 0
    assert kabid.get(f"/api/v1/merges/{record.pk}/").status_code == 404
    assert kabid.post(f"/api/v1/merges/{record.pk}/unmerge/", {"reason": "x"}, format="json").status_code == 404
    assert client_for(actors["admin"]).get(f"/api/v1/merges/{record.pk}/").status_code == 200
