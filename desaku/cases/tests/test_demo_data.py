"""The case demo data: a caseload across the Dinas and both LKS with plans, tasks, services, notes, referrals
and closed cases; a second run adds nothing. Runs the seeders up to this app's (the later apps are theirs)."""

import random

import pytest
from django.utils import timezone

from desaku.cases.models import Case, CaseNote, Referral, ServiceDelivery
from desaku.core import demo
from desaku.core.models import Task

pytestmark = pytest.mark.django_db


def _seed():
    ctx = demo.DemoContext(rng=random.Random(2016), out=lambda text: None, size=0.2)
    for name, seeder in demo.seeders():
        if name in ("core", "people", "outreach", "cases"):
            seeder(ctx)


def counts():
    return Case.objects.count(), ServiceDelivery.objects.count(), Referral.objects.count(), Task.objects.count()


def test_demo_cases_are_believable_and_idempotent():
    _seed()
    orgs = set(Case.objects.values_list("organisation__short_name", flat=True))
    assert {"Dinsos", "YSAJ", "Griya Werdha"} <= orgs
    assert set(Case.objects.values_list("status", flat=True)) >= {"open", "closed"}
    assert Case.objects.filter(source="disposition").exists()  # from the outreach referrals
    assert Case.objects.filter(status="open", plan__next_review_on__lt=timezone.localdate()).exists()
    assert Task.objects.filter(source__startswith="cases.planaction:").exists()
    assert CaseNote.objects.filter(confidential=True).exists()
    assert Referral.objects.filter(status="sent").exists()
    assert Case.objects.filter(household__isnull=False, person__isnull=True).count() == 1
    before = counts()
    _seed()
    assert counts() == before
