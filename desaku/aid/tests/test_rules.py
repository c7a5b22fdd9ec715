"""The rule evaluator: pure functions, tested with examples and with hypothesis properties."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from desaku.aid import rules as R

CATEGORIES = ["PPKS-01", "PPKS-07", "PPKS-08", "PPKS-12"]
SEVERITIES = ["light", "moderate", "severe"]
PROGRAMS = ["aspd", "aslut", "pksa"]

facts_strategy = st.builds(
    R.Facts, alive=st.booleans(), age=st.one_of(st.none(), st.integers(0, 110)),
    categories=st.frozensets(st.sampled_from(CATEGORIES)), severities=st.frozensets(st.sampled_from(SEVERITIES)),
    kelurahan_code=st.one_of(st.none(), st.sampled_from(["35.73.02.1004", "35.07.01.2001"])),
    decile=st.one_of(st.none(), st.integers(1, 10)), enrolled=st.frozensets(st.sampled_from(PROGRAMS)))


@st.composite
def age_rule(draw):
    low = draw(st.one_of(st.none(), st.integers(0, 100)))
    high = draw(st.one_of(st.none(), st.integers(low or 0, 110)))
    if low is None and high is None:
        low = 0
    return {"rule": "age", "min": low, "max": high}


rule_strategy = st.one_of(
    st.just({"rule": "alive"}), st.just({"rule": "domicile_malang"}),
    st.lists(st.sampled_from(CATEGORIES), min_size=1, unique=True).map(lambda c: {"rule": "ppks", "categories": c}),
    age_rule(),
    st.lists(st.sampled_from(SEVERITIES), min_size=1, unique=True).map(
        lambda s: {"rule": "disability", "severities": s}),
    st.integers(1, 10).map(lambda n: {"rule": "decile_max", "max": n}),
    st.lists(st.sampled_from(PROGRAMS), min_size=1, unique=True).map(
        lambda p: {"rule": "not_enrolled", "programs": p}))
rules_strategy = st.lists(rule_strategy, max_size=7, unique_by=lambda r: r["rule"])


def passes(rule, facts) -> bool:
    """An independent statement of each rule, to check the evaluator against."""
    name = rule["rule"]
    if name == "alive":
        return facts.alive
    if name == "domicile_malang":
        return bool(facts.kelurahan_code) and facts.kelurahan_code.startswith("35.73.")
    if name == "ppks":
        return any(c in facts.categories for c in rule["categories"])
    if name == "age":
        return facts.age is not None and (rule["min"] is None or facts.age >= rule["min"]) and (
            rule["max"] is None or facts.age <= rule["max"])
    if name == "disability":
        return any(s in facts.severities for s in rule["severities"])
    if name == "decile_max":
        return facts.decile is not None and facts.decile <= rule["max"]
    return not any(p in facts.enrolled for p in rule["programs"])


@settings(max_examples=300, deadline=None)
@given(rules=rules_strategy, facts=facts_strategy)
def test_each_failed_rule_is_named_once_with_a_reason(rules, facts):
    failures = R.evaluate(rules, facts)
    expected = [r["rule"] for r in rules if not passes(r, facts)]
    assert [f.rule for f in failures] == expected
    assert all(f.reason.strip() for f in failures)


@settings(max_examples=200, deadline=None)
@given(rules=rules_strategy, extra=rule_strategy, facts=facts_strategy)
def test_adding_a_rule_never_makes_someone_eligible(rules, extra, facts):
    if any(r["rule"] == extra["rule"] for r in rules):
        return
    before = {f.rule for f in R.evaluate(rules, facts)}
    after = {f.rule for f in R.evaluate([*rules, extra], facts)}
    assert before <= after


@settings(max_examples=200, deadline=None)
@given(rules=rules_strategy)
def test_valid_rule_lists_pass_the_schema_and_read_as_a_sentence(rules):
    assert R.validate(rules) == rules
    text = R.describe(rules)
    assert text.endswith(".") and text


def test_no_rules_everyone_is_eligible():
    assert R.evaluate([], R.Facts(alive=False)) == []


def test_a_dead_person_fails_alive_with_a_reason():
    [failure] = R.evaluate([{"rule": "alive"}], R.Facts(alive=False))
    assert failure.rule == "alive"


@pytest.mark.parametrize("rules", [
    [{"rule": "unknown"}],
    [{"rule": "age"}],
    [{"rule": "age", "min": 60, "max": 18}],
    [{"rule": "decile_max", "max": 11}],
    [{"rule": "ppks", "categories": []}],
    [{"rule": "alive"}, {"rule": "alive"}],
    [{"rule": "disability", "severities": ["terrible"]}],
    {"rule": "alive"},
])
def test_invalid_rules_are_refused(rules):
    with pytest.raises(ValidationError):
        R.validate(rules)
