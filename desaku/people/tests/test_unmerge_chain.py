"""Undoing a merge whose survivor was merged again later (A→B, then B→C) would move nothing back: it is
refused with a message to undo the later merge first. In that order both come back in full."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from desaku.core.auditing import allow_bulk_writes
from desaku.core.models import PPKSCategory
from desaku.people import services
from desaku.people.models import Classification, Merge, Person
from desaku.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(actors):
    by = actors["kabid"]
    a = make_person(by, "Ahmad Sutrisna", birth_year=1976)
    b = make_person(by, "Achmad Sutrisno", birth_year=1975)
    c = make_person(by, "Sutrisno", birth_year=1975)
    services.classify(person=a, by=by, category=PPKSCategory.objects.get(number=12), valid_from=date(2025, 1, 1))
    first = services.merge_persons(survivor=b, merged=a, by=by, reason="same man")
    second = services.merge_persons(survivor=c, merged=b, by=by, reason="same man again")
    return a, b, c, first, second


def test_undoing_the_earlier_merge_first_is_refused(actors, chain):
    a, b, c, first, _second = chain
    with pytest.raises(ValidationError) as exc:
        services.unmerge(merge=first, by=actors["kabid"], reason="different people")
    [message] = exc.value.message_dict["merge"]
    assert b.registration_number in message and c.registration_number in message
    first.refresh_from_db()
    a.refresh_from_db()
    assert first.undone_at is None and a.merged_into == b  # nothing changed
    assert Classification.objects.get().person == c


def test_in_the_right_order_everything_comes_back(actors, chain):
    a, b, c, first, second = chain
    services.unmerge(merge=second, by=actors["kabid"], reason="different people")
    services.unmerge(merge=first, by=actors["kabid"], reason="different people")
    assert Classification.objects.get().person == a
    assert set(Person.objects.active().values_list("pk", flat=True)) == {a.pk, b.pk, c.pk}


def test_a_survivor_that_is_no_longer_active_is_refused(actors, chain):
    _a, b, _c, first, second = chain
    with allow_bulk_writes(reason="test: the later merge's record no longer says who holds B"):
        Merge.objects.filter(pk=second.pk).update(undone_at="2026-01-01T00:00:00Z")
    with pytest.raises(ValidationError) as exc:
        services.unmerge(merge=first, by=actors["kabid"], reason="different people")
    assert b.registration_number in exc.value.message_dict["merge"][0]


def test_the_page_says_so(client, actors, chain):
    _a, _b, _c, first, _second = chain
    client.force_login(actors["kabid"])
    response = client.post(reverse("people:unmerge", args=[first.pk]), {"reason": "different people"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    first.refresh_from_db()
    assert first.undone_at is None
