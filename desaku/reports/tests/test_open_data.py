"""Open data: aggregates only, counts under 5 shown as "<5", no totals, no ABH or sensitive categories."""

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from desaku.reports import opendata
from desaku.reports.models import OpenDataCell
from desaku.reports.tests.helpers import classify, found, kelurahan, person

MAY = date(2025, 5, 1)


@pytest.fixture
def published(actors):
    worker = actors["operator"]
    k1 = kelurahan("35.73.01", 0)
    for i in range(6):  # six Gelandangan -> shown as 6
        p = person(worker, f"Gelandangan {i}", birth_year=1950 + i)
        classify(p, worker, "PPKS-11", date(2025, 1, 1))
        found(p, worker, date(2025, 5, 3 + i), place=k1)
    for i in range(2):  # two Pengemis -> "<5"
        p = person(worker, f"Pengemis {i}", birth_year=1960 + i)
        classify(p, worker, "PPKS-12", date(2025, 1, 1))
        found(p, worker, date(2025, 5, 3), place=k1)
    abh = person(worker, "Anak ABH", birth_year=2010)  # children's justice: never published
    classify(abh, worker, "PPKS-03", date(2025, 1, 1))
    found(abh, worker, date(2025, 5, 4), place=k1)
    odha = person(worker, "Orang ODHA", birth_year=1985)  # sensitive: never published
    classify(odha, worker, "PPKS-16", date(2025, 1, 1))
    found(odha, worker, date(2025, 5, 4), place=k1)
    opendata.refresh(date(2026, 1, 15))
    return k1


def test_cells_are_suppressed_under_five(published):
    rows = {(r["month"], r["kecamatan_code"], r["category_code"]): r["persons_found"]
            for r in opendata.published_rows()}
    assert rows == {("2025-05", "35.73.01", "PPKS-11"): 6, ("2025-05", "35.73.01", "PPKS-12"): "<5"}
    # The summary table holds the true count; only publishing suppresses it.
    assert OpenDataCell.objects.get(category="PPKS-12").persons == 2


def test_no_totals_so_a_suppressed_cell_cannot_be_recovered(published):
    payload = Client().get(reverse("reports:open_data_json")).json()
    assert payload["suppression"] == {"threshold": 5, "shown_as": "<5", "totals": "omitted"}
    keys = [(r["month"], r["kecamatan_code"], r["category_code"]) for r in payload["rows"]]
    # Every published row is one finest-grain cell, each once: there is no margin to subtract from.
    assert len(keys) == len(set(keys))
    assert all(set(r) == set(opendata.FIELDS) for r in payload["rows"])
    assert all(v == "<5" or v >= 5 for v in (r["persons_found"] for r in payload["rows"]))
    assert "total" not in str(payload["rows"]).lower()


def test_no_childrens_justice_or_sensitive_categories(published):
    codes = {r["category_code"] for r in opendata.published_rows()}
    assert "PPKS-03" not in codes and "PPKS-16" not in codes
    assert not OpenDataCell.objects.filter(category__in=["PPKS-03", "PPKS-16"]).exists()


def test_public_page_csv_and_api_need_no_login(published):
    client = Client()
    page = client.get(reverse("reports:open_data"))
    assert page.status_code == 200 and b'data-testid="open-data-table"' in page.content
    text = client.get(reverse("reports:open_data_csv")).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["persons_found"] for r in rows) == ["6", "<5"]
    api = client.get(reverse("api-open-data"))
    assert api.status_code == 200 and len(api.json()["rows"]) == 2


def test_the_current_month_is_not_published(actors):
    worker = actors["operator"]
    p = person(worker, "Baru")
    classify(p, worker, "PPKS-11", date(2025, 1, 1))
    found(p, worker, date(2026, 1, 10))
    assert opendata.refresh(date(2026, 1, 15)) == 0  # January 2026 is not over yet
    assert opendata.refresh(date(2026, 2, 1)) == 1


def test_a_person_found_in_two_unknown_places_counts_once_in_the_unknown_cell(actors):
    from desaku.core.models import Region

    worker = actors["operator"]
    kecamatan = Region(code="35.07.99", name="Kecamatan Luar", level=3, kind="kecamatan")
    kecamatan.save()
    outside = [Region(code=f"35.07.99.200{i}", name=f"Desa Luar {i}", level=4, kind="desa", parent=kecamatan)
               for i in (1, 2)]
    for region in outside:
        region.save()
    other = Region(code="35.08.99", name="Kecamatan Lain", level=3, kind="kecamatan")
    other.save()
    elsewhere = Region(code="35.08.99.2001", name="Desa Lain", level=4, kind="desa", parent=other)
    elsewhere.save()
    p = person(worker, "Pengelana", birth_year=1970)
    classify(p, worker, "PPKS-11", date(2025, 1, 1))
    found(p, worker, date(2025, 5, 3), place=outside[0])  # outside Kota Malang
    found(p, worker, date(2025, 5, 5), place=elsewhere)  # another kecamatan outside it
    found(p, worker, date(2025, 5, 9))  # place not recorded
    opendata.refresh(date(2026, 1, 15))
    assert OpenDataCell.objects.get(month=MAY, kecamatan="", category="PPKS-11").persons == 1
