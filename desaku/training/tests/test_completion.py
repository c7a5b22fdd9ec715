"""Completion by the course rule; status transitions; follow-ups scheduled for graduates."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from desaku.training import services
from desaku.training.models import BatchStatus, EnrolmentStatus
from desaku.training.tests.helpers import batch, course, run_to_completion, trainee


@pytest.mark.django_db
def test_completion_needs_both_attendance_and_a_pass_score(actors):
    op = actors["operator"]
    b = batch(op, course(op, min_attendance_pct=60, pass_score=70), days=3)
    good, truant, weak, unscored = (services.enrol(batch=b, person=trainee(op, n), by=op)
                                    for n in ("Lulus", "Bolos", "Lemah", "Tanpa Nilai"))
    services.change_status(batch=b, by=op, to="running")
    for i, session in enumerate(b.sessions.all()):
        services.record_attendance(session=session, by=op, marks={
            good.pk: "present", truant.pk: "present" if i == 0 else "absent", weak.pk: "late",
            unscored.pk: "present"})
    services.record_scores(batch=b, by=op, scores={good.pk: 70, truant.pk: 95, weak.pk: 69, unscored.pk: None})
    services.change_status(batch=b, by=op, to="finished")
    statuses = {e.person.full_name: e.status for e in b.enrolments.select_related("person")}
    assert statuses == {"Lulus": "completed", "Bolos": "not_completed", "Lemah": "not_completed",
                        "Tanpa Nilai": "not_completed"}
    good.refresh_from_db()
    assert list(good.follow_ups.values_list("months", flat=True)) == [3, 6]
    assert not truant.follow_ups.exists()


def test_meets_rule_boundaries():
    class C:
        min_attendance_pct, pass_score = 80, 70

    assert services.meets_rule(C, 80, 70)
    assert not services.meets_rule(C, 79.9, 100)
    assert not services.meets_rule(C, 100, 69)
    assert not services.meets_rule(C, None, 100)


@pytest.mark.django_db
def test_status_moves_only_along_the_transitions(actors):
    op = actors["operator"]
    b = batch(op, status="planned")
    with pytest.raises(ValidationError):
        services.change_status(batch=b, by=op, to="finished")
    with pytest.raises(ValidationError):
        services.change_status(batch=b, by=op, to="running")  # planned → running skips "open"
    services.change_status(batch=b, by=op, to="open")
    with pytest.raises(ValidationError):
        services.change_status(batch=b, by=op, to="running")  # nobody enrolled
    with pytest.raises(ValidationError):
        services.change_status(batch=b, by=op, to="cancelled")  # no reason
    services.change_status(batch=b, by=op, to="cancelled", note="pelatih berhalangan")
    b.refresh_from_db()
    assert b.status == BatchStatus.CANCELLED
    with pytest.raises(ValidationError):
        services.change_status(batch=b, by=op, to="open")


@pytest.mark.django_db
def test_completing_drops_the_waiting_list(actors):
    op = actors["operator"]
    b = batch(op, capacity=1, days=1)
    services.enrol(batch=b, person=trainee(op, "A"), by=op)
    waiting = services.enrol(batch=b, person=trainee(op, "B"), by=op)
    run_to_completion(b, op)
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.WITHDRAWN


def test_add_months_keeps_the_day_or_takes_the_months_end():
    assert services.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert services.add_months(date(2026, 3, 15), 6) == date(2026, 9, 15)


@pytest.mark.django_db
def test_recording_the_budget_keeps_the_status(actors):
    op = actors["operator"]
    b = batch(op)
    services.change_status(batch=b, by=op, to="cancelled", note="x")
    services.record_budget_used(batch=b, by=op, amount=1000)  # ``b`` is a stale instance
    b.refresh_from_db()
    assert (b.status, b.budget_used) == ("cancelled", 1000)
