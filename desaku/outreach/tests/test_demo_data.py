"""The outreach demo data: a year of operations, stays ending in every kind of disposition, people back on
the street, stays due now; a second run adds nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from desaku.outreach.models import (
    DispositionKind,
    Encounter,
    OutreachOperation,
    PreventiveActivity,
    Stay,
)

pytestmark = pytest.mark.django_db


def counts():
    return OutreachOperation.objects.count(), Encounter.objects.count(), Stay.objects.count()


def test_demo_outreach_is_believable_and_idempotent():
    call_command("seed_demo", "--quiet-logins", "--size", "0.2")
    operations, encounters, stays = counts()
    assert operations >= 20 and encounters > operations and stays >= 10
    first = OutreachOperation.objects.order_by("started_at").first().started_at
    assert (timezone.now() - first).days >= 300  # about a year
    kinds = set(Stay.objects.filter(dispositions__status="approved").values_list("dispositions__kind", flat=True))
    assert kinds == set(DispositionKind.values)
    assert Encounter.objects.filter(previous_disposition__isnull=False).exists()  # back on the street
    today = timezone.localdate()
    assert Stay.objects.filter(status="open", due_on=today).exists()
    assert Stay.objects.filter(status="open", due_on__lt=today).exists()
    assert PreventiveActivity.objects.count() >= 3
    places = set(OutreachOperation.objects.values_list("place", flat=True))
    assert places <= {"Alun-alun Merdeka", "Kayutangan Heritage", "Stasiun Kota Baru", "Pasar Besar",
                      "Terminal Arjosari", "Jl. Soekarno-Hatta", "Malang Town Square (Matos)", "Dinoyo"}

    call_command("seed_demo", "--quiet-logins", "--size", "0.2")
    assert counts() == (operations, encounters, stays)
