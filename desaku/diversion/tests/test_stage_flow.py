"""Stage outcomes: agreement → sent to court → ruling → supervision of the terms; failed → the next stage;
stopped → the case stops. Dates in order, one open stage at a time."""

import pytest
from django.core.exceptions import ValidationError

from desaku.diversion import selectors, services
from desaku.diversion.tests.helpers import agreed, days_ago, opened, stage_started


@pytest.mark.django_db
def test_agreement_ruling_supervision(actors):
    peksos = actors["peksos"]
    abh = opened(peksos)
    stage, agreement = agreed(abh, peksos)
    assert stage.outcome == "agreement" and stage.diversion_started_on == days_ago(25)
    assert selectors.phase(abh) == "awaiting_ruling"
    term = agreement.terms.first()
    with pytest.raises(ValidationError):  # supervision starts with the ruling
        services.follow_up_term(term=term, by=peksos, status="fulfilled")
    with pytest.raises(ValidationError):  # a ruling needs its number
        services.record_ruling(stage=stage, by=peksos, agreement_sent_on=days_ago(23), ruling_on=days_ago(21))
    with pytest.raises(ValidationError):  # not before the agreement
        services.record_ruling(stage=stage, by=peksos, agreement_sent_on=days_ago(26))
    services.record_ruling(stage=stage, by=peksos, agreement_sent_on=days_ago(23), ruling_on=days_ago(21),
                           ruling_number="1/Pid.Sus-Anak/2026/PN Mlg")
    assert selectors.phase(abh) == "supervision"
    services.follow_up_term(term=term, by=peksos, status="fulfilled", follow_up="surat maaf diserahkan")
    term.refresh_from_db()
    assert term.status == "fulfilled" and "surat maaf" in term.follow_up
    with pytest.raises(ValidationError):  # no second stage after an agreement
        stage_started(abh, peksos, "prosecution", started=5)


@pytest.mark.django_db
def test_failed_goes_to_the_next_stage_and_stopped_stops(actors):
    peksos = actors["peksos"]
    abh = opened(peksos)
    first = stage_started(abh, peksos, started=30)
    with pytest.raises(ValidationError):  # the current stage has not ended
        stage_started(abh, peksos, "prosecution", started=20)
    services.record_outcome(stage=first, by=peksos, outcome="failed", outcome_on=days_ago(22))
    with pytest.raises(ValidationError):  # not before the previous stage ended
        stage_started(abh, peksos, "prosecution", started=25)
    second = stage_started(abh, peksos, "prosecution", started=20)
    assert selectors.phase(abh) == "prosecution"
    with pytest.raises(ValidationError):
        services.record_outcome(stage=second, by=peksos, outcome="stopped", outcome_on=days_ago(3))  # no reason
    services.record_outcome(stage=second, by=peksos, outcome="stopped", outcome_on=days_ago(3), note="SP3")
    abh.refresh_from_db()
    assert abh.stopped_on == days_ago(3) and selectors.phase(abh) == "stopped"
    with pytest.raises(ValidationError):
        stage_started(abh, peksos, "court", started=1)


@pytest.mark.django_db
def test_event_dates_in_order(actors):
    peksos = actors["peksos"]
    stage = stage_started(opened(peksos), peksos, started=10)
    with pytest.raises(ValidationError):
        services.record_events(stage=stage, by=peksos, diversion_started_on=days_ago(11))
    with pytest.raises(ValidationError):
        services.record_events(stage=stage, by=peksos, judge_assigned_on=days_ago(9))  # not at investigation
    with pytest.raises(ValidationError):
        services.record_events(stage=stage, by=peksos, diversion_started_on=days_ago(5),
                               diversion_finished_on=days_ago(6))
    services.record_events(stage=stage, by=peksos, diversion_started_on=days_ago(5))
