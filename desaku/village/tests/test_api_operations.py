"""The village's operations over the API: residence checks and warnings, the residence agreement, vacancy
offers, mentor assignments, production, income, reviews and the graduation checklist, utilities, inventory
checks and a unit's condition. Each honours the screens' scope (a mentor sees only the assigned household; out
of scope is a 404), roles (403) and the services' rules (400 with field messages, nothing written), and a bad
list filter is a 400."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from desaku.core import letters as core_letters
from desaku.core.models import AccessLogEntry
from desaku.village import services
from desaku.village.models import (
    InventoryCheck,
    MentorAssignment,
    MonthlyIncome,
    Occupancy,
    Offer,
    ProductionRecord,
    ProgressReview,
    ResidenceCheck,
    ResidenceWarning,
    Unit,
    UtilityPayment,
)
from desaku.village.tests.helpers import a_round, accepted, client_for, nominated, sent, site, unit

API = "/api/v1/"
LISTS = ["village-residence-checks/", "village-warnings/", "village-offers/", "village-mentor-assignments/",
         "village-production/", "village-incomes/", "village-reviews/", "village-progress/", "village-utilities/",
         "village-inventory-checks/"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def village(actors, lks_org):
    """Two households living in 01A and 01B (the mentor accompanies the first), each checked once, with an
    income and a review; an enterprise with a product; a waiting household offered unit 02A."""
    operator, peksos, kemensos = actors["operator"], actors["peksos"], actors["kemensos"]
    selection = a_round(quota=10)
    occupancies = []
    for number, name in (("01A", "Huni Satu"), ("01B", "Huni Dua")):
        candidate = accepted(nominated(selection, operator, name=name, birth_year=1970 + len(occupancies)), peksos,
                             lks_org, kemensos)
        occupancy = services.allocate(candidate=candidate, unit=unit(number), by=operator, on=date(2016, 11, 1))
        occupancy = services.move_in(occupancy=occupancy, by=operator, on=date(2016, 11, 12))
        services.record_residence_check(occupancy=occupancy, by=operator, checked_on=date(2016, 12, 1),
                                        living_there=True)
        services.record_income(household=occupancy.household, by=operator, month=date(2017, 1, 1), amount=800000)
        services.record_review(household=occupancy.household, by=operator, reviewed_on=date(2017, 1, 15),
                               has_ktp=True)
        occupancies.append(occupancy)
    mine, other = occupancies
    assignment = services.assign_mentor(mentor=actors["pendamping"], household=mine.household, by=actors["kabid"],
                                        on=date(2016, 12, 1))
    enterprise = services.create_enterprise(site=site(), by=operator, name="Sanggar Topeng", kind="group",
                                            households=[mine.household, other.household])
    product = services.save_product(by=operator, enterprise=enterprise, name="Topeng Panji", price=75000)
    waiting = sent(nominated(selection, operator, name="Tunggu Satu", birth_year=1980), peksos, lks_org, kemensos)
    services.final_selection(candidate=waiting, by=kemensos, decision="waiting", reasons="kuota")
    offer = Offer(unit=unit("02A"), candidate=waiting, offered_on=date(2017, 6, 1))
    offer.save_with_reason(by=operator)
    return {"mine": mine, "other": other, "assignment": assignment, "product": product, "offer": offer,
            "round": selection, "enterprise": enterprise}



def send(client, path, data=None, method="post"):
    return getattr(client, method)(API + path, data or {}, content_type="application/json")


def rows(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


# ------------------------------------------------------------------------------------------------ reads


@pytest.mark.django_db
@pytest.mark.parametrize("path", LISTS)
def test_who_reads_each_list(actors, village, path):
    expected = {"operator": 200, "kabid": 200, "pendamping": 200, "lks_a": 200, "auditor": 200, "kemensos": 403,
                "penjangkauan": 403}
    seen = {name: client_for(actors[name]).get(API + path).status_code for name in expected}
    assert seen == expected
    assert client_for(None).get(API + path).status_code in (401, 403)


@pytest.mark.django_db
def test_a_mentor_sees_only_the_assigned_households_records(actors, village):
    mine, other = village["mine"], village["other"]
    mentor = client_for(actors["pendamping"])
    assert {r["household"] for r in rows(mentor.get(API + "village-residence-checks/"))} == {mine.household_id}
    assert {r["household"] for r in rows(mentor.get(API + "village-incomes/"))} == {mine.household_id}
    assert {r["household"] for r in rows(mentor.get(API + "village-reviews/"))} == {mine.household_id}
    assert [r["household"] for r in rows(mentor.get(API + "village-progress/"))] == [mine.household_id]
    assert [r["id"] for r in rows(mentor.get(API + "village-mentor-assignments/"))] == [village["assignment"].pk]
    assert rows(mentor.get(API + "village-offers/")) == []  # no candidate files for a mentor
    other_check = ResidenceCheck.objects.get(occupancy=other)
    other_income = MonthlyIncome.objects.get(household=other.household)
    for path in (f"village-residence-checks/{other_check.pk}/", f"village-incomes/{other_income.pk}/",
                 f"village-progress/{other.household_id}/", f"village-occupancies/{other.pk}/agreement/",
                 f"village-offers/{village['offer'].pk}/"):
        assert mentor.get(API + path).status_code == 404, path
    # The Kepala Bidang sees both; the LKS neither (and no household in the list filters either).
    kabid = client_for(actors["kabid"])
    assert {r["household"] for r in rows(kabid.get(API + "village-residence-checks/"))} == {
        mine.household_id, other.household_id}
    lks = client_for(actors["lks_a"])
    assert rows(lks.get(API + f"village-residence-checks/?household={mine.household_id}")) == []
    assert rows(lks.get(API + "village-progress/")) == []


@pytest.mark.django_db
def test_the_progress_shows_the_graduation_checklist_and_is_access_logged(actors, village):
    household = village["mine"].household
    for month in (date(2017, 2, 1), date(2017, 3, 1), date(2017, 4, 1)):
        services.record_income(household=household, by=actors["operator"], month=month, amount=1600000)
    services.record_review(household=household, by=actors["operator"], reviewed_on=date(2017, 4, 20), has_ktp=True,
                           has_kk=True, has_bpjs=True, trainings_completed=1, has_savings=True)
    response = client_for(actors["pendamping"]).get(API + f"village-progress/{household.pk}/")
    assert response.status_code == 200
    data = response.json()
    items = {i["key"]: i["met"] for i in data["checklist"]}
    assert items["income"] and items["documents"] and items["savings"] and items["training"]
    assert not items["mentoring"] and data["ready_to_graduate"] is False  # no mentoring attendance yet
    assert data["occupancy"]["unit"] == "01A" and data["settings"]["income_months"] == 3
    assert [i["amount"] for i in data["income_trend"]][-3:] == ["1600000", "1600000", "1600000"]
    assert data["latest_review"]["has_bpjs"] is True and "full_name" not in str(data)
    assert AccessLogEntry.objects.filter(actor_id=actors["pendamping"].pk, model_label="people.Household",
                                         object_id=str(household.pk)).exists()


BAD_FILTERS = ["village-residence-checks/?occupancy=satu", "village-residence-checks/?household=1x",
               "village-residence-checks/?living_there=mungkin", "village-warnings/?occupancy=x",
               "village-offers/?status=maybe", "village-offers/?unit=02A", "village-mentor-assignments/?current=ya",
               "village-mentor-assignments/?mentor=budi", "village-production/?product=topeng",
               "village-incomes/?month=2017-13", "village-incomes/?household=abc", "village-reviews/?household=x",
               "village-utilities/?kind=gas", "village-utilities/?site=tlogowaru",
               "village-inventory-checks/?unit=01A", "village-inventory-checks/?condition=rusak"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", BAD_FILTERS)
def test_a_bad_list_filter_is_a_400(actors, village, path):
    response = client_for(actors["kabid"]).get(API + path)
    assert response.status_code == 400, response.content
    assert path.split("?")[1].split("=")[0] in response.json()


@pytest.mark.django_db
def test_list_filters_narrow(actors, village):
    kabid = client_for(actors["kabid"])
    mine = village["mine"]
    assert {r["occupancy"] for r in rows(kabid.get(API + f"village-residence-checks/?occupancy={mine.pk}"))} == {
        mine.pk}
    assert len(rows(kabid.get(API + "village-incomes/?month=2017-01"))) == 2
    assert rows(kabid.get(API + "village-incomes/?month=2017-02")) == []
    assert [r["id"] for r in rows(kabid.get(API + "village-offers/?status=open"))] == [village["offer"].pk]
    assert rows(kabid.get(API + "village-mentor-assignments/?current=false")) == []


# ----------------------------------------------------------------------------- residence checks, warnings


@pytest.mark.django_db
def test_residence_checks_and_warnings_follow_the_rules(actors, village):
    mine, other = village["mine"], village["other"]
    mentor = client_for(actors["pendamping"])
    created = send(mentor, "village-residence-checks/", {"occupancy": mine.pk, "checked_on": "2017-02-01",
                                                         "living_there": False, "note": "Rumah kosong dua minggu"})
    assert created.status_code == 201, created.json()
    assert created.json()["living_there"] is False and created.json()["household"] == mine.household_id
    # Another household's occupancy is not there for the mentor; the mentor issues no warnings.
    refused = send(mentor, "village-residence-checks/", {"occupancy": other.pk, "checked_on": "2017-02-01"})
    assert refused.status_code == 400 and "occupancy" in refused.json()
    assert send(mentor, "village-warnings/", {"occupancy": mine.pk, "reason": "x"}).status_code == 403
    operator = client_for(actors["operator"])
    levels = [send(operator, "village-warnings/", {"occupancy": mine.pk, "reason": f"Tidak tinggal ({n})"}).json()
              for n in range(3)]
    assert [w["level"] for w in levels] == [1, 2, 3]
    fourth = send(operator, "village-warnings/", {"occupancy": mine.pk, "reason": "lagi"})
    assert fourth.status_code == 400 and "reason" in fourth.json()
    assert ResidenceWarning.objects.filter(occupancy=mine).count() == 3


@pytest.mark.django_db
def test_ending_an_occupancy_over_the_api_keeps_the_expulsion_rules(actors, village):
    path = f"village-occupancies/{village['other'].pk}/end/"
    kabid = client_for(actors["kabid"])
    no_decision = send(kabid, path, {"reason": "expelled", "on": "2017-03-01", "note": "Tidak tinggal"})
    assert no_decision.status_code == 400 and "end_decision" in no_decision.json()
    no_reason = send(kabid, path, {"reason": "expelled", "on": "2017-03-01", "decision": "188/12/2017"})
    assert no_reason.status_code == 400 and "end_note" in no_reason.json()
    operator = send(client_for(actors["operator"]), path, {"reason": "moved_out", "on": "2017-03-01"})
    assert operator.status_code == 400 and "end_reason" in operator.json()  # the operator ends no occupancy
    done = send(kabid, path, {"reason": "expelled", "on": "2017-03-01", "decision": "188/12/2017",
                              "note": "Tidak tinggal tiga bulan"})
    assert done.status_code == 200 and done.json()["end_decision"] == "188/12/2017"


# ------------------------------------------------------------------------------------- residence agreement


@pytest.mark.django_db
def test_the_agreement_is_issued_once_and_its_download_is_logged(actors, village, monkeypatch):
    monkeypatch.setattr(core_letters, "render_pdf", lambda **kwargs: b"%PDF-1.4 perjanjian")
    mine = village["mine"]
    path = f"village-occupancies/{mine.pk}/agreement/"
    mentor = client_for(actors["pendamping"])
    assert mentor.get(API + path).status_code == 404  # not issued yet
    assert send(mentor, path).status_code == 403  # the program office issues it
    operator = client_for(actors["operator"])
    issued = send(operator, path)
    assert issued.status_code == 201, issued.content
    number = issued.json()["number"]
    again = send(operator, path)
    assert again.status_code == 200 and again.json()["number"] == number
    assert Occupancy.objects.get(pk=mine.pk).agreement.number == number
    pdf = mentor.get(API + path)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == b"%PDF-1.4 perjanjian"
    assert AccessLogEntry.objects.filter(actor_id=actors["pendamping"].pk, action="print",
                                         model_label="village.Occupancy", object_id=str(mine.pk)).exists()
    assert client_for(actors["lks_a"]).get(API + path).status_code == 404
    assert client_for(actors["kemensos"]).get(API + path).status_code == 403
    services.end_occupancy(occupancy=village["other"], by=actors["kabid"], reason="moved_out", on=date(2017, 3, 1))
    ended = send(operator, f"village-occupancies/{village['other'].pk}/agreement/")
    assert ended.status_code == 400 and "status" in ended.json()


# ------------------------------------------------------------------------------------------ vacancy offers


@pytest.mark.django_db
def test_an_offer_is_accepted_once(actors, village):
    offer = village["offer"]
    path = f"village-offers/{offer.pk}/accept/"
    assert send(client_for(actors["pendamping"]), path).status_code == 403
    taken = send(client_for(actors["operator"]), path, {"allocated_on": "2017-06-05"})
    assert taken.status_code == 201, taken.json()
    assert taken.json()["unit"] == "02A" and taken.json()["status"] == "allocated"
    assert Offer.objects.get(pk=offer.pk).status == "accepted"
    again = send(client_for(actors["operator"]), path)
    assert again.status_code == 400 and "status" in again.json()


@pytest.mark.django_db
def test_a_declined_offer_goes_to_the_next_household(actors, village, lks_org):
    next_one = sent(nominated(village["round"], actors["operator"], name="Tunggu Dua", birth_year=1981),
                    actors["peksos"], lks_org, actors["kemensos"])
    services.final_selection(candidate=next_one, by=actors["kemensos"], decision="waiting", reasons="kuota")
    path = f"village-offers/{village['offer'].pk}/decline/"
    operator = client_for(actors["operator"])
    no_note = send(operator, path, {"note": ""})
    assert no_note.status_code == 400 and "note" in no_note.json()
    declined = send(operator, path, {"note": "Memilih tinggal dengan anak"})
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    reoffered = rows(operator.get(API + f"village-offers/?status=open&unit={unit('02A').pk}"))
    assert [r["candidate"] for r in reoffered] == [next_one.pk]


@pytest.mark.django_db
def test_an_offer_outside_the_scope_is_a_404(actors, village, peksos2):
    response = send(client_for(peksos2), f"village-offers/{village['offer'].pk}/decline/", {"note": "x"})
    assert response.status_code == 404
    assert Offer.objects.get(pk=village["offer"].pk).status == "open"


# ------------------------------------------------------------------------------------- mentor assignments


@pytest.mark.django_db
def test_ending_an_assignment_ends_the_mentors_view(actors, village):
    mine = village["mine"]
    mentor = client_for(actors["pendamping"])
    assert mentor.get(API + f"village-progress/{mine.household_id}/").status_code == 200
    kabid = client_for(actors["kabid"])
    path = f"village-mentor-assignments/{village['assignment'].pk}/end/"
    assert send(mentor, path, {"reason": "selesai"}).status_code == 403
    no_reason = send(kabid, path, {"reason": ""})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    early = send(kabid, path, {"reason": "selesai", "ended_on": "2016-11-30"})
    assert early.status_code == 400 and "ended_on" in early.json()
    future = send(kabid, path, {"reason": "selesai", "ended_on": str(timezone.localdate() + timedelta(days=2))})
    assert future.status_code == 400 and "ended_on" in future.json()
    ended = send(kabid, path, {"reason": "Masa KKN selesai", "ended_on": "2017-06-30"})
    assert ended.status_code == 200 and ended.json()["current"] is False
    assert send(kabid, path, {"reason": "lagi"}).status_code == 400
    # The mentor no longer sees the household, its records or its assignment.
    assert mentor.get(API + f"village-progress/{mine.household_id}/").status_code == 404
    assert mentor.get(API + f"village-occupancies/{mine.pk}/").status_code == 404
    assert rows(mentor.get(API + "village-residence-checks/")) == []
    assert rows(mentor.get(API + "village-mentor-assignments/")) == []
    refused = send(mentor, "village-incomes/", {"household": mine.household_id, "month": "2017-07",
                                                "amount": "1000000"})
    assert refused.status_code == 400 and "household" in refused.json()
    assert [r["current"] for r in rows(kabid.get(API + f"village-mentor-assignments/?household="
                                                        f"{mine.household_id}"))] == [False]


@pytest.mark.django_db
def test_assigning_a_mentor(actors, village):
    other = village["other"]
    kabid = client_for(actors["kabid"])
    not_a_mentor = send(kabid, "village-mentor-assignments/", {"mentor": actors["auditor"].pk,
                                                               "household": other.household_id})
    assert not_a_mentor.status_code == 400 and "mentor" in not_a_mentor.json()
    done = send(kabid, "village-mentor-assignments/", {"mentor": actors["pendamping"].pk,
                                                       "household": other.household_id})
    assert done.status_code == 201 and done.json()["current"] is True
    twice = send(kabid, "village-mentor-assignments/", {"mentor": actors["pendamping"].pk,
                                                        "household": other.household_id})
    assert twice.status_code == 400 and "household" in twice.json()
    mentor = client_for(actors["pendamping"])
    assert mentor.get(API + f"village-progress/{other.household_id}/").status_code == 200
    assert send(mentor, "village-mentor-assignments/", {"mentor": actors["pendamping"].pk,
                                                        "household": other.household_id}).status_code == 403


# -------------------------------------------------------------------- production, income, reviews, upkeep


@pytest.mark.django_db
def test_livelihood_and_upkeep_records(actors, village):
    mine = village["mine"]
    mentor = client_for(actors["pendamping"])
    produced = send(mentor, "village-production/", {"product": village["product"].pk, "produced_on": "2017-02-03",
                                                    "quantity": 30})
    assert produced.status_code == 201 and produced.json()["product_name"] == "Topeng Panji"
    income = {"household": mine.household_id, "month": "2017-02", "amount": "1250000", "note": "Topeng"}
    assert send(mentor, "village-incomes/", income).status_code == 201
    corrected = send(mentor, "village-incomes/", {**income, "amount": "1300000"})
    assert corrected.status_code == 200 and corrected.json()["amount"] == "1300000"
    assert corrected.json()["month"] == "2017-02-01"
    review = send(mentor, "village-reviews/", {"household": mine.household_id, "reviewed_on": "2017-02-10",
                                               "children_school_age": 2, "children_in_school": 1, "has_kk": True})
    assert review.status_code == 201 and review.json()["has_kk"] is True
    assert send(mentor, "village-utilities/", {}).status_code == 403
    operator = client_for(actors["operator"])
    utility = send(operator, "village-utilities/", {"site": site().pk, "unit": unit("01A").pk, "kind": "water",
                                                    "month": "2017-02", "amount": "85000", "paid_on": "2017-02-25"})
    assert utility.status_code == 201 and utility.json()["unit_number"] == "01A"
    item = unit("01A").inventory.first()
    check = send(operator, "village-inventory-checks/", {"item": item.pk, "condition": "major",
                                                         "checked_on": "2017-02-01", "note": "Kaki patah"})
    assert check.status_code == 201 and check.json()["unit"] == unit("01A").pk
    item.refresh_from_db()
    assert item.condition == "major"
    edited = send(operator, f"village-units/{unit('01A').pk}/", {"condition": "minor", "reason": "Atap bocor"},
                  "patch")
    assert edited.status_code == 200 and edited.json()["condition"] == "minor"
    stored = Unit.objects.get(pk=unit("01A").pk)
    assert stored.note == "" and stored.history.first().history_change_reason == "Atap bocor"
    assert send(mentor, f"village-units/{unit('01A').pk}/", {"condition": "good"}, "patch").status_code == 403


def _counts():
    return (ResidenceCheck.objects.count(), ResidenceWarning.objects.count(), MentorAssignment.objects.count(),
            ProductionRecord.objects.count(), MonthlyIncome.objects.count(), ProgressReview.objects.count(),
            UtilityPayment.objects.count(), InventoryCheck.objects.count(), Offer.objects.filter(status="open").count())


def _future():
    return str(timezone.localdate() + timedelta(days=3))


BAD = [
    ("village-residence-checks/", lambda v: {"occupancy": v["mine"].pk, "checked_on": "2017-02-01",
                                             "living_there": False}, "note"),
    ("village-residence-checks/", lambda v: {"occupancy": v["mine"].pk, "checked_on": "kemarin"}, "checked_on"),
    ("village-residence-checks/", lambda v: {"occupancy": "satu", "checked_on": "2017-02-01"}, "occupancy"),
    ("village-residence-checks/", lambda v: {"occupancy": v["mine"].pk, "checked_on": _future()}, "checked_on"),
    ("village-warnings/", lambda v: {"occupancy": v["mine"].pk, "reason": ""}, "reason"),
    ("village-warnings/", lambda v: {"occupancy": 999999, "reason": "x"}, "occupancy"),
    ("village-mentor-assignments/", lambda v: {"mentor": "budi", "household": v["other"].household_id}, "mentor"),
    ("village-mentor-assignments/", lambda v: {"mentor": v["pendamping"], "household": 999999}, "household"),
    ("village-production/", lambda v: {"product": v["product"].pk, "produced_on": "2017-02-01", "quantity": 0},
     "quantity"),
    ("village-production/", lambda v: {"product": 999999, "produced_on": "2017-02-01", "quantity": 3}, "product"),
    ("village-incomes/", lambda v: {"household": v["mine"].household_id, "month": "2017-13", "amount": "1"},
     "month"),
    ("village-incomes/", lambda v: {"household": v["mine"].household_id, "month": "2017-02", "amount": "-1"},
     "amount"),
    ("village-reviews/", lambda v: {"household": v["mine"].household_id, "reviewed_on": "2017-02-01",
                                    "children_school_age": 1, "children_in_school": 3}, "children_in_school"),
    ("village-reviews/", lambda v: {"household": v["mine"].household_id, "reviewed_on": "2017-02-01",
                                    "trainings_completed": -1}, "trainings_completed"),
    ("village-utilities/", lambda v: {"site": site().pk, "kind": "gas", "month": "2017-02", "amount": "1",
                                      "paid_on": "2017-02-02"}, "kind"),
    ("village-utilities/", lambda v: {"site": site().pk, "kind": "water", "month": "2017-02", "amount": "0",
                                      "paid_on": "2017-02-02"}, "amount"),
    ("village-utilities/", lambda v: {"site": v["batu"].pk, "unit": unit("01A").pk, "kind": "water",
                                      "month": "2017-02", "amount": "5", "paid_on": "2017-02-02"}, "unit"),
    ("village-inventory-checks/", lambda v: {"item": unit("01A").inventory.first().pk, "condition": "rusak"},
     "condition"),
    ("village-inventory-checks/", lambda v: {"item": "meja", "condition": "good"}, "item"),
    (lambda v: f"village-offers/{v['offer'].pk}/decline/", lambda v: {}, "note"),
    (lambda v: f"village-offers/{v['offer'].pk}/accept/", lambda v: {"allocated_on": _future()}, "allocated_on"),
    (lambda v: f"village-mentor-assignments/{v['assignment'].pk}/end/", lambda v: {"ended_on": "x", "reason": "y"},
     "ended_on"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("path, data, field", BAD, ids=[f"{i}-{f}" for i, (_p, _d, f) in enumerate(BAD)])
def test_bad_input_is_a_field_error_and_writes_nothing(actors, village, path, data, field):
    from desaku.village import services_program

    village["batu"] = services_program.create_site(by=actors["kabid"], code="batu-2027", name="Desaku Batu",
                                                   address="Jl. Oro-oro Ombo")
    village["pendamping"] = actors["pendamping"].pk
    path = path(village) if callable(path) else path
    before = _counts()
    response = send(client_for(actors["admin"]), path, data(village))
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert _counts() == before


@pytest.mark.django_db
def test_a_bad_unit_edit_leaves_the_unit_as_it_was(actors, village):
    refused = send(client_for(actors["operator"]), f"village-units/{unit('01B').pk}/", {"condition": "hancur"},
                   "patch")
    assert refused.status_code == 400 and "condition" in refused.json()
    assert Unit.objects.get(pk=unit("01B").pk).condition == "good"


@pytest.mark.django_db
def test_the_schema_describes_the_new_endpoints(actors):
    client = client_for(actors["kabid"])
    response = client.get(API + "schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/village-residence-checks/", "/api/v1/village-offers/{id}/accept/",
                 "/api/v1/village-mentor-assignments/{id}/end/", "/api/v1/village-occupancies/{id}/agreement/",
                 "/api/v1/village-progress/{id}/", "/api/v1/village-inventory-checks/"):
        assert path in paths, path
    assert "patch" in paths["/api/v1/village-units/{id}/"] and "post" in paths["/api/v1/village-products/"]
