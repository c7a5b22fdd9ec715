"""The training list pages' exports: batches (status, skill, year filters), the course catalogue and the outcome
follow-ups (due, all, done), with the page's scope (LKS A's batch and trainee absent for the Dinas and the other
way round), as many rows as the page across all its pages."""

from datetime import date

import pytest
from django.urls import reverse

from desaku.reports.tests.export_checks import client_for, page_items, page_total, rows_of
from desaku.training import services
from desaku.training.tests.helpers import batch, course, run_to_completion, trainee

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(actors):
    op, lks_a = actors["operator"], actors["lks_a"]
    the_course = course(op)
    batch(op, the_course, days=1, name="=Menjahit Rencana", status="planned", start=date(2026, 12, 14))
    finished = batch(op, the_course, days=1, name="Menjahit Selesai", start=date(2025, 1, 6))
    services.enrol(batch=finished, person=trainee(op, "Lulusan Dinas"), by=op)
    run_to_completion(finished, op)
    lks_batch = batch(lks_a, the_course, days=1, name="Menjahit LKS A", start=date(2025, 2, 3))
    services.enrol(batch=lks_batch, person=trainee(lks_a, "Peserta LKS"), by=lks_a)
    run_to_completion(lks_batch, lks_a)
    return {"course": the_course}


def test_batches_export_follows_filters_and_scope(actors, world):
    client = client_for(actors["kabid"])
    rows = rows_of(client.get(reverse("training:export_batches")))
    assert {"'=Menjahit Rencana", "Menjahit Selesai"} <= {r[1] for r in rows}  # the formula neutralised
    assert [r[0] for r in rows] == [b.pk for b in page_items(client.get(reverse("training:batch_list")))]
    query = {"status": "finished", "year": "2025"}
    rows = rows_of(client.get(reverse("training:export_batches"), query))
    assert [r[1] for r in rows] == ["Menjahit Selesai"] and rows[0][12] == 1  # one completed
    assert len(rows) == page_total(client.get(reverse("training:batch_list"), query))
    lks_rows = rows_of(client_for(actors["lks_a"]).get(reverse("training:export_batches")))
    assert [r[1] for r in lks_rows] == ["Menjahit LKS A"]


def test_courses_export_is_the_catalogue(actors, world):
    rows = rows_of(client_for(actors["lks_a"]).get(reverse("training:export_courses")))
    assert (world["course"].name, 3) in [(r[1], r[9]) for r in rows]  # with its three batches
    from desaku.training.models import Course

    assert sorted(r[0] for r in rows) == sorted(Course.objects.values_list("pk", flat=True))


def test_follow_ups_export_follows_the_tab_and_scope(actors, world):
    client = client_for(actors["operator"])
    for show in ("all", "due", "done"):
        rows = rows_of(client.get(reverse("training:export_follow_ups"), {"show": show}))
        assert len(rows) == page_total(client.get(reverse("training:follow_up_list"), {"show": show})), show
        assert "Peserta LKS" not in [r[2] for r in rows]
    rows = rows_of(client.get(reverse("training:export_follow_ups"), {"show": "all"}))
    assert {r[2] for r in rows} == {"Lulusan Dinas"} and len(rows) >= 2  # the 3- and 6-month follow-ups
    lks_rows = rows_of(client_for(actors["lks_a"]).get(reverse("training:export_follow_ups"), {"show": "all"}))
    assert {r[2] for r in lks_rows} == {"Peserta LKS"}
