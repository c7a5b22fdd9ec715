"""Structural NIK checks (domain.md §3), with hypothesis over generated NIKs."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from desaku.people.nik import check_nik, check_no_kk

TODAY = date(2026, 11, 27)


def make_nik(region="357301", born=date(1990, 7, 1), female=False, serial=1):
    day = born.day + (40 if female else 0)
    return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def test_valid_nik_decodes_sex_and_birth_date():
    result = check_nik("3573014107900001", today=TODAY)
    assert result.valid and result.sex == "P" and result.birth_date == date(1990, 7, 1)
    assert result.warnings == []


def test_separators_are_ignored():
    assert check_nik("3573 0141 0790 0001", today=TODAY).number == "3573014107900001"
    assert check_nik("35.73.01-410790-0001", today=TODAY).valid


def test_wrong_length_or_letters_are_rejected():
    for raw in ("357301410790000", "35730141079000011", "3573O14107900001", ""):
        assert not check_nik(raw, today=TODAY).valid


def test_impossible_birth_date_is_rejected():
    assert not check_nik("3573013102900001", today=TODAY).valid  # 31 February
    assert not check_nik("3573017213900001", today=TODAY).valid  # 32 + 40, month 13


def test_serial_zero_and_zero_region_are_rejected():
    assert not check_nik("3573014107900000", today=TODAY).valid
    assert not check_nik("3500014107900001", today=TODAY).valid


def test_unknown_region_is_a_warning_not_an_error():
    result = check_nik("9973014107900001", today=TODAY)
    assert result.valid
    assert [code for code, _ in result.warnings] == ["nik_region_unknown"]


def test_sex_and_birth_date_disagreement_are_warnings():
    result = check_nik("3573014107900001", sex="L", birth_date=date(1991, 7, 1), birth_date_quality="exact",
                       today=TODAY)
    assert result.valid
    assert {code for code, _ in result.warnings} == {"nik_sex_mismatch", "nik_birth_date_mismatch"}


def test_approximate_year_far_off_is_a_warning():
    result = check_nik("3573014107900001", sex="P", birth_year=1970, today=TODAY)
    assert [code for code, _ in result.warnings] == ["nik_birth_year_mismatch"]
    assert check_nik("3573014107900001", sex="P", birth_year=1988, today=TODAY).warnings == []


@given(born=st.dates(min_value=date(1930, 1, 1), max_value=TODAY), female=st.booleans(),
       serial=st.integers(min_value=1, max_value=9999))
def test_generated_niks_round_trip(born, female, serial):
    result = check_nik(make_nik(born=born, female=female, serial=serial), today=TODAY)
    assert result.valid, result.errors
    assert result.sex == ("P" if female else "L")
    # Two-digit years are ambiguous across a century; the true date is one of the readings.
    assert result.birth_date.replace(year=born.year) == born and result.birth_date.year % 100 == born.year % 100
    assert check_nik(make_nik(born=born, female=female, serial=serial), sex="P" if female else "L",
                     birth_date=born, birth_date_quality="exact", today=TODAY).warnings == []


@given(st.text(max_size=40))
def test_check_never_raises(raw):
    result = check_nik(raw, today=TODAY)
    assert result.valid == (not result.errors)


def test_no_kk():
    assert check_no_kk("3573011203150005", today=TODAY).valid
    assert not check_no_kk("35730112031500", today=TODAY).valid
    assert [c for c, _ in check_no_kk("9973011203150005", today=TODAY).warnings] == ["kk_region_unknown"]
