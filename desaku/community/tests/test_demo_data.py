"""The community demo data: the PSKS directory, a year (2026) of activities and a finalised award round
with jury scores; fast, and a second run adds nothing. Runs only the seeders it builds on (core, people)."""

import io
import random

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from desaku.community.models import AwardRound, AwardScore, CommunityActivity, Membership, PSKSOrganisation
from desaku.core import demo

pytestmark = pytest.mark.django_db


def counts():
    return PSKSOrganisation.objects.count(), CommunityActivity.objects.count(), AwardScore.objects.count()


def seed(names=("core", "people", "community")):
    ctx = demo.DemoContext(rng=random.Random(2016), out=io.StringIO().write, size=0.2)
    queries = {}  # seeder name: number of queries it made
    for name, seeder in demo.seeders():
        if name in names:
            with CaptureQueriesContext(connection) as captured, transaction.atomic():
                seeder(ctx)
            queries[name] = len(captured)
    return queries


def test_demo_community_is_believable_fast_and_idempotent():
    queries = seed()
    # Fast means few round trips (bulk writes), counted rather than timed: 1,690 queries when written.
    assert queries["community"] < 2_500
    organisations, activities, scores = counts()
    assert organisations >= 10 and activities >= 6 and scores > 0
    assert set(CommunityActivity.objects.values_list("held_on__year", flat=True)) == {2026}
    assert CommunityActivity.objects.filter(participants__isnull=False).exists()
    assert Membership.objects.filter(person__isnull=False).exists()
    award = AwardRound.objects.get(year=2026)
    assert award.status == "finalised" and award.entries.filter(is_winner=True).count() == award.winner_count
    assert sum(c.weight for c in award.criteria.all()) == 100
    seed()
    assert counts() == (organisations, activities, scores)
