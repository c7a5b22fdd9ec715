"""The initial selection's score: the points of the items met; the required items decide on their own."""

from hypothesis import given
from hypothesis import strategies as st

from desaku.village.models import CHECKLIST
from desaku.village.services import score_checklist

KEYS = [key for key, *_rest in CHECKLIST]


@given(st.fixed_dictionaries({key: st.booleans() for key in KEYS}))
def test_score_and_missing_items(checklist):
    score, missing = score_checklist(checklist)
    assert 0 <= score <= 100
    assert score == sum(points for key, _label, points, _required in CHECKLIST if checklist[key])
    assert set(missing) == {key for key, _label, _points, required in CHECKLIST if required and not checklist[key]}
    if not missing:
        assert score >= 70  # meeting every required item is always enough to pass


def test_everything_met_scores_100():
    assert score_checklist(dict.fromkeys(KEYS, True)) == (100, [])
