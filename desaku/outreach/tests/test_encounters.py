"""Encounters: exploitation flag for children with adults, and 'back on the street' after an exit."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from desaku.outreach import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def operation(actors):
    return services.create_operation(by=actors["penjangkauan"], kind="raid",
                                     started_at=timezone.make_aware(datetime(2026, 3, 1, 20, 0)),
                                     place="Alun-alun Merdeka", team=[actors["peksos"]])


def test_child_with_an_adult_is_flagged(operation, child, actors):
    encounter = services.record_encounter(operation=operation, by=actors["penjangkauan"], person=child,
                                          activity="begging", company="with_adult", outcome="shelter",
                                          encountered_at=timezone.make_aware(datetime(2026, 3, 1, 20, 30)))
    assert encounter.possible_exploitation


def test_adult_with_an_adult_is_not_flagged(operation, person, actors):
    encounter = services.record_encounter(operation=operation, by=actors["penjangkauan"], person=person,
                                          activity="begging", company="with_adult", outcome="counselled")
    assert not encounter.possible_exploitation


def test_referred_on_the_spot_needs_the_institution(operation, person, actors):
    with pytest.raises(ValidationError):
        services.record_encounter(operation=operation, by=actors["penjangkauan"], person=person,
                                  activity="begging", outcome="referred")


def test_encounter_after_an_exit_counts_as_a_return(operation, camp, person, actors):
    stay = services.admit(person=person, shelter=camp, by=actors["penjangkauan"], admitted_on=date(2026, 1, 2))
    disposition = services.propose_disposition(
        stay=stay, by=actors["peksos"], kind="returned", decided_on=date(2026, 1, 8), receiver_name="Painem",
        receiver_relationship="istri", receiver_address="Pasuruan")
    services.approve_disposition(disposition=disposition, by=actors["kabid"])
    again = services.record_encounter(operation=operation, by=actors["penjangkauan"], person=person,
                                      activity="begging", outcome="shelter",
                                      encountered_at=timezone.make_aware(datetime(2026, 4, 12, 21, 0)))
    assert again.previous_disposition == disposition
    assert again.days_since_exit == 94


def test_operation_validation(actors):
    with pytest.raises(ValidationError) as error:
        services.create_operation(by=actors["penjangkauan"], kind="patrol", place="Kayutangan",
                                  started_at=timezone.make_aware(datetime(2026, 3, 1, 20, 0)),
                                  ended_at=timezone.make_aware(datetime(2026, 3, 1, 19, 0)))
    assert "ended_at" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.create_operation(by=actors["penjangkauan"], kind="patrol", place="Kayutangan",
                                  started_at=timezone.now(), latitude=-7.98)
    assert "latitude" in error.value.error_dict
