"""The progress review and the graduation checklist use the real records: the registry's NIK (KTP) and KK number,
the training app's completed enrolments and an approved BPJS PBI recommendation — prefilled in the review form,
shown beside the typed-in review, counted by the checklist."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from desaku.aid import services as aid_services
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person, nik_for
from desaku.training import services as training_services
from desaku.training.tests.helpers import batch, course, run_to_completion
from desaku.village import selectors, services
from desaku.village.records import household_records


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _family(by, *, head_nik=True, spouse_nik=True, no_kk=""):
    head = make_person(by, "Sutrisno", nik=nik_for(date(1975, 7, 15), serial=11) if head_nik else "",
                       birth_date=date(1975, 7, 15), birth_date_quality="exact")
    household = people_services.create_household(by=by, head=head, no_kk=no_kk)
    spouse = make_person(by, "Sulastri", sex="P", birth_date=date(1978, 2, 3), birth_date_quality="exact",
                         nik=nik_for(date(1978, 2, 3), female=True, serial=12) if spouse_nik else "")
    people_services.add_member(household=household, person=spouse, relationship="spouse", by=by)
    return household, head, spouse


def _checklist(household):
    return {item.key: item.met for item in selectors.graduation_checklist(household)}


@pytest.mark.django_db
def test_the_records_say_what_the_registry_and_the_training_app_know(actors):
    op, kabid = actors["operator"], actors["kabid"]
    household, head, spouse = _family(op, spouse_nik=False)
    records = household_records(household)
    assert (records.adults, records.adults_with_nik, records.has_ktp, records.has_kk) == (2, 1, False, False)
    assert records.trainings_completed == 0 and not records.bpjs_pbi
    people_services.update_person(person=spouse, by=op, data={}, nik=nik_for(date(1978, 2, 3), female=True,
                                                                             serial=12), reason="KTP baru")
    people_services.change_no_kk(household=household, by=op, no_kk="3573010101170001", reason="KK baru")
    the_batch = batch(op, course(op, groups=()), days=2)
    training_services.enrol(batch=the_batch, person=spouse, by=op)
    run_to_completion(the_batch, op)
    request = aid_services.request_letter(person=head, by=op, kind="bpjs_pbi", purpose="berobat")
    aid_services.check_request(request=request, by=op)
    aid_services.decide_request(request=request, by=kabid, approve=True)
    household.refresh_from_db()
    records = household_records(household)
    assert (records.has_ktp, records.has_kk, records.bpjs_pbi, records.trainings_completed) == (True, True, True, 1)


@pytest.mark.django_db
def test_the_review_form_is_prefilled_and_the_checklist_counts_the_records(actors):
    op = actors["operator"]
    household, head, spouse = _family(op, no_kk="3573010101170002")
    client = Client()
    client.force_login(op)
    form = client.get(reverse("village:review_create", args=[household.pk])).context["form"]
    assert form["has_ktp"].value() is True and form["has_kk"].value() is True
    assert form["has_bpjs"].value() is False and form["trainings_completed"].value() == 0
    # A review that typed nothing: KTP and KK still count from the registry, BPJS does not.
    services.record_review(household=household, by=op, reviewed_on=date.today(), has_bpjs=False)
    assert _checklist(household)["documents"] is False
    services.record_review(household=household, by=op, reviewed_on=date.today(), has_bpjs=True)
    assert _checklist(household)["documents"] is True
    page = client.get(reverse("village:household_progress", args=[household.pk])).content.decode()
    assert 'data-testid="records-ktp"' in page and "2/2" in page


@pytest.mark.django_db
def test_no_records_and_no_review_meet_nothing(actors):
    op = actors["operator"]
    household, _head, _spouse = _family(op, head_nik=False, spouse_nik=False)
    checklist = _checklist(household)
    assert checklist["documents"] is False and checklist["training"] is False
