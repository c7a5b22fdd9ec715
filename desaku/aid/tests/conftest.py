import pytest

from desaku.aid.tests.helpers import program, severe_person


@pytest.fixture
def aspd(actors):
    return program(actors["operator"])


@pytest.fixture
def sri(actors):
    return severe_person(actors["operator"])
