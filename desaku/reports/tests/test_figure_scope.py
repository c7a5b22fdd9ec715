"""Figures count only what the user may see (the selectors' scope), on the page and in the API."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from desaku.reports import figures
from desaku.reports.figures import Filters
from desaku.reports.tests.helpers import found, person

Q1 = Filters(start=date(2025, 1, 1), end=date(2025, 3, 31))


@pytest.fixture
def two_worlds(actors):
    # One person found by the department, two by LKS A.
    found(person(actors["operator"], "Dinas Satu"), actors["operator"], date(2025, 2, 1))
    found(person(actors["lks_a"], "LKS Satu"), actors["lks_a"], date(2025, 2, 2))
    found(person(actors["lks_a"], "LKS Dua", birth_year=1990), actors["lks_a"], date(2025, 2, 3))


def persons_found(user):
    return figures.get("outreach.per_month").headline(figures.get("outreach.per_month").compute(Q1, user))


def test_scope_decides_the_counts(two_worlds, actors):
    assert persons_found(actors["kadis"]) == 3  # scope "all"
    assert persons_found(actors["kabid"]) == 1  # scope "organisation": the department's only
    assert persons_found(actors["auditor"]) == 3


def test_the_api_and_the_page_respect_scope(two_worlds, actors):
    client = Client()
    client.force_login(actors["kabid"])
    url = reverse("report-figure-detail", args=["outreach.per_month"]) + "?start=2025-01&end=2025-03"
    data = client.get(url).json()
    assert sum(row[3] for row in data["rows"]) == 1
    assert data["comparison"]["current"] == 1
    page = client.get(reverse("reports:dashboard"), {"start": "2025-01", "end": "2025-03"})
    assert page.status_code == 200
    headline = page.content.decode().split('data-testid="figure-outreach.per_month"')[1]
    assert 'data-testid="headline">1<' in headline
