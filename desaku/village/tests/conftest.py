import pytest

from desaku.core.models import Role, Scope
from desaku.core.services import create_staff_user


@pytest.fixture
def peksos2(actors):
    """A second Peksos: the initial selection of a household another worker nominated."""
    return create_staff_user(username="t_peksos2", password="Rahasia-2026-abc", roles=[Role.PEKSOS],
                             organisation=actors["peksos"].organisation, data_scope=Scope.OWN)


@pytest.fixture
def lks_org(actors):
    return actors["lks_a"].organisation
