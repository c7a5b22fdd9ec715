"""Admission, the occupancy board, the stay page and its clock, extensions, transfers, assessments,
and outreach's parts of the person page and the home dashboard."""

from datetime import timedelta

import pytest
from django.urls import reverse

from desaku.core.models import AccessLogEntry, PPKSCategory
from desaku.outreach import services
from desaku.outreach.models import Assessment, Shelter, Stay
from desaku.outreach.tests.helpers import admitted, assessed, camp, raid, today
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.WHITENOISE_AUTOREFRESH = True


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def stay(person, actors):
    return admitted(person, actors["penjangkauan"], worker=actors["peksos"], on=today() - timedelta(days=3))


def test_admission_from_an_encounter(client, actors, person):
    operation = raid(actors["penjangkauan"])
    encounter = services.record_encounter(operation=operation, by=actors["penjangkauan"], person=person,
                                          activity="begging", outcome="shelter")
    page = login(client, actors["penjangkauan"]).get(reverse("outreach:admit"), {"encounter": encounter.pk})
    assert page.context["person"] == person
    response = client.post(reverse("outreach:admit"), {
        "encounter": encounter.pk, "shelter": camp().pk, "responsible_worker": actors["peksos"].pk,
        "admitted_on": str(today())})
    stay = Stay.objects.get()
    assert response["Location"] == reverse("outreach:stay_detail", args=[stay.pk])
    assert (stay.person, stay.encounter, stay.responsible_worker) == (person, encounter, actors["peksos"])
    assert stay.due_on == today() + timedelta(days=7)


def test_a_full_shelter_is_refused_unless_a_kepala_bidang_gives_a_reason(client, actors, person):
    small = Shelter.objects.get(code="pondok-lansia")
    small.capacity = 1
    small.save_with_reason(by=actors["admin"], reason="test")
    admitted(make_person(actors["penjangkauan"], "Mbah Karto", birth_year=1940), actors["penjangkauan"], shelter=small)
    data = {"person": person.pk, "shelter": small.pk, "admitted_on": str(today())}
    response = login(client, actors["penjangkauan"]).post(reverse("outreach:admit"), data)
    assert response.status_code == 200 and "shelter" in response.context["form"].errors
    response = login(client, actors["kabid"]).post(reverse("outreach:admit"), data)
    assert "over_capacity_reason" in response.context["form"].errors
    response = client.post(reverse("outreach:admit"), {**data, "over_capacity_reason": "hujan deras"})
    assert response.status_code == 302
    assert Stay.objects.get(person=person).over_capacity_approved_by == actors["kabid"]


def test_a_second_open_stay_is_refused_on_the_form(client, actors, stay):
    response = login(client, actors["kabid"]).post(reverse("outreach:admit"), {
        "person": stay.person_id, "shelter": Shelter.objects.get(code="twk-sukun").pk, "admitted_on": str(today())})
    assert response.status_code == 200 and response.context["form"].errors
    assert Stay.objects.count() == 1


def test_the_stay_page_shows_the_clock_and_logs_the_view(client, actors, stay):
    response = login(client, actors["peksos"]).get(reverse("outreach:stay_detail", args=[stay.pk]))
    assert response.status_code == 200
    assert (response.context["day"], response.context["period"], response.context["max_days"]) == (4, 7, 21)
    assert not response.context["overdue"]
    assert AccessLogEntry.objects.filter(action="view", model_label="outreach.Stay", object_id=str(stay.pk)).exists()


def test_the_board_highlights_stays_due_today_and_overdue(client, actors):
    pj = actors["penjangkauan"]
    due = admitted(make_person(pj, "Sarip"), pj, on=today() - timedelta(days=7))
    late = admitted(make_person(pj, "Tukiran"), pj, on=today() - timedelta(days=9))
    response = login(client, pj).get(reverse("outreach:board"))
    row = next(r for r in response.context["rows"] if r["shelter"] == camp())
    assert row["due_today"] == [due] and row["overdue"] == [late] and row["occupied"] == 2
    html = response.content.decode()
    assert 'data-testid="due-today"' in html and 'data-testid="overdue"' in html


def test_only_a_kepala_bidang_extends_and_the_peksos_sees_why(client, actors, stay):
    url = reverse("outreach:stay_extend", args=[stay.pk])
    response = login(client, actors["peksos"]).post(url, {"reason": "keluarga belum ditemukan"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    stay.refresh_from_db()
    assert stay.extensions == 0
    login(client, actors["kabid"])
    assert client.post(url, {"reason": "keluarga belum ditemukan"}).status_code == 302
    assert client.post(url, {"reason": "menunggu UPT"}).status_code == 302
    response = client.post(url, {"reason": "lagi"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    stay.refresh_from_db()
    assert stay.extensions == 2 and stay.due_on == stay.max_due_on
    assert list(stay.extension_records.values_list("approved_by", flat=True)) == [actors["kabid"].pk] * 2


def test_transfer_moves_the_stay(client, actors, stay):
    twk = Shelter.objects.get(code="twk-sukun")
    response = login(client, actors["peksos"]).post(reverse("outreach:stay_transfer", args=[stay.pk]), {
        "to_shelter": twk.pk, "on": str(today()), "reason": "terbaring sakit"})
    assert response.status_code == 302
    stay.refresh_from_db()
    assert stay.shelter == twk and stay.transfers.get().from_shelter == camp()


def test_each_assessment_save_is_a_new_version_feeding_the_registry(client, actors, stay):
    gepeng = PPKSCategory.objects.get(number=11)
    url = reverse("outreach:assessment_create", args=[stay.pk])
    data = {"assessed_on": str(today()), "identity_status": "unverified", "risk_level": "medium",
            "recommendation": "returned", "categories": [gepeng.pk], "exploitation_indicators": ["debt"],
            "need_family": "cari keluarga di Pasuruan", "origin_region": "35.14", "health": "batuk"}
    assert login(client, actors["peksos"]).post(url, data).status_code == 302
    first = Assessment.objects.get()
    assert first.needs == {"family": "cari keluarga di Pasuruan"} and first.exploitation_indicators == ["debt"]
    assert first.origin_region_id == "35.14"
    assert stay.person.classifications.filter(category=gepeng, valid_to__isnull=True).exists()
    page = client.get(url)
    assert page.context["form"].initial["need_family"] == "cari keluarga di Pasuruan"  # starts from v1
    client.post(url, {**data, "recommendation": "repatriated"})
    assert list(stay.assessments.values_list("version", "recommendation")) == [(2, "repatriated"), (1, "returned")]


def test_sensitive_categories_are_offered_only_to_those_who_need_them(client, actors, stay):
    odha = PPKSCategory.objects.get(is_sensitive=True, number=16)
    peksos_form = login(client, actors["peksos"]).get(reverse("outreach:assessment_create", args=[stay.pk]))
    assert odha in peksos_form.context["form"].fields["categories"].queryset
    officer_form = login(client, actors["penjangkauan"]).get(reverse("outreach:assessment_create", args=[stay.pk]))
    assert odha not in officer_form.context["form"].fields["categories"].queryset
    assessed(stay, actors["peksos"], categories=[odha, PPKSCategory.objects.get(number=12)])
    # The officer's new version keeps the category they were not shown ...
    client.post(reverse("outreach:assessment_create", args=[stay.pk]), {
        "assessed_on": str(today()), "identity_status": "partial", "risk_level": "low", "recommendation": "returned",
        "categories": [PPKSCategory.objects.get(number=12).pk]})
    latest = stay.assessments.order_by("-version").first()
    assert latest.version == 2 and odha in latest.ppks_categories.all()
    # ... and the stay page does not show it to them.
    page = client.get(reverse("outreach:stay_detail", args=[stay.pk]))
    assert odha not in page.context["latest"].visible_categories


def test_conference_opinions_are_added_to_a_version(client, actors, stay):
    assessment = assessed(stay, actors["peksos"])
    response = login(client, actors["peksos"]).post(reverse("outreach:opinion_add", args=[assessment.pk]), {
        "participant": "Bapas Malang", "role": "PK", "opinion": "setuju dipulangkan", "recommended": "repatriated"})
    assert response.status_code == 302 and assessment.opinions.get().recommended == "repatriated"
    page = client.get(reverse("outreach:assessment_detail", args=[assessment.pk]))
    assert [o.participant for o in page.context["opinions"]] == ["Bapas Malang"]


def test_the_person_page_shows_stays_and_encounters_within_the_scope(client, actors, stay):
    services.record_encounter(operation=raid(actors["penjangkauan"]), by=actors["penjangkauan"], person=stay.person,
                              activity="begging", outcome="shelter")
    response = login(client, actors["kabid"]).get(reverse("people:detail", args=[stay.person_id]))
    section = next(s for s in response.context["sections"] if s.key == "outreach")
    assert section.context["stays"] == [stay] and len(section.context["encounters"]) == 1
    assert any(e.source == "outreach" for e in response.context["events"])
    # The Peksos is responsible for the stay but did not record the encounter (own scope).
    response = login(client, actors["peksos"]).get(reverse("people:detail", args=[stay.person_id]))
    section = next(s for s in response.context["sections"] if s.key == "outreach")
    assert section.context["stays"] == [stay] and section.context["encounters"] == []


def test_the_dashboard_counts_due_and_overdue_stays_in_the_scope(client, actors):
    pj = actors["penjangkauan"]
    admitted(make_person(pj, "Sarip"), pj, on=today() - timedelta(days=7))
    admitted(make_person(actors["lks_a"], "Paijo"), actors["lks_a"], on=today() - timedelta(days=9))
    cards = {c.icon: c.value for c in login(client, pj).get(reverse("home")).context["cards"]}
    assert cards["clock"] == 1  # due today, the officer's own
    assert cards["alert-triangle"] == 0  # the LKS's overdue stay is outside the officer's scope
    assert cards["bed"] == "2/58"  # occupancy counts every stay in every shelter
    cards = login(client, actors["kemensos"]).get(reverse("home")).context["cards"]
    assert "bed" not in {c.icon for c in cards}
