from datetime import date

import pytest

from desaku.core.models import PPKSCategory
from desaku.outreach import services

pytestmark = pytest.mark.django_db


def test_assessments_are_versioned_and_feed_the_registry(camp, person, actors):
    stay = services.admit(person=person, shelter=camp, by=actors["penjangkauan"], admitted_on=date(2026, 11, 2))
    gepeng = [PPKSCategory.objects.get(number=11), PPKSCategory.objects.get(number=12)]
    first = services.save_assessment(stay=stay, by=actors["peksos"], assessed_on=date(2026, 11, 3),
                                     identity_status="unverified", risk_level="medium", recommendation="returned",
                                     categories=gepeng, needs={"family": "cari keluarga di Pasuruan"},
                                     exploitation_indicators=["debt"], health="batuk")
    second = services.save_assessment(stay=stay, by=actors["peksos"], assessed_on=date(2026, 11, 5),
                                      identity_status="partial", risk_level="low", recommendation="repatriated",
                                      categories=gepeng)
    assert (first.version, second.version) == (1, 2)
    held = set(person.classifications.values_list("category__number", flat=True))
    assert held == {11, 12}
    services.add_opinion(assessment=second, by=actors["peksos"], participant="Bapas", role="PK",
                         opinion="setuju dipulangkan", recommended="repatriated")
    assert second.opinions.count() == 1
