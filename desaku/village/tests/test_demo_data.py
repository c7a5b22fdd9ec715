"""The village demo keeps its program record in the UI's ways: a stage photo, an inventory item added and one
replaced (with their history), and UEP grants with their purpose (and enterprise, for its members)."""

import random

import pytest

from desaku.core import demo


@pytest.mark.django_db
def test_demo_program_record_inventory_and_grants(settings, tmp_path):
    from desaku.village.models import InventoryItem, StageDocument, UepGrant

    settings.MEDIA_ROOT = tmp_path
    ctx = demo.DemoContext(rng=random.Random(2016), out=lambda line: None, size=0.3)
    seeders = dict(demo.seeders())
    for name in ("core", "people", "outreach"):
        if name in seeders:
            seeders[name](ctx)
    seeders["village"](ctx)
    photo = StageDocument.objects.get()
    assert photo.is_photo and photo.stage.started_on.isoformat() == "2016-03-25"
    assert InventoryItem.objects.filter(name="Kipas angin").count() == 1
    assert InventoryItem.history.filter(history_type="-", history_change_reason__startswith="Rusak").count() == 1
    grants = UepGrant.objects.all()
    assert grants.exists() and all(g.purpose for g in grants) and any(g.enterprise_id for g in grants)
