"""Operations and quick capture on a phone: pick or create a person (with the duplicate check), then what happened."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from desaku.core.models import Institution, Region
from desaku.outreach.models import Encounter, OutreachOperation
from desaku.outreach.tests.helpers import RETURNED, admitted, approved, png_bytes, raid
from desaku.people.models import DuplicateDecision, Person
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def officer(client, actors):
    client.force_login(actors["penjangkauan"])
    return client


@pytest.fixture
def operation(actors):
    return raid(actors["penjangkauan"], team=[actors["peksos"]])


def capture(client, operation, **values):
    data = {"activity": "begging", "company": "alone", "outcome": "counselled", "encountered_at": "2026-03-01T20:30"}
    data.update(values)
    return client.post(reverse("outreach:encounter_capture", args=[operation.pk]), data)


def test_an_operation_is_recorded_with_team_agencies_and_gps(officer, actors):
    satpol = Institution.objects.get(short_name="Satpol PP Kota Malang")
    response = officer.post(reverse("outreach:operation_create"), {
        "kind": "raid", "started_at": "2026-03-01T20:00", "place": "Alun-alun Merdeka", "kelurahan": "35.73.02.1004",
        "latitude": "-7.982600", "longitude": "112.630800", "team": [actors["peksos"].pk], "agencies": [satpol.pk]})
    operation = OutreachOperation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("outreach:operation_detail",
                                                                           args=[operation.pk])
    assert set(operation.team.all()) == {actors["penjangkauan"], actors["peksos"]}
    assert list(operation.agencies.all()) == [satpol]
    assert operation.kelurahan_id == "35.73.02.1004" and str(operation.latitude) == "-7.982600"


def test_half_a_gps_position_is_refused_on_the_form(officer):
    response = officer.post(reverse("outreach:operation_create"), {
        "kind": "patrol", "started_at": "2026-03-01T20:00", "place": "Kayutangan", "latitude": "-7.98"})
    assert response.status_code == 200 and "latitude" in response.context["form"].errors
    assert not OutreachOperation.objects.exists()


def test_the_operations_list_filters_by_type_month_and_kecamatan(officer, actors):
    raid(actors["penjangkauan"], place="Alun-alun Merdeka", kelurahan=Region.objects.get(pk="35.73.02.1004"))
    raid(actors["penjangkauan"], kind="patrol", place="Dinoyo", kelurahan=Region.objects.get(pk="35.73.05.1004"))
    response = officer.get(reverse("outreach:operation_list"), {"kecamatan": "35.73.02", "month": "2026-03"})
    assert [o.place for o in response.context["page"]] == ["Alun-alun Merdeka"]
    response = officer.get(reverse("outreach:operation_list"), {"kind": "patrol"})
    assert [o.place for o in response.context["page"]] == ["Dinoyo"]


def test_a_new_minimal_person_is_created_and_the_encounter_recorded(officer, operation):
    response = capture(officer, operation, nickname="Kancil", sex="L", estimated_age="11",
                       description="Kaos merah, membawa ecek-ecek", activity="busking",
                       photo=SimpleUploadedFile("x.png", png_bytes(), content_type="image/png"))
    encounter = Encounter.objects.get()
    person = encounter.person
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach:encounter_detail", args=[encounter.pk])
    assert (person.full_name, person.name_quality, person.estimated_age) == ("Kancil", "partial", 11)
    assert person.age_estimated_on == date.today() and person.physical_description.startswith("Kaos merah")
    assert person.photos.count() == 1
    assert encounter.activity == "busking" and encounter.place == operation.place


def test_a_file_that_is_not_an_image_is_refused(officer, operation):
    response = capture(officer, operation, nickname="Kancil",
                       photo=SimpleUploadedFile("x.png", b"not an image", content_type="image/png"))
    assert response.status_code == 200 and "photo" in response.context["form"].errors
    assert not Person.objects.exists()


def test_a_name_or_a_pick_is_required(officer, operation):
    response = capture(officer, operation)
    assert response.status_code == 200 and "nickname" in response.context["form"].errors


def test_taken_to_shelter_leads_straight_to_admission(officer, operation):
    response = capture(officer, operation, nickname="Gondrong", outcome="shelter")
    encounter = Encounter.objects.get()
    assert response["Location"] == reverse("outreach:admit") + f"?encounter={encounter.pk}"


def test_a_similar_person_shows_the_candidates_and_nothing_is_saved(officer, operation, actors):
    existing = make_person(actors["penjangkauan"], "Yanto Gepeng", birth_year=1980)
    response = capture(officer, operation, nickname="Yanto Gepenk", sex="L", estimated_age="46")
    assert response.status_code == 200
    assert [p for p, _score, _reasons in response.context["report"].matches] == [existing]
    html = response.content.decode()
    assert f'data-testid="same-person-{existing.pk}"' in html and 'data-testid="confirm-new"' in html
    assert not Encounter.objects.exists() and Person.objects.count() == 1


def test_same_person_records_the_encounter_and_logs_the_decision(officer, operation, actors):
    existing = make_person(actors["penjangkauan"], "Yanto Gepeng", birth_year=1980)
    response = capture(officer, operation, nickname="Yanto Gepenk", sex="L", same_person=str(existing.pk))
    encounter = Encounter.objects.get()
    assert response.status_code == 302 and encounter.person == existing
    assert Person.objects.count() == 1
    assert DuplicateDecision.objects.get().decision == "linked"
    assert existing.aliases.filter(name="Yanto Gepenk").exists()


def test_confirm_new_creates_the_person_despite_the_candidates(officer, operation, actors):
    make_person(actors["penjangkauan"], "Yanto Gepeng", birth_year=1980)
    response = capture(officer, operation, nickname="Yanto Gepenk", sex="L", confirm_new="1")
    assert response.status_code == 302 and Person.objects.count() == 2
    assert Encounter.objects.get().person.full_name == "Yanto Gepenk"


def test_an_earlier_exit_is_shown_when_the_person_is_picked_and_recorded(officer, operation, actors):
    person = make_person(actors["penjangkauan"], "Sarip", birth_year=1970)
    stay = admitted(person, actors["penjangkauan"], on=date(2026, 1, 2))
    approved(stay, actors["peksos"], actors["kabid"], decided_on=date(2026, 1, 8), **RETURNED)
    response = officer.get(reverse("outreach:encounter_capture", args=[operation.pk]), {"person": person.pk})
    assert response.context["person"] == person
    assert response.context["last_exit"]["disposition"].kind == "returned"
    assert 'data-testid="last-exit"' in response.content.decode()
    capture(officer, operation, person=str(person.pk), encountered_at="2026-04-12T21:00")
    encounter = Encounter.objects.get()
    assert encounter.days_since_exit == 94
    response = officer.get(reverse("outreach:encounter_detail", args=[encounter.pk]))
    assert 'data-testid="last-exit"' in response.content.decode()


def test_a_child_with_an_adult_is_flagged(officer, operation, child):
    capture(officer, operation, person=str(child.pk), company="with_adult")
    encounter = Encounter.objects.get()
    assert encounter.possible_exploitation
    response = officer.get(reverse("outreach:encounter_detail", args=[encounter.pk]))
    assert 'data-testid="exploitation-flag"' in response.content.decode()


def test_referred_on_the_spot_needs_the_institution(officer, operation):
    response = capture(officer, operation, nickname="Kancil", outcome="referred", confirm_new="1")
    assert response.status_code == 200 and "referred_to" in response.context["form"].errors
    assert not Person.objects.exists()  # the new person is not kept when the encounter fails


def test_a_person_outside_the_scope_cannot_be_picked(client, actors, operation):
    other = make_person(actors["lks_a"], "Paijo")
    client.force_login(actors["penjangkauan"])
    url = reverse("outreach:encounter_capture", args=[operation.pk])
    assert client.get(url, {"person": other.pk}).status_code == 404


def test_search_as_you_type_and_the_live_duplicate_check(officer, operation, actors):
    mine = make_person(actors["penjangkauan"], "Yanto Gepeng", birth_year=1980)
    make_person(actors["lks_a"], "Yanto Gepeng", birth_year=1981)  # outside the officer's scope
    url = reverse("outreach:person_search")
    response = officer.get(url, {"purpose": "capture", "operation": operation.pk, "q": "Yanto"})
    assert [r["person"] for r in response.context["rows"]] == [mine]
    assert f'data-testid="pick-{mine.pk}"' in response.content.decode()
    response = officer.get(url, {"purpose": "capture", "operation": operation.pk, "nickname": "Yanto Gepenk",
                                 "sex": "L", "estimated_age": "45"})
    assert [r["person"] for r in response.context["rows"]] == [mine]
    assert response.context["rows"][0]["score"] > 0.5 and response.context["hidden_count"] == 1
