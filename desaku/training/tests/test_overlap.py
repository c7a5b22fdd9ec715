"""No enrolment in two batches whose sessions overlap in time (hypothesis for the interval rule)."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from desaku.training import services
from desaku.training.services import Slot, schedules_overlap, slots_overlap
from desaku.training.tests.helpers import batch, course, trainee

minutes = st.integers(min_value=0, max_value=24 * 60 - 2)


def slot(day, start, length):
    end = min(start + length, 24 * 60 - 1)
    return Slot(day, time(start // 60, start % 60), time(end // 60, end % 60))


@given(a=minutes, la=st.integers(1, 600), b=minutes, lb=st.integers(1, 600), same_day=st.booleans())
def test_slots_overlap_exactly_when_their_minutes_intersect(a, la, b, lb, same_day):
    d = date(2026, 3, 2)
    first, second = slot(d, a, la), slot(d if same_day else d + timedelta(days=1), b, lb)
    fa = set(range(a, min(a + la, 24 * 60 - 1)))
    fb = set(range(b, min(b + lb, 24 * 60 - 1)))
    assert slots_overlap(first, second) == (same_day and bool(fa & fb))
    assert slots_overlap(first, second) == slots_overlap(second, first)


@given(st.lists(st.tuples(st.integers(0, 6), minutes, st.integers(1, 300)), max_size=6),
       st.lists(st.tuples(st.integers(0, 6), minutes, st.integers(1, 300)), max_size=6))
def test_schedules_overlap_when_any_pair_does(first, second):
    d = date(2026, 3, 2)
    a = [slot(d + timedelta(days=x), s, n) for x, s, n in first]
    b = [slot(d + timedelta(days=x), s, n) for x, s, n in second]
    assert bool(schedules_overlap(a, b)) == any(slots_overlap(x, y) for x in a for y in b)


@pytest.mark.django_db
def test_enrolment_in_an_overlapping_batch_is_refused(actors):
    op = actors["operator"]
    person = trainee(op)
    morning = batch(op, name="Pagi", start_time=time(8), end_time=time(12))
    services.enrol(batch=morning, person=person, by=op)
    clash = batch(op, course(op, name="Tata Boga Uji", skill="tata-boga"), name="Siang",
                  start_time=time(11), end_time=time(14))
    with pytest.raises(ValidationError):
        services.enrol(batch=clash, person=person, by=op)
    after = batch(op, course(op, name="Sablon Uji", skill="sablon"), name="Sore",
                  start_time=time(12), end_time=time(15))
    assert services.enrol(batch=after, person=person, by=op).status == "enrolled"  # touching ends are fine


@pytest.mark.django_db
def test_a_withdrawn_enrolment_no_longer_blocks(actors):
    op = actors["operator"]
    person = trainee(op)
    first = batch(op, name="Satu")
    e = services.enrol(batch=first, person=person, by=op)
    services.withdraw(enrolment=e, by=op, reason="pilih kelas lain")
    second = batch(op, course(op, name="Otomotif Uji", skill="otomotif"), name="Dua")
    assert services.enrol(batch=second, person=person, by=op).status == "enrolled"


@pytest.mark.django_db
def test_a_new_session_that_would_make_a_participant_clash_is_refused(actors):
    op = actors["operator"]
    person = trainee(op)
    first = batch(op, name="Satu")
    services.enrol(batch=first, person=person, by=op)
    later = first.end_date + timedelta(days=5)
    second = batch(op, course(op, name="Musik Uji", skill="musik"), name="Dua", start=later, days=1)
    services.enrol(batch=second, person=person, by=op)
    with pytest.raises(ValidationError):
        services.add_session(batch=second, by=op, date=first.start_date, start_time=time(9), end_time=time(10))
    session = services.add_session(batch=second, by=op, date=first.start_date, start_time=time(13),
                                   end_time=time(15))
    second.refresh_from_db()
    assert second.start_date == session.date  # the dates follow the schedule
