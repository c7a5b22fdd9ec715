"""Reports per batch, skill, funding source and PPKS group; the Excel export of the same figures."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from desaku.training import selectors, services
from desaku.training.tests.helpers import batch, run_to_completion, trainee


@pytest.mark.django_db
def test_completion_rate_and_outcomes_per_group(actors):
    op = actors["operator"]
    b = batch(op, days=1)
    passed = services.enrol(batch=b, person=trainee(op, "Lulus"), by=op)
    failed = services.enrol(batch=b, person=trainee(op, "Gagal"), by=op)
    run_to_completion(b, op, scores={failed.pk: 20})
    services.record_follow_up(follow_up=passed.follow_ups.get(months=3), by=op, work_status="own_business")
    for group_by in selectors.GROUPINGS:
        rows = selectors.report(op, group_by)
        assert len(rows) == 1, group_by
        row = rows[0]
        assert (row["enrolled"], row["completed"], row["rate"], row["own_business"]) == (2, 1, 50.0, 1)
    assert selectors.report(actors["lks_a"], "batch") == []  # outside LKS A's scope


@pytest.mark.django_db
def test_the_excel_export_has_the_report_rows(actors):
    from openpyxl import load_workbook

    op = actors["operator"]
    b = batch(op, days=1)
    services.enrol(batch=b, person=trainee(op, "=Sutrisno"), by=op)
    run_to_completion(b, op)
    client = Client()
    client.force_login(op)
    response = client.get(reverse("training:export_report") + "?by=skill")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2 and sheet.cell(2, 2).value == 1 and sheet.cell(2, 3).value == 1
    participants = client.get(reverse("training:export_participants", args=[b.pk]))
    cells = [c.value for c in load_workbook(io.BytesIO(participants.content)).active[2]]
    assert "'=Sutrisno" in cells  # a formula is neutralised
