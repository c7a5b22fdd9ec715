"""Attendance per session: marks saved in one go, attendance % live per participant."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from desaku.training import services
from desaku.training.tests.helpers import batch, trainee


@pytest.mark.django_db
def test_percentage_counts_present_and_late_over_the_sessions_taken(actors):
    op = actors["operator"]
    b = batch(op, days=3)
    a = services.enrol(batch=b, person=trainee(op, "A"), by=op)
    c = services.enrol(batch=b, person=trainee(op, "C"), by=op)
    first, second, _third = b.sessions.all()
    services.record_attendance(session=first, by=op, marks={a.pk: "present", c.pk: "absent"})
    services.record_attendance(session=second, by=op, marks={a.pk: "late", c.pk: "excused"})
    a.refresh_from_db(), c.refresh_from_db()
    assert a.attendance_pct == Decimal("100.0") and c.attendance_pct == Decimal("0.0")
    assert services.attendance_pct(a, of_all_sessions=True) == Decimal("66.7")
    services.record_attendance(session=second, by=op, marks={a.pk: "absent"})  # a correction
    a.refresh_from_db()
    assert a.attendance_pct == Decimal("50.0")


@pytest.mark.django_db
def test_future_sessions_and_strangers_are_refused(actors):
    op = actors["operator"]
    b = batch(op, start=services.timezone.localdate() + timedelta(days=3), days=1)
    e = services.enrol(batch=b, person=trainee(op), by=op)
    with pytest.raises(ValidationError):
        services.record_attendance(session=b.sessions.get(), by=op, marks={e.pk: "present"})
    now = batch(op, name="Lain", start=b.start_date - timedelta(days=30), days=1)
    with pytest.raises(ValidationError):
        services.record_attendance(session=now.sessions.get(), by=op, marks={e.pk: "present"})


@pytest.mark.django_db
def test_the_grid_saves_every_row_with_one_submit(actors):
    op = actors["operator"]
    b = batch(op, days=1)
    enrolments = [services.enrol(batch=b, person=trainee(op, f"P{i}"), by=op) for i in range(3)]
    session = b.sessions.get()
    client = Client()
    client.force_login(op)
    url = reverse("training:attendance", args=[b.pk, session.pk])
    assert client.get(url).status_code == 200
    data = {f"mark-{e.pk}": m for e, m in zip(enrolments, ("present", "late", "absent"), strict=True)}
    assert client.post(url, data).status_code == 302
    assert dict(session.attendance.values_list("enrolment_id", "mark")) == {
        enrolments[0].pk: "present", enrolments[1].pk: "late", enrolments[2].pk: "absent"}
