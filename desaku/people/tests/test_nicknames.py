"""The nickname table (nicknames.py): scoring, blocking and the real duplicate check."""

import random
from itertools import product

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desaku.people import demo, nicknames, selectors, services
from desaku.people.matching import DEFAULT_THRESHOLD, Candidate, score
from desaku.people.names import blocking_keys, fold_token, folded_tokens, normalise_name
from desaku.people.nicknames import NICKNAMES, is_nickname_pair, lookup_keys, pairs
from desaku.people.tests.factories import make_person

FEMALE = {"Khadijah", "Fatimah", "Aisyah", "Aminah", "Endang"}
PAIRS = pairs()
TOKENS = sorted({t for pair in PAIRS for t in pair})
UNRELATED = [(a, b) for a, b in product(TOKENS, TOKENS)
             if a != b and fold_token(normalise_name(a)) != fold_token(normalise_name(b))
             and not is_nickname_pair(fold_token(normalise_name(a)), fold_token(normalise_name(b)))]


def person(name, year=1980, sex="L", **kw):
    return Candidate(full_name=name, birth_year=year, birth_date_quality="approximate", sex=sex, **kw)


def codes(match) -> set[str]:
    return {r.code for r in match.reasons}


# --- the table ------------------------------------------------------------------------------------

def test_table_entries_are_single_tokens_that_normalise():
    for formal, nicks in NICKNAMES.items():
        for name in (formal, *nicks):
            assert len(normalise_name(name).split()) == 1, name
        assert nicks and len(set(nicks)) == len(nicks), formal


def test_pairs_are_related_in_both_directions():
    def f(name):
        return fold_token(normalise_name(name))

    for formal, nick in PAIRS:
        if f(formal) != f(nick):
            assert is_nickname_pair(f(formal), f(nick)) and is_nickname_pair(f(nick), f(formal))
    assert is_nickname_pair(f("Yusuf"), f("Ucup"))
    assert is_nickname_pair(f("Jusup"), f("Ucup"))  # any spelling the normaliser equates
    assert not is_nickname_pair(f("Ucup"), f("Usup"))  # two nicknames of one name are not a pair
    assert nicknames.nicknames_of("Jusuf") == NICKNAMES["Yusuf"]


# --- scoring -------------------------------------------------------------------------------------

@pytest.mark.parametrize("formal, nick", [("Yusuf", "Ucup"), ("Muhammad", "Mamad"), ("Slamet", "Memet"),
                                          ("Kurniawan", "Wawan"), ("Hidayat", "Yayat")])
def test_examples_of_the_audit_score_as_possible_duplicates(formal, nick):
    m = score(person(formal), person(nick))
    assert m.score >= DEFAULT_THRESHOLD, m.reasons
    assert m.score < 0.9  # strong, not certain: the nickname alone does not make it "likely"
    label = next(r.label for r in m.reasons if r.code == "nickname_match")
    assert label.startswith(f"Nama panggilan cocok ({formal} ↔ {nick})")


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(PAIRS), st.booleans(), st.integers(1940, 2015), st.booleans())
def test_a_nickname_pair_with_the_same_birth_year_is_a_possible_duplicate(pair, flip, year, exact):
    formal, nick = pair
    sex = "P" if formal in FEMALE else "L"
    quality = "exact" if exact else "approximate"
    a = Candidate(full_name=formal, birth_year=year, birth_date_quality=quality, sex=sex)
    b = Candidate(full_name=nick, birth_year=year, birth_date_quality=quality, sex=sex)
    a, b = (b, a) if flip else (a, b)
    m = score(a, b)
    assert m.score >= DEFAULT_THRESHOLD, (formal, nick, m.reasons)
    assert codes(m) & {"nickname_match", "similar_name", "same_name"}
    # Blocking: the later record's lookup keys meet the earlier record's stored keys.
    assert lookup_keys(b.full_name) & blocking_keys(a.full_name), (formal, nick)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(UNRELATED), st.sampled_from(["", " Santoso", " bin Slamet"]))
def test_unrelated_names_get_no_nickname_credit(pair, tail):
    a, b = pair
    m = score(person(a + tail), person(b + tail))
    assert "nickname_match" not in codes(m), (a, b, m.reasons)
    assert not any("panggilan" in r.label for r in m.reasons)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="abcdeghijkmnoprstuwy ", max_size=20), st.text(alphabet="abcdeghijkmnoprstuwy ", max_size=20))
def test_nickname_reason_only_for_a_table_pair(a, b):
    m = score(person(a), person(b))
    if "nickname_match" in codes(m):
        assert any(is_nickname_pair(t, u) for t in folded_tokens(a) for u in folded_tokens(b))


def test_unrelated_mononyms_stay_unlikely():
    for a, b in [("Bambang", "Ucup"), ("Hendra", "Wawan"), ("Yusuf", "Mamat"), ("Ibrahim", "Acan")]:
        m = score(person(a), person(b))
        assert m.score < DEFAULT_THRESHOLD, (a, b, m.reasons)


def test_a_nickname_does_not_outweigh_a_far_birth_year_and_a_different_mother():
    a = person("Yusuf", 1950, mother_name="Painah")
    b = person("Ucup", 1990, mother_name="Sainem")
    assert score(a, b).score < DEFAULT_THRESHOLD


def test_nickname_as_alias_and_in_a_longer_name():
    assert "nickname_match" in codes(score(person("Yusuf Santoso"), person("Ucup Santoso")))
    m = score(person("Bambang", aliases=("Ucup",)), person("Yusuf"))
    assert m.score >= DEFAULT_THRESHOLD
    assert any(r.code == "nickname_match" and "alias" in r.label for r in m.reasons)


# --- blocking ------------------------------------------------------------------------------------

def test_lookup_keys_add_the_related_names_keys_only():
    assert lookup_keys("Budi Santoso") == blocking_keys("Budi Santoso")  # no table entry: unchanged
    assert blocking_keys("Yusuf") <= lookup_keys("Ucup")
    assert blocking_keys("Ucup") <= lookup_keys("Yusuf")
    # A common element is expanded only when it is the whole name.
    assert lookup_keys("Muhammad Rizki") == blocking_keys("Muhammad Rizki") | blocking_keys("Kiki")
    assert blocking_keys("Mamad") <= lookup_keys("Muhammad")


# --- the real duplicate check ----------------------------------------------------------------------

@pytest.mark.django_db
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair=st.sampled_from(PAIRS), flip=st.booleans(), year=st.integers(1945, 2010))
def test_duplicate_check_finds_a_nickname_pair(actors, pair, flip, year):
    formal, nick = pair
    stored, entered = (nick, formal) if flip else (formal, nick)
    sex = "P" if formal in FEMALE else "L"
    with transaction.atomic():
        rng = random.Random(year)
        for _ in range(8):  # a small registry around it, some with the same birth year
            other = demo.person_name(rng, sex, year)[0]
            if not ({fold_token(t) for t in normalise_name(other).split()}
                    & {fold_token(t) for t in normalise_name(f"{formal} {nick}").split()}):
                make_person(actors["peksos"], other, sex=sex, birth_year=year + rng.choice([0, 1, 7]))
        existing = make_person(actors["peksos"], stored, sex=sex, birth_year=year)
        with pytest.raises(services.PossibleDuplicates) as caught:
            services.register_person(by=actors["peksos"], data={"full_name": entered, "sex": sex,
                                                                 "birth_year": year})
        found = {p.pk: s for p, s, _reasons in caught.value.report.matches}
        assert existing.pk in found, (stored, entered)
        assert found[existing.pk] >= DEFAULT_THRESHOLD
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_search_by_nickname_finds_the_formal_name(actors):
    yusuf = make_person(actors["peksos"], "Yusuf Santoso", birth_year=1975)
    make_person(actors["peksos"], "Bambang Santoso", birth_year=1975)
    result = selectors.search_persons(actors["peksos"], "Ucup")
    assert result.persons and result.persons[0] == yusuf


def test_demo_data_uses_the_table():
    assert demo.NICKNAMES is NICKNAMES
    rng = random.Random(1)
    assert {demo.nickname_of("Yusuf", rng) for _ in range(20)} <= set(NICKNAMES["Yusuf"])
