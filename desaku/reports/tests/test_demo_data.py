"""The reports seeder fills the open-data table from the demo outreach records, idempotently."""

import io
import random

from desaku.core import demo
from desaku.reports.models import OpenDataCell

WANTED = ("core", "people", "outreach", "reports")


def _seed():
    ctx = demo.DemoContext(rng=random.Random(2016), out=io.StringIO().write, size=0.3)
    for name, seeder in demo.seeders():
        if name in WANTED:
            seeder(ctx)


def test_demo_open_data_is_idempotent(db):
    assert {name for name, _s in demo.seeders()} >= set(WANTED)
    _seed()
    first = list(OpenDataCell.objects.values_list("month", "kecamatan", "category", "persons"))
    _seed()
    assert list(OpenDataCell.objects.values_list("month", "kecamatan", "category", "persons")) == first
    assert not OpenDataCell.objects.filter(category="PPKS-03").exists()
