"""The Kota Malang funding adds up: Kemensos Rp1.4 billion = the Rp1.2 billion construction grant + UEP Rp200 juta
+ household goods of unknown amount; land and CSR in kind. The data migration corrects only rows still holding the
seeded values; Rp0 is accepted only on a line in kind / of unknown amount."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Sum

from desaku.core.auditing import allow_bulk_writes
from desaku.village import services_program
from desaku.village.models import FundingLine
from desaku.village.tests.helpers import site

migration = importlib.import_module("desaku.village.migrations.0006_funding_breakdown")


def _back_to_the_seed():
    migration.backward(apps, None)
    with allow_bulk_writes(reason="test: the seeded state of 0002"):
        FundingLine.objects.update(in_kind=False)


def _kemensos():
    return FundingLine.objects.get(site=site(), purpose=migration.NEW_GRANT[0], parent=None)


def _assert_corrected():
    grant = _kemensos()
    parts = {p.purpose: p for p in grant.parts.all()}
    assert grant.amount == 1_400_000_000 == grant.parts.aggregate(s=Sum("amount"))["s"]
    assert parts[migration.NEW_CONSTRUCTION[0]].amount == 1_200_000_000
    assert parts[migration.NEW_UEP[0]].amount == 200_000_000
    assert parts[migration.NEW_GOODS[0]].in_kind and parts[migration.NEW_GOODS[0]].amount == 0
    zero = FundingLine.objects.filter(site=site(), amount=0)
    assert zero.count() == 3 and all(line.in_kind for line in zero)


@pytest.mark.django_db
def test_the_migrated_breakdown_adds_up_and_a_rerun_from_the_seed_gives_the_same():
    _assert_corrected()
    _back_to_the_seed()
    assert FundingLine.objects.filter(site=site(), parent=None).count() == 5  # 0002's seeded state again
    migration.forward(apps, None)
    _assert_corrected()
    assert FundingLine.history.filter(history_change_reason=migration.REASON).exists()


@pytest.mark.django_db
def test_an_edited_line_is_left_alone():
    _back_to_the_seed()
    uep = FundingLine.objects.get(purpose=migration.OLD_UEP[0])
    uep.amount = 150_000_000
    uep.save()
    migration.forward(apps, None)
    uep.refresh_from_db()
    assert uep.parent_id is None and uep.purpose == migration.OLD_UEP[0]
    grant = _kemensos()
    assert grant.amount == grant.parts.aggregate(s=Sum("amount"))["s"] == 1_200_000_000


@pytest.mark.django_db
def test_rp0_only_in_kind(actors):
    kabid = actors["kabid"]
    with pytest.raises(ValidationError) as error:
        services_program.save_funding_line(site=site(), by=kabid, source_name="CSR Bank", purpose="Etalase",
                                           amount=0)
    assert "amount" in error.value.message_dict
    line = services_program.save_funding_line(site=site(), by=kabid, source_name="CSR Bank", purpose="Etalase",
                                              amount=0, in_kind=True)
    assert line.in_kind and line.amount == 0
    with pytest.raises(ValidationError):
        services_program.save_funding_line(site=site(), by=kabid, source_name="CSR Bank", purpose="Etalase",
                                           amount=-5, in_kind=True)
