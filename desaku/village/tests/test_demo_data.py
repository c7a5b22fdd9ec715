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


@pytest.mark.django_db
def test_demo_is_the_2016_village(settings, tmp_path):
    """80 candidates, 40 chosen by Kemensos, move-ins in November 2016, four expulsions in 2017 each replaced from
    the waiting list, and the records kept since: production and sales from 2017 to this year, incomes, utilities,
    inventory checks."""
    from datetime import date

    from desaku.village.models import (
        Candidate,
        InventoryCheck,
        MonthlyIncome,
        Occupancy,
        Offer,
        ProductionRecord,
        Sale,
        SelectionRound,
        UtilityPayment,
    )

    settings.MEDIA_ROOT = tmp_path
    ctx = demo.DemoContext(rng=random.Random(7), out=lambda line: None, size=0.2)
    seeders = dict(demo.seeders())
    for name in ("core", "people"):
        seeders[name](ctx)
    seeders["village"](ctx)
    selection = SelectionRound.objects.get(year=2016)
    candidates = Candidate.objects.filter(round=selection)
    assert candidates.count() == 80
    replaced_by_offer = Offer.objects.filter(status="accepted").values("candidate")
    chosen = candidates.filter(status__in=("accepted", "exited")).exclude(pk__in=replaced_by_offer)
    assert chosen.count() == 40
    first = Occupancy.objects.filter(candidate__in=chosen)
    assert first.count() == 40
    assert {(o.move_in_date.year, o.move_in_date.month) for o in first} == {(2016, 11)}
    expelled = Occupancy.objects.filter(end_reason="expelled")
    assert expelled.count() == 4 and {o.ended_on.year for o in expelled} == {2017}
    for occupancy in expelled:
        offer = Offer.objects.get(vacated=occupancy)
        assert offer.status == "accepted" and offer.candidate.round_id == selection.pk
        replacement = Occupancy.objects.get(unit=occupancy.unit, candidate=offer.candidate)
        assert replacement.move_in_date.year == 2017 and replacement.status == "active"
    this_year = date.today().year
    assert Sale.objects.filter(sold_on__year=2017).exists() and Sale.objects.filter(sold_on__year=this_year).exists()
    assert ProductionRecord.objects.filter(produced_on__year=2017).exists()
    assert ProductionRecord.objects.filter(produced_on__year=this_year).exists()
    assert MonthlyIncome.objects.filter(month__year=2017).exists()
    assert MonthlyIncome.objects.filter(month__year=this_year).exists()
    assert UtilityPayment.objects.filter(month__year=2017).exists()
    assert InventoryCheck.objects.filter(checked_on__year=2017).exists()
