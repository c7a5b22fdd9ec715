"""The registry's identity hook: an app names the persons a user may not see in full; the registry masks them
(initials, no NIK, address or birth date) without knowing why, and a masked copy is never saved."""

import pytest

from desaku.people import identity
from desaku.people.tests.factories import make_person


@pytest.fixture
def hide_budi():
    def provider(user, person_ids):
        from desaku.people.models import Person

        return set(Person.objects.filter(pk__in=person_ids, full_name="Budi Santoso").values_list("pk", flat=True))

    identity.register(provider)
    yield
    identity._PROVIDERS.remove(provider)


def test_initials():
    assert identity.initials("Budi  santoso") == "B. S."
    assert identity.initials("") == "—"


@pytest.mark.django_db
def test_masking(actors, hide_budi):
    op = actors["operator"]
    budi = make_person(op, "Budi Santoso", domicile_address="Jl. Melati 5", mother_name="Siti")
    ani = make_person(op, "Ani Lestari")
    assert identity.hidden_ids(op, [budi.pk, ani.pk]) == {budi.pk}
    persons = [budi, ani]
    assert identity.mask_persons(op, persons) == {budi.pk}
    assert (budi.full_name, budi.domicile_address, budi.mother_name, budi.identity_hidden) == ("B. S.", "", "", True)
    assert (ani.full_name, ani.identity_hidden) == ("Ani Lestari", False)
    with pytest.raises(RuntimeError):
        budi.save()
    budi.refresh_from_db()
    assert budi.full_name == "Budi Santoso"


@pytest.mark.django_db
def test_no_provider_hides_nothing(actors):
    op = actors["operator"]
    person = make_person(op, "Budi Santoso")
    before = list(identity._PROVIDERS)
    identity._PROVIDERS.clear()
    try:
        assert identity.hidden_ids(op, [person.pk]) == set()
    finally:
        identity._PROVIDERS.extend(before)
