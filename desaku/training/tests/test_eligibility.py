"""Eligibility: target groups (current PPKS classification) and minimum age, each failure explained."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from desaku.people import services as people_services
from desaku.training import services
from desaku.training.tests.helpers import batch, category, course, trainee


@pytest.mark.django_db
def test_an_eligible_person_has_no_problems(actors):
    op = actors["operator"]
    assert services.eligibility(course(op), trainee(op)) == []


@pytest.mark.django_db
def test_too_young_and_outside_the_target_groups_gives_one_sentence_each(actors):
    op = actors["operator"]
    person = trainee(op, "Rizki", birth_year=date.today().year - 14, code="PPKS-04")
    problems = services.eligibility(course(op, min_age=17), person)
    assert len(problems) == 2
    assert any("14" in p and "17" in p for p in problems)


@pytest.mark.django_db
def test_unknown_age_is_a_problem_when_the_course_has_a_minimum(actors):
    op = actors["operator"]
    person = trainee(op, "Tanpa Umur", birth_year=None)
    assert len(services.eligibility(course(op), person)) == 1
    assert services.eligibility(course(op, name="Tanpa batas", min_age=None), person) == []


@pytest.mark.django_db
def test_an_ended_classification_does_not_count(actors):
    op = actors["operator"]
    person = trainee(op, code=None)
    people_services.classify(person=person, by=op, category=category(), valid_from=date(2020, 1, 1),
                             valid_to=date(2021, 1, 1))
    assert len(services.eligibility(course(op), person)) == 1


@pytest.mark.django_db
def test_enrol_refuses_an_ineligible_person_with_the_explanation(actors):
    op = actors["operator"]
    b = batch(op)
    person = trainee(op, "Anak", birth_year=date.today().year - 12)
    with pytest.raises(ValidationError) as exc:
        services.enrol(batch=b, person=person, by=op)
    assert "person" in exc.value.message_dict
    assert not b.enrolments.exists()


@pytest.mark.django_db
def test_a_course_without_target_groups_is_open_to_all(actors):
    op = actors["operator"]
    c = course(op, name="Umum", groups=())
    assert services.eligibility(c, trainee(op, code=None)) == []
