"""The aid demo: programs with rules, a year of paid quarterly cycles, letters at every stage; idempotent.

Runs the core, people and aid seeders only (the full seed_demo is tested in core)."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from desaku.aid.models import Cycle, CycleLine, Enrolment, Program, RecommendationRequest
from desaku.core import demo

pytestmark = pytest.mark.django_db


def counts():
    return (Program.objects.count(), Enrolment.objects.count(), Cycle.objects.count(), CycleLine.objects.count(),
            RecommendationRequest.objects.count())


def seed() -> int:
    """Seed core, people and aid; the number of queries the aid seeder made."""
    ctx = demo.DemoContext(rng=random.Random(2016), out=lambda s: None, size=0.2)
    for name, seeder in demo.seeders():
        if name in ("core", "people", "aid"):
            with CaptureQueriesContext(connection) as queries:
                seeder(ctx)
            if name == "aid":
                return len(queries)
    return 0


def test_demo_aid_is_believable_and_idempotent():
    # Fast means few round trips (bulk writes), counted rather than timed: 3,607 queries when written.
    assert seed() < 5_000
    first = counts()
    assert first[0] == 5 and first[1] >= 5 and first[2] >= 4
    assert CycleLine.objects.filter(status="paid", cycle__program__code="aspd-demo").exists()
    assert set(RecommendationRequest.objects.values_list("status", flat=True)) >= {"submitted", "checked",
                                                                                  "approved"}
    assert RecommendationRequest.objects.filter(status="withdrawn").exclude(withdraw_reason="").exists()
    assert RecommendationRequest.objects.filter(letter__revoked_at__isnull=False).count() == 1
    from django.utils import timezone

    today = timezone.localdate()
    if today >= today.replace(month=4, day=15):  # a second quarter exists: undelivered lines were carried into it
        assert CycleLine.objects.filter(status="carried", carried_to__isnull=False).exists()
        assert CycleLine.objects.filter(carried_amount__gt=0).exists()
    seed()
    assert counts() == first
