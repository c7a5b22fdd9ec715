"""The program apps' figures (cases, training, aid, village, community) reach every output of the reports: the
dashboard, its Excel export, the monthly report (in the official order) and the figures API."""

from datetime import date

from django.test import Client
from django.urls import reverse

from desaku.reports import figures
from desaku.reports.monthly import sections_for

PROGRAM_KEYS = ["cases.per_month", "cases.overdue", "cases.referrals", "training.completion", "training.outcomes",
                "aid.payments", "aid.coverage", "aid.absorption", "village.occupancy", "village.exits",
                "village.income", "community.per_month", "community.by_target_group"]


def test_official_order_and_monthly_report(actors):
    keys = [f.key for f in figures.all_figures()]
    assert keys[:2] == ["people.by_category", "people.by_kelurahan"]
    assert keys[-len(PROGRAM_KEYS):] == PROGRAM_KEYS  # after outreach and shelter, by area
    month = [figure.key for figure, _result, _cmp in sections_for(date(2025, 3, 1))]
    assert month == keys


def test_dashboard_api_and_export_list_them(actors):
    from desaku.reports.workbooks import figures_workbook

    client = Client()
    client.force_login(actors["kadis"])
    listed = [row["key"] for row in client.get(reverse("report-figure-list")).json()]
    assert listed[-len(PROGRAM_KEYS):] == PROGRAM_KEYS
    detail = client.get(reverse("report-figure-detail", args=["aid.absorption"]) + "?start=2025-01&end=2025-03")
    assert detail.status_code == 200 and detail.json()["columns"][0]
    page = client.get(reverse("reports:dashboard"), {"start": "2025-01", "end": "2025-03"}).content.decode()
    for key in PROGRAM_KEYS:
        assert f'data-testid="figure-{key}"' in page
    filters = figures.Filters(start=date(2025, 1, 1), end=date(2025, 3, 31))
    sections = [(f, f.compute(filters, actors["kadis"]), None) for f in figures.figures_for(actors["kadis"])]
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(figures_workbook(title="t", subtitle="s", sections=sections)))
    assert any(name.endswith("cases.per_month") for name in book.sheetnames)
    # Workers do not get the heads' figures.
    assert figures.figures_for(actors["peksos"]) == []
