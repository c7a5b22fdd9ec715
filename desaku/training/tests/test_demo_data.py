"""The demo: a year of batches across the skills, household members among the trainees, fast and idempotent."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from desaku.core import demo


@pytest.mark.django_db
def test_demo_batches_trainees_and_follow_ups():
    from desaku.training.models import Batch, Enrolment, FollowUp

    lines = []
    ctx = demo.DemoContext(rng=random.Random(2016), out=lines.append, size=0.3)
    seeders = dict(demo.seeders())
    for name in ("core", "people"):
        seeders[name](ctx)
    with CaptureQueriesContext(connection) as queries:
        seeders["training"](ctx)
    # Fast means few round trips (bulk writes), counted rather than timed: 6,221 queries when written.
    assert len(queries) < 8_500
    batches = Batch.objects.all()
    assert batches.count() == 12
    assert batches.values("course__skill_type").distinct().count() == 10
    assert set(batches.values_list("start_date__year", flat=True)) == {2026}
    assert Enrolment.objects.filter(source="household", household__isnull=False).exists()
    assert Enrolment.objects.filter(status="completed").exists()
    assert FollowUp.objects.filter(done_on__isnull=False).exists()
    seeders["training"](ctx)  # idempotent
    assert Batch.objects.count() == 12
