"""An approved shelter disposition "nominated for Desaku Menanti" puts the family on the open round's list."""

import pytest

from desaku.outreach.tests.helpers import admitted, approved
from desaku.people.tests.factories import make_person
from desaku.village.models import Candidate, NominationSource
from desaku.village.tests.helpers import a_round


@pytest.mark.django_db
def test_a_village_disposition_nominates_the_household(actors):
    selection = a_round()
    person = make_person(actors["penjangkauan"], "Yanto Gepeng", birth_year=1980)
    stay = admitted(person, actors["penjangkauan"], worker=actors["peksos"])
    disposition = approved(stay, actors["peksos"], actors["kabid"], kind="village")
    candidate = Candidate.objects.get(round=selection)
    assert candidate.source == NominationSource.SHELTER and candidate.disposition_id == disposition.pk
    assert candidate.household.head == person
    assert candidate.nominated_by == actors["peksos"]


@pytest.mark.django_db
def test_other_dispositions_nominate_nobody(actors):
    a_round()
    person = make_person(actors["penjangkauan"], "Sarip", birth_year=1960)
    stay = admitted(person, actors["penjangkauan"], worker=actors["peksos"])
    approved(stay, actors["peksos"], actors["kabid"])  # absconded
    assert not Candidate.objects.exists()
