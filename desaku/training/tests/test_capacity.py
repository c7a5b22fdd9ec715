"""Capacity with a waiting list; withdrawal with a reason promotes the first waiting person."""

import pytest
from django.core.exceptions import ValidationError

from desaku.training import services
from desaku.training.models import EnrolmentStatus
from desaku.training.tests.helpers import batch, trainee


@pytest.mark.django_db
def test_beyond_capacity_goes_to_the_waiting_list_and_moves_up_on_withdrawal(actors):
    op = actors["operator"]
    b = batch(op, capacity=2)
    first, second, third, fourth = (services.enrol(batch=b, person=trainee(op, f"Peserta {i}"), by=op)
                                    for i in range(4))
    assert [e.status for e in (first, second, third, fourth)] == ["enrolled", "enrolled", "waiting", "waiting"]
    promoted = services.withdraw(enrolment=first, by=op, reason="pindah kota")
    assert promoted.pk == third.pk
    third.refresh_from_db(), fourth.refresh_from_db(), first.refresh_from_db()
    assert third.status == EnrolmentStatus.ENROLLED and fourth.status == EnrolmentStatus.WAITING
    assert first.status == EnrolmentStatus.WITHDRAWN and first.withdrawal_reason == "pindah kota"


@pytest.mark.django_db
def test_a_waiting_person_withdrawing_promotes_nobody(actors):
    op = actors["operator"]
    b = batch(op, capacity=1)
    services.enrol(batch=b, person=trainee(op, "A"), by=op)
    waiting = services.enrol(batch=b, person=trainee(op, "B"), by=op)
    assert services.withdraw(enrolment=waiting, by=op, reason="sakit") is None


@pytest.mark.django_db
def test_withdrawal_needs_a_reason_and_an_active_enrolment(actors):
    op = actors["operator"]
    b = batch(op)
    e = services.enrol(batch=b, person=trainee(op), by=op)
    with pytest.raises(ValidationError):
        services.withdraw(enrolment=e, by=op, reason="  ")
    services.withdraw(enrolment=e, by=op, reason="bekerja")
    with pytest.raises(ValidationError):
        services.withdraw(enrolment=e, by=op, reason="lagi")


@pytest.mark.django_db
def test_the_same_person_cannot_enrol_twice_but_may_return_after_withdrawing(actors):
    op = actors["operator"]
    b = batch(op)
    person = trainee(op)
    e = services.enrol(batch=b, person=person, by=op)
    with pytest.raises(ValidationError):
        services.enrol(batch=b, person=person, by=op)
    services.withdraw(enrolment=e, by=op, reason="salah input")
    assert services.enrol(batch=b, person=person, by=op).status == "enrolled"


@pytest.mark.django_db
def test_closed_batches_take_no_enrolment(actors):
    op = actors["operator"]
    b = batch(op)
    services.change_status(batch=b, by=op, to="cancelled", note="dana ditunda")
    with pytest.raises(ValidationError):
        services.enrol(batch=b, person=trainee(op), by=op)


@pytest.mark.django_db
def test_household_enrolment_requires_a_current_member(actors):
    from desaku.people import services as people_services

    op = actors["operator"]
    head, child = trainee(op, "Kepala"), trainee(op, "Anak Dewasa", birth_year=2000)
    household = people_services.create_household(by=op, head=head)
    b = batch(op)
    with pytest.raises(ValidationError):
        services.enrol(batch=b, person=child, by=op, household=household)
    e = services.enrol(batch=b, person=head, by=op, household=household, source="household")
    assert e.household == household


@pytest.mark.django_db
def test_enrolment_linked_from_a_case_keeps_its_source(actors):
    from django.test import Client
    from django.urls import reverse

    op = actors["operator"]
    b = batch(op)
    person = trainee(op)
    client = Client()
    client.force_login(op)
    url = reverse("training:enrol", args=[b.pk])
    page = client.get(url + f"?person={person.pk}&source=case&ref=cases.case:7")
    assert page.status_code == 200 and f'data-testid="enrol-{person.pk}"'.encode() in page.content
    assert client.post(url, {"person": person.pk, "source": "case", "ref": "cases.case:7"}).status_code == 302
    enrolment = b.enrolments.get()
    assert (enrolment.source, enrolment.source_reference) == ("case", "cases.case:7")
