from datetime import date

from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from desaku.core.templatetags.desaku import masked, rupiah


def render(source, **context):
    return Template("{% load desaku %}" + source).render(Context(context))


def test_rupiah_in_indonesian_format():
    with translation.override("id"):
        assert rupiah(1200000) == "Rp1.200.000"
        assert rupiah("900000") == "Rp900.000"
        assert rupiah(1500.5) == "Rp1.500,50"
        assert rupiah(-5000) == "-Rp5.000"
        assert rupiah(None) == "" and rupiah("abc") == ""


def test_dates_in_indonesian_format():
    with translation.override("id"):
        assert render('{{ d|date:"DATE_FORMAT" }}', d=date(2016, 3, 25)) == "25 Maret 2016"
        assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=date(2016, 11, 12)) == "12/11/2016"


def test_numbers_use_dot_grouping():
    with translation.override("id"):
        assert render("{{ n }}", n=83762) == "83.762"


def test_masking_keeps_first_and_last_four():
    assert masked("3573014107900001") == "3573********0001"


@given(st.text(alphabet="0123456789", min_size=9, max_size=20))
def test_masking_never_reveals_the_middle(value):
    shown = masked(value)
    assert len(shown) == len(value)
    assert shown[4:-4] == "*" * (len(value) - 8)
