"""Statutory deadlines per stage, computed from the DeadlineRule configuration: calendar days by default (a
weekend does not move them), working days skip Saturday and Sunday when a rule says so."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desaku.diversion import deadlines
from desaku.diversion.deadlines import State, add_days
from desaku.diversion.models import DeadlineRule
from desaku.diversion.tests.helpers import agreed, days_ago, opened, stage_started

FRIDAY = date(2026, 11, 27)


def test_calendar_days_run_through_the_weekend():
    assert add_days(FRIDAY, 3) == date(2026, 11, 30)  # Monday
    assert add_days(FRIDAY, 1) == date(2026, 11, 28)  # Saturday counts


def test_working_days_skip_saturday_and_sunday():
    assert add_days(FRIDAY, 1, working_days=True) == date(2026, 11, 30)
    assert add_days(FRIDAY, 3, working_days=True) == date(2026, 12, 2)
    assert add_days(date(2026, 11, 28), 1, working_days=True) == date(2026, 11, 30)  # from a Saturday
    assert add_days(FRIDAY, 7, working_days=True) == date(2026, 12, 8)


@given(start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), days=st.integers(1, 60))
def test_working_days_properties(start, days):
    due = add_days(start, days, working_days=True)
    assert due.weekday() < 5
    span = [start + timedelta(days=i) for i in range(1, (due - start).days + 1)]
    assert sum(1 for d in span if d.weekday() < 5) == days
    assert add_days(start, days) == start + timedelta(days=days)


def test_state_of():
    today = date(2026, 11, 27)
    assert deadlines.state_of(today - timedelta(days=1), None, today, 2) == State.OVERDUE
    assert deadlines.state_of(today, None, today, 2) == State.TODAY
    assert deadlines.state_of(today + timedelta(days=2), None, today, 2) == State.NEAR
    assert deadlines.state_of(today + timedelta(days=3), None, today, 2) == State.PENDING
    assert deadlines.state_of(today, today - timedelta(days=1), today, 2) == State.DONE
    assert deadlines.state_of(today, today + timedelta(days=1), today, 2) == State.LATE


def _by_event(stage, today):
    return {d.event: d for d in deadlines.deadlines_for(stage, today)}


@pytest.mark.django_db
def test_investigation_deadlines(actors):
    peksos = actors["peksos"]
    stage = stage_started(opened(peksos), peksos, started=10, requested=9)
    found = _by_event(stage, FRIDAY)
    assert found["social_report_submitted_on"].due_on == stage.social_report_requested_on + timedelta(days=3)
    assert found["diversion_started_on"].due_on == stage.started_on + timedelta(days=7)
    assert "diversion_finished_on" not in found  # counted from the diversion's start, not recorded yet
    stage.diversion_started_on = stage.started_on + timedelta(days=2)
    assert _by_event(stage, FRIDAY)["diversion_finished_on"].due_on == stage.diversion_started_on + timedelta(30)


@pytest.mark.django_db
def test_prosecution_and_court_deadlines(actors):
    peksos = actors["peksos"]
    abh = opened(peksos)
    from desaku.diversion import services

    first = stage_started(abh, peksos, started=30)
    services.record_outcome(stage=first, by=peksos, outcome="failed", outcome_on=days_ago(25))
    prosecution = stage_started(abh, peksos, "prosecution", started=20)
    assert _by_event(prosecution, FRIDAY)["diversion_started_on"].due_on == prosecution.started_on + timedelta(7)
    services.record_outcome(stage=prosecution, by=peksos, outcome="failed", outcome_on=days_ago(15))
    court = stage_started(abh, peksos, "court", started=10)
    found = _by_event(court, FRIDAY)
    assert found["judge_assigned_on"].due_on == court.started_on + timedelta(days=3)
    assert "diversion_started_on" not in found
    court = services.record_events(stage=court, by=peksos, judge_assigned_on=days_ago(9))
    found = _by_event(court, FRIDAY)
    assert found["judge_assigned_on"].done_on == days_ago(9)
    assert found["diversion_started_on"].due_on == days_ago(9) + timedelta(days=7)


@pytest.mark.django_db
def test_agreement_to_court_and_ruling_deadlines(actors):
    peksos = actors["peksos"]
    stage, _agreement = agreed(opened(peksos), peksos, started=30, held=25)
    found = _by_event(stage, days_ago(0))
    assert found["agreement_sent_on"].due_on == days_ago(22)
    assert found["agreement_sent_on"].state == State.OVERDUE
    assert "ruling_on" not in found


@pytest.mark.django_db
def test_a_working_days_rule_skips_the_weekend(actors):
    peksos = actors["peksos"]
    rule = DeadlineRule.objects.get(stage="investigation", event="diversion_started_on")
    rule.working_days = True
    rule.save_with_reason(by=peksos, reason="test")
    stage = stage_started(opened(peksos), peksos, started=10)
    stage.started_on = FRIDAY
    assert _by_event(stage, FRIDAY)["diversion_started_on"].due_on == date(2026, 12, 8)  # 7 working days
    rule.working_days, rule.days = False, 7
    rule.save_with_reason(by=peksos, reason="test")
    assert _by_event(stage, FRIDAY)["diversion_started_on"].due_on == date(2026, 12, 4)


@pytest.mark.django_db
def test_no_diversion_deadlines_when_not_mandatory(actors):
    peksos = actors["peksos"]
    stage = stage_started(opened(peksos, sentence=120), peksos, started=10, requested=9)
    assert set(_by_event(stage, FRIDAY)) == {"social_report_submitted_on"}
