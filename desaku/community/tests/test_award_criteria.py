"""Criteria weights must add up to exactly 100, and criteria are frozen once scoring opens."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desaku.community import services
from desaku.community.models import AwardCriterion
from desaku.community.tests.helpers import award_round


@pytest.fixture
def draft(actors):
    return award_round(actors["operator"], open_scoring=False)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(weights=st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=6))
def test_criteria_are_saved_only_when_the_weights_add_up_to_100(actors, draft, weights):
    criteria = [{"name": f"K{i}", "weight": w} for i, w in enumerate(weights)]
    if sum(weights) == 100:
        services.set_criteria(award_round=draft, by=actors["operator"], criteria=criteria)
        assert [c.weight for c in draft.criteria.all()] == weights
    else:
        before = list(draft.criteria.values_list("name", "weight"))
        with pytest.raises(ValidationError):
            services.set_criteria(award_round=draft, by=actors["operator"], criteria=criteria)
        assert list(draft.criteria.values_list("name", "weight")) == before


@pytest.mark.django_db
def test_zero_and_duplicate_criteria_are_refused(actors, draft):
    for criteria in ([{"name": "A", "weight": 0}, {"name": "B", "weight": 100}],
                     [{"name": "A", "weight": 50}, {"name": "a", "weight": 50}], []):
        with pytest.raises(ValidationError):
            services.set_criteria(award_round=draft, by=actors["operator"], criteria=criteria)


@pytest.mark.django_db
def test_criteria_are_frozen_once_scoring_opens(actors):
    r = award_round(actors["operator"])
    with pytest.raises(ValidationError):
        services.set_criteria(award_round=r, by=actors["operator"], criteria=[{"name": "Baru", "weight": 100}])
    assert AwardCriterion.objects.filter(round=r).count() == 3


@pytest.mark.django_db
def test_scoring_opens_only_with_groups_jurors_and_a_full_weight(actors):
    r = award_round(actors["operator"], groups=0, jurors=0, open_scoring=False)
    with pytest.raises(ValidationError):
        services.open_scoring(award_round=r, by=actors["operator"])


@pytest.mark.django_db
def test_the_criteria_page_refuses_weights_that_do_not_add_up(actors, draft, client):
    client.force_login(actors["operator"])
    response = client.post(f"/community/awards/{draft.pk}/criteria/",
                           {"name_0": "A", "weight_0": "60", "name_1": "B", "weight_1": "30"})
    assert response.status_code == 200
    assert [c.weight for c in draft.criteria.all()] == [40, 35, 25]
    response = client.post(f"/community/awards/{draft.pk}/criteria/",
                           {"name_0": "A", "weight_0": "70", "name_1": "B", "weight_1": "30"})
    assert response.status_code == 302
    assert [c.weight for c in draft.criteria.all()] == [70, 30]


@pytest.mark.django_db
def test_api_criteria_after_opening_is_a_conflict(actors, client):
    r = award_round(actors["operator"])
    client.force_login(actors["operator"])
    response = client.post(f"/api/v1/award-rounds/{r.pk}/criteria/",
                           {"criteria": [{"name": "A", "weight": 100}]}, content_type="application/json")
    assert response.status_code == 409
