import pytest

from desaku.people.tests.factories import make_person


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def child(actors):
    return make_person(actors["peksos"], "Rizki Anjal", birth_year=2014)


@pytest.fixture
def lks_child(actors):
    return make_person(actors["lks_a"], "Paijo Anjal", birth_year=2012)
