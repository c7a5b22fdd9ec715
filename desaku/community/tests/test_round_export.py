"""The export of the award rounds: the list's status filter, as many rows as the page, entries counted."""

import pytest
from django.urls import reverse

from desaku.community.tests.helpers import award_round
from desaku.reports.tests.export_checks import client_for, page_items, rows_of

pytestmark = pytest.mark.django_db


def test_rounds_export_follows_the_status_filter(actors):
    kabid = actors["kabid"]
    award_round(kabid, year=2026)
    award_round(kabid, year=2027, open_scoring=False)
    client = client_for(actors["operator"])
    rows = rows_of(client.get(reverse("community:export_rounds")))
    assert [r[0] for r in rows] == [2027, 2026] and [r[5] for r in rows] == [2, 2]
    assert [r[0] for r in rows] == [r.year for r in page_items(client.get(reverse("community:round_list")))]
    rows = rows_of(client.get(reverse("community:export_rounds"), {"status": "draft"}))
    assert [r[0] for r in rows] == [2027]
    page = page_items(client.get(reverse("community:round_list"), {"status": "draft"}))
    assert [r.year for r in page] == [2027]
