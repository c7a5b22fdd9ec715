from datetime import date

import pytest

from desaku.outreach.models import Shelter
from desaku.people.tests.factories import make_person


@pytest.fixture
def camp(db):
    return Shelter.objects.get(code="camp-assessment")


@pytest.fixture
def person(actors):
    return make_person(actors["penjangkauan"], "Yanto Gepeng", birth_year=1980)


@pytest.fixture
def child(actors):
    return make_person(actors["penjangkauan"], "Rizki Anjal", birth_date=date(2014, 5, 1))
