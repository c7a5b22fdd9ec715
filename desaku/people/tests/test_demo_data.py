"""The registry's demo data: persons, households, aliases and true duplicates; a second run adds nothing."""

import pytest
from django.core.management import call_command

from desaku.core.models import User
from desaku.people.demo import DUPLICATE_PAIRS
from desaku.people.models import Alias, DuplicateDecision, Household, Person
from desaku.people.selectors import duplicates_of

pytestmark = pytest.mark.django_db


def counts():
    return (Person.objects.count(), Household.objects.count(), Alias.objects.count(),
            DuplicateDecision.objects.count())


def test_demo_registry_is_believable_and_idempotent():
    call_command("seed_demo", "--quiet-logins", "--size", "0.2")
    persons, households, aliases, decisions = counts()
    assert persons >= 40
    assert households >= 2
    assert aliases >= 5
    assert Person.objects.filter(nik_hash__isnull=False).exists()
    assert Person.objects.filter(nik_hash__isnull=True).count() > persons / 3  # most street clients have no NIK
    assert Person.objects.filter(no_fixed_abode=True).exists()
    registrars = set(Person.objects.values_list("registered_by__username", flat=True))
    assert {"lks", "penjangkauan"} <= registrars

    # The later record of each true duplicate pair was confirmed as new despite the warning ...
    assert decisions >= 3
    admin = User.objects.get(username="admin")
    for first, later, _sex in DUPLICATE_PAIRS[:3]:
        record = Person.objects.filter(full_name=later).order_by("-pk").first()
        # ... and the duplicate check still finds the first record for the merge screen.
        found = [p.full_name for p, _score, _reasons in duplicates_of(record, admin).matches]
        assert first in found

    call_command("seed_demo", "--quiet-logins", "--size", "0.2")
    assert counts() == (persons, households, aliases, decisions)
