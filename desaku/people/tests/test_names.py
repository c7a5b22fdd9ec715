"""Name normalisation for duplicate detection (domain.md §11). Pure functions: no database."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desaku.people.names import (
    COMMON_ELEMENTS,
    HONORIFICS,
    MAX_BLOCKING_KEYS,
    blocking_keys,
    compact_key,
    folded_tokens,
    name_tokens,
    normalise_name,
    split_bin_binti,
    token_weight,
)

# Realistic building blocks, so hypothesis also explores names and not only random unicode.
PARTS = ["Mbah", "Pak", "Bu", "Cak", "H.", "Hj.", "Moch.", "M.", "St.", "Abd.", "Siti", "Nur", "Sri",
         "Tjahjo", "Djoko", "Soeharto", "Achmad", "Choirul", "Hidajat", "Jusuf", "Sutrisno", "Suryanto",
         "Yanto", "Karto", "Aminah", "Rohmah", "bin", "binti", "Slamet", "Nurhasanah", ",", "S.Pd.", "-",
         "'", "Ma'ruf", "José", "ddjj", "Njoman", "Sjarif", "Dzulkifli", "Qomariyah"]
name_like = st.lists(st.sampled_from(PARTS), max_size=6).map(" ".join)
any_text = st.one_of(st.text(max_size=60), name_like)


@pytest.mark.parametrize("old, new", [
    ("Tjahjo", "Cahyo"),
    ("Djoko", "Joko"),
    ("Hidajat", "Hidayat"),
    ("Soeharto", "Suharto"),
    ("Achmad", "Ahmad"),
    ("Choirul", "Khoirul"),
    ("Machmud", "Mahmud"),
    ("Jusuf", "Yusuf"),
    ("Wahjudi", "Wahyudi"),
    ("Sjarif", "Syarif"),
    ("Njoman", "Nyoman"),
    ("Moch. Anton", "Muhammad Anton"),
    ("Mochammad Anton", "Muhammad Anton"),
    ("Muh. Anton", "Muhammad Anton"),
    ("M. Anton", "Muhammad Anton"),
    ("St. Aminah", "Siti Aminah"),
    ("Abd. Rahman", "Abdul Rahman"),
    ("Mbah Karto", "Karto"),
    ("H. Moch. Tjahjo, S.Pd.", "Muhammad Cahyo"),
])
def test_old_spelling_and_abbreviations_normalise_to_the_same_form(old, new):
    assert normalise_name(old) == normalise_name(new)


@pytest.mark.parametrize("text, expected", [
    ("Achmad", "ahmad"),
    ("Choirul", "khoirul"),
    ("Machmud", "mahmud"),
    ("Hidajat", "hidayat"),
    ("Jusuf", "yusuf"),
    ("Tjahjo", "cahyo"),
    ("Djoko", "joko"),
    ("Joko", "joko"),  # a current-spelling j stays j
    ("Soeharto", "suharto"),
    ("  Siti   NUR-Hasanah ", "siti nur hasanah"),
    ("Ma'ruf", "maruf"),
    ("José", "jose"),
    ("Drs. Budi Santoso, S.Pd., M.Si.", "budi santoso"),
    ("Chandra", "candra"),
    ("Budi bin Slamet", "budi bin slamet"),
])
def test_normalise_name_examples(text, expected):
    assert normalise_name(text) == expected


@pytest.mark.parametrize("a, b", [
    ("Nurhasanah", "Nur Hasanah"),
    ("Sutrisna", "Sutrisno"),
    ("Abdurrahman", "Abdul Rahman"),
    ("Sriwahyuni", "Sri Wahyuni"),
    ("Zainal", "Zaenal"),
    ("Khoirul", "Khairul"),
    ("Rizky", "Rizqi"),
    ("Yusuf", "Yusup"),
    ("Fatimah", "Fathimah"),
    ("Hasan", "Hassan"),
    ("Fitriyah", "Fitriah"),
    ("Dzulkifli", "Zulkifli"),
    ("Panji", "Pandji"),  # modern nj is n+j; the fold treats j and y alike
])
def test_variants_share_the_folded_key(a, b):
    assert compact_key(a) == compact_key(b)


def test_folding_is_not_in_the_readable_form():
    assert normalise_name("Khoirul Fatimah") == "khoirul fatimah"
    assert folded_tokens("Khoirul Fatimah") == ["hairul", "patima"]


def test_j_and_y_fold_together_a_documented_trade_off():
    # Old j = y cannot be told from a current j, so the fold merges them (Yuni/Juni too).
    assert compact_key("Yuni") == compact_key("Juni")
    assert normalise_name("Yuni") != normalise_name("Juni")


@pytest.mark.parametrize("a, b", [("Siti Aminah", "Siti Rohmah"), ("Muhammad Rizki", "Muhammad Fajar"),
                                  ("Hartono", "Harsono"), ("Joko", "Eko")])
def test_different_names_keep_different_keys(a, b):
    assert compact_key(a) != compact_key(b)


def test_honorifics_are_removed_only_as_whole_tokens():
    assert name_tokens("Mbah Karto") == ["karto"]
    assert name_tokens("Pak Slamet") == ["slamet"]
    assert name_tokens("Bu Hj. Siti Aminah") == ["siti", "aminah"]
    assert name_tokens("Cak Mas Budi") == ["budi"]
    # Names that begin with an honorific's letters stay whole.
    assert name_tokens("Masruroh") == ["masruroh"]
    assert name_tokens("Budi Hasan") == ["budi", "hasan"]
    assert name_tokens("Ningsih") == ["ningsih"]
    assert name_tokens("Mbah") == []


def test_bin_binti_part_is_the_father():
    assert split_bin_binti(["budi", "bin", "slamet"]) == (["budi"], ["slamet"])
    assert split_bin_binti(["siti", "aminah", "binti", "ahmad", "yusuf"]) == (["siti", "aminah"],
                                                                               ["ahmad", "yusuf"])
    assert split_bin_binti(["budi"]) == (["budi"], [])
    assert name_tokens("Budi bin Slamet") == name_tokens("Budi") == ["budi"]
    assert name_tokens("Aminah bt. Ahmad") == ["aminah"]


def test_common_elements_weigh_less():
    assert {"muhammad", "siti", "sri", "nur", "dwi", "tri", "eko", "abdul", "ahmad"} <= COMMON_ELEMENTS
    assert token_weight("siti") < token_weight("aminah")
    assert token_weight("muhamad") < token_weight("rizki")  # folded form too


def test_blocking_keys_catch_variants_and_nicknames():
    def shared(a, b, aliases_a=()):
        return blocking_keys(a, aliases_a) & blocking_keys(b)

    assert shared("Suryanto", "Yanto")
    assert shared("Sutrisno", "Sutrisna")
    assert shared("Slamet", "Selamet")
    assert shared("Soeharto", "Suharto")
    assert shared("Nurhasanah", "Nur Hasanah")
    assert shared("Setiawan", "Seitawan")  # swapped letters
    assert shared("Mbah Karto", "Karto")
    assert shared("Budi Santoso", "Pak Budi")
    assert shared("Kurniawan", "Wawan", aliases_a=("Wawan",))


def test_blocking_keys_separate_people_sharing_a_common_element():
    assert not blocking_keys("Siti Aminah") & blocking_keys("Siti Rohmah")
    assert not blocking_keys("Muhammad Rizki") & blocking_keys("Muhammad Fajar")


def test_blocking_keys_edge_cases():
    assert blocking_keys("") == set()
    assert blocking_keys("Mbah") == set()
    assert blocking_keys("Siti")  # only common elements: still findable
    keys = blocking_keys("Ahmad Fauzi Hidayat Syaifudin Nasrullah", ["Fauzi", "Dayat", "Udin"])
    assert 0 < len(keys) <= MAX_BLOCKING_KEYS * 4
    assert blocking_keys("Fauzi", ["Dayat"]) & keys


def test_an_alias_does_not_push_out_the_full_names_keys():
    # Searching any token of the full name must still find a person who also has an alias.
    assert blocking_keys("Orang") <= blocking_keys("Orang Pertama", ["Satu"])
    assert blocking_keys("Pertama") <= blocking_keys("Orang Pertama", ["Satu"])


@settings(max_examples=100, deadline=None)
@given(any_text)
def test_normalise_name_is_idempotent_and_never_raises(text):
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert once == once.strip() and "  " not in once
    assert all(ch.isascii() and (ch.isalpha() or ch == " ") for ch in once)


@settings(max_examples=100, deadline=None)
@given(any_text)
def test_tokens_contain_no_honorifics_or_father(text):
    tokens = name_tokens(text)
    assert not set(tokens) & HONORIFICS
    assert "bin" not in tokens and "binti" not in tokens
    assert all(tokens) and all(t == t.lower() for t in tokens)
    folded_tokens(text)
    compact_key(text)


@settings(max_examples=150, deadline=None)
@given(any_text, st.lists(any_text, max_size=3))
def test_blocking_keys_are_deterministic_and_bounded(name, aliases):
    keys = blocking_keys(name, aliases)
    assert keys == blocking_keys(name, list(aliases))
    assert len(keys) <= MAX_BLOCKING_KEYS * (1 + len(aliases))
    assert all(isinstance(k, str) and 0 < len(k) <= 40 for k in keys)
    if not name_tokens(name) and not any(name_tokens(a) for a in aliases):
        assert keys == set()
