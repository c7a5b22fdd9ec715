"""Enrolment: eligibility at proposal, propose → verify → approve (Kepala Bidang), one open enrolment per
person per program (service and DB constraint), suspension/termination with reason, death ends everything."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from desaku.aid import eligibility, services
from desaku.aid.models import Enrolment, EnrolmentStatus, LineStatus
from desaku.aid.tests.helpers import active, approved_cycle, program, severe_person, today
from desaku.people import services as people_services
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_propose_verify_approve(actors, aspd, sri):
    e = services.propose_enrolment(program=aspd, person=sri, by=actors["peksos"])
    assert e.status == EnrolmentStatus.PROPOSED and e.organisation == actors["peksos"].organisation
    services.verify_enrolment(enrolment=e, by=actors["operator"])
    with pytest.raises(ValidationError):
        services.approve_enrolment(enrolment=e, by=actors["operator"])  # not a Kepala Bidang
    e = services.approve_enrolment(enrolment=e, by=actors["kabid"], start_date=date(2026, 1, 1))
    assert e.status == EnrolmentStatus.ACTIVE and e.approved_by == actors["kabid"]


def test_approval_needs_verification_first(actors, aspd, sri):
    e = services.propose_enrolment(program=aspd, person=sri, by=actors["peksos"])
    with pytest.raises(ValidationError):
        services.approve_enrolment(enrolment=e, by=actors["kabid"])


def test_an_ineligible_person_is_refused_with_every_reason(actors, aspd):
    person = make_person(actors["operator"], "Tanpa Disabilitas")
    with pytest.raises(ValidationError) as exc:
        services.propose_enrolment(program=aspd, person=person, by=actors["operator"])
    assert len(exc.value.message_dict["person"]) == 2  # no severe disability, no domicile in Kota Malang
    assert not Enrolment.objects.exists()


def test_one_open_enrolment_per_person_per_program(actors, aspd, sri):
    services.propose_enrolment(program=aspd, person=sri, by=actors["operator"])
    with pytest.raises(ValidationError):
        services.propose_enrolment(program=aspd, person=sri, by=actors["peksos"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment(program=aspd, person=sri, organisation=actors["lks_a"].organisation,
                  proposed_by=actors["lks_a"]).save()
    assert Enrolment.objects.count() == 1


def test_after_termination_the_person_can_be_enrolled_again(actors, aspd, sri):
    e = active(aspd, sri, actors["operator"], actors["operator"], actors["kabid"])
    with pytest.raises(ValidationError):
        services.terminate_enrolment(enrolment=e, by=actors["operator"], reason="")
    services.terminate_enrolment(enrolment=e, by=actors["operator"], reason="pindah domisili")
    assert services.propose_enrolment(program=aspd, person=sri, by=actors["operator"]).status == "proposed"


def test_suspend_and_resume_with_reason(actors, aspd, sri):
    e = active(aspd, sri, actors["operator"], actors["operator"], actors["kabid"])
    e = services.suspend_enrolment(enrolment=e, by=actors["operator"], reason="tidak ditemukan di alamat")
    assert e.status == "suspended" and e.end_reason
    assert services.resume_enrolment(enrolment=e, by=actors["operator"]).status == "active"


def test_lks_cannot_verify(actors, aspd, sri):
    e = services.propose_enrolment(program=aspd, person=sri, by=actors["operator"])
    with pytest.raises(PermissionDenied):
        services.verify_enrolment(enrolment=e, by=actors["lks_a"])


def test_conflicting_programs_are_a_rule(actors, aspd, sri):
    uep = program(actors["operator"], code="uep", kind="grant", rules=[
        {"rule": "alive"}, {"rule": "not_enrolled", "programs": ["aspd"]}])
    services.propose_enrolment(program=uep, person=sri, by=actors["operator"])  # not in ASPD yet: fine
    other = severe_person(actors["operator"], "Parmin")
    services.propose_enrolment(program=aspd, person=other, by=actors["operator"])
    with pytest.raises(ValidationError):
        services.propose_enrolment(program=uep, person=other, by=actors["operator"])


def test_death_ends_every_enrolment_and_cancels_unpaid_lines(actors, aspd, sri):
    e = active(aspd, sri, actors["operator"], actors["operator"], actors["kabid"])
    pksa = program(actors["operator"], code="sembako", kind="in_kind", rules=[{"rule": "alive"}])
    e2 = services.propose_enrolment(program=pksa, person=sri, by=actors["operator"])
    cycle = approved_cycle(aspd, actors["operator"], actors["kabid"])
    people_services.update_person(person=sri, by=actors["operator"], data={"date_of_death": today()})
    e.refresh_from_db()
    e2.refresh_from_db()
    assert e.status == e2.status == EnrolmentStatus.ENDED
    assert e.end_date == today()
    assert cycle.lines.get().status == LineStatus.CANCELLED


def test_person_check_names_every_failed_rule(actors, aspd, sri):
    young = make_person(actors["operator"], "Anak", birth_year=today().year - 10)
    rows = eligibility.check_person(young, on=today(), programs=[aspd])
    assert not rows[0]["eligible"]
    assert {f.rule for f in rows[0]["failures"]} == {"disability", "domicile_malang"}
    assert eligibility.check_person(sri, on=today(), programs=[aspd])[0]["eligible"]


def test_eligible_list_excludes_the_enrolled(actors, aspd, sri):
    other = severe_person(actors["operator"], "Parmin")
    make_person(actors["operator"], "Tidak Layak")
    from desaku.people.models import Person

    assert set(eligibility.eligible_not_enrolled(aspd, Person.objects.all(), on=today())) == {sri.pk, other.pk}
    services.propose_enrolment(program=aspd, person=sri, by=actors["operator"])
    assert eligibility.eligible_not_enrolled(aspd, Person.objects.all(), on=today()) == [other.pk]


def test_welfare_decile_from_the_person_record_overrides_the_household(actors):
    person = make_person(actors["operator"], "Miskin")
    people_services.create_household(by=actors["operator"], head=person, welfare_decile=7)
    facts = eligibility.facts_for([person.pk], on=today())[person.pk]
    assert facts.decile == 7
    services.record_welfare(person=person, by=actors["operator"], decile=3, in_dtks=True)
    assert eligibility.facts_for([person.pk], on=today())[person.pk].decile == 3
    with pytest.raises(ValidationError):
        services.record_welfare(person=person, by=actors["operator"], decile=11, in_dtks=True)
