"""Merging two records of one person who are both enrolled in the same program: refused with a message
(not a database error), and nothing is half-moved."""

import pytest
from django.core.exceptions import ValidationError

from desaku.aid.models import Enrolment
from desaku.aid.tests.helpers import active, program, severe_person
from desaku.people import services as people_services
from desaku.people.models import Person

pytestmark = pytest.mark.django_db


def test_a_merge_that_would_give_one_person_two_open_enrolments_is_refused(actors):
    prog = program(actors["admin"])
    first = severe_person(actors["operator"], "Sri Rahayu")
    second = severe_person(actors["operator"], "Sri Rahayuningsih")
    for person in (first, second):
        active(prog, person, actors["operator"], actors["operator"], actors["kabid"])
    with pytest.raises(ValidationError) as error:
        people_services.merge_persons(survivor=first, merged=second, by=actors["admin"], reason="same person")
    assert "merged" in error.value.message_dict
    second.refresh_from_db()
    assert second.merged_into_id is None
    assert Enrolment.objects.filter(person=second).count() == 1
    assert not Person.objects.filter(merged_into__isnull=False).exists()
