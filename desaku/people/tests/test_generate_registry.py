"""The synthetic-registry generator (bench) writes rows the registry's own code can use."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F

from bench.registry_generator import generate
from desaku.core.models import AuditEntry, User
from desaku.people import services
from desaku.people.models import Alias, Person, PersonNameKey
from desaku.people.names import blocking_keys
from desaku.people.nik import check_nik
from desaku.people.selectors import search_persons

pytestmark = pytest.mark.django_db


def quiet(_line):
    pass


def test_generated_rows_are_consistent():
    report = generate(count=300, seed=5, workers=0, out=quiet)
    assert report.created == report.total == Person.objects.count() == 300

    # Name keys: every person has them, built as services.rebuild_name_keys builds them.
    assert not Person.objects.filter(name_keys__isnull=True).exists()
    assert not PersonNameKey.objects.exclude(sex=F("person__sex")).exists()
    assert not PersonNameKey.objects.filter(person__birth_year__isnull=False).exclude(
        birth_year=F("person__birth_year")).exists()
    for person in Person.objects.prefetch_related("aliases", "name_keys")[:50]:
        expected = blocking_keys(person.full_name, [a.name for a in person.aliases.all()])
        assert {k.key for k in person.name_keys.all()} == expected
    assert Alias.objects.exists()

    # NIKs: about 40%, unique, structurally valid for the person, findable by search.
    hashes = list(Person.objects.exclude(nik_hash=None).values_list("nik_hash", flat=True))
    assert 0.25 * 300 < len(hashes) < 0.55 * 300
    assert len(set(hashes)) == len(hashes)
    user = User.objects.get(username="bench")
    for person in Person.objects.exclude(nik_hash=None)[:15]:
        nik = services.nik_of(person)
        assert person.nik_masked == nik[:4] + "********" + nik[-4:]
        check = check_nik(nik, sex=person.sex, birth_date=person.birth_date,
                          birth_date_quality=person.birth_date_quality, birth_year=person.birth_year)
        assert check.valid and not check.warnings, (nik, check.warnings)
        found = search_persons(user, nik)
        assert found.by_nik and [p.pk for p in found.persons] == [person.pk]

    # The bulk writes left audit entries.
    assert AuditEntry.objects.filter(action="bulk_create", model_label="people.Person").exists()


def test_topping_up_adds_the_missing_rows_and_registration_still_works():
    call_command("generate_registry", "--count", "40", "--workers", "0", stdout=io.StringIO())
    generate(count=60, workers=0, out=quiet)
    assert Person.objects.count() == 60
    assert generate(count=50, workers=0, out=quiet).created == 0
    user = User.objects.get(username="bench")
    person = services.register_person(by=user, data={"full_name": "Sutrisno Coba", "sex": "L", "birth_year": 1970},
                                      confirm_new=True)
    assert person.pk > Person.objects.exclude(pk=person.pk).order_by("-pk").first().pk
    assert person.name_keys.exists()
