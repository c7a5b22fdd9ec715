"""The shared letter machinery: numbers, PDF layout, public verification without personal data."""

from datetime import date

import pytest
from django.urls import reverse

from desaku.core import letters
from desaku.core.models import Letter, LetterType

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter_type(db):
    kind = LetterType(code="TEST", name="Surat Keterangan Uji", classification="460",
                      number_format="{seq:03d}/{classification}/{unit}/{month_roman}/{year}")
    kind.save()
    return kind


def test_numbers_follow_the_scheme_and_restart_each_year(letter_type, actors):
    first = letters.issue_letter(type_code="TEST", subject="uji", by=actors["peksos"], issued_on=date(2026, 3, 5))
    second = letters.issue_letter(type_code="TEST", subject="uji", by=actors["peksos"], issued_on=date(2026, 11, 2))
    next_year = letters.issue_letter(type_code="TEST", subject="uji", by=actors["peksos"], issued_on=date(2027, 1, 4))
    assert first.number == "001/460/35.73.406/III/2026"
    assert second.number == "002/460/35.73.406/XI/2026"
    assert next_year.number == "001/460/35.73.406/I/2027"


def test_numbering_without_yearly_reset(letter_type, actors):
    letter_type.reset_yearly = False
    letter_type.number_format = "{code}-{seq:05d}"
    letter_type.save()
    letters.issue_letter(type_code="TEST", subject="a", by=actors["peksos"], issued_on=date(2026, 12, 31))
    later = letters.issue_letter(type_code="TEST", subject="b", by=actors["peksos"], issued_on=date(2027, 1, 1))
    assert later.number == "TEST-00002"


def test_pdf_has_the_letterhead_number_and_qr(letter_type, actors):
    letter = letters.issue_letter(type_code="TEST", subject="uji", by=actors["peksos"])
    pdf = letters.render_pdf(letter=letter, template="letters/base_letter.html", context={},
                             base_url="https://desaku.example")
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 2000


def test_public_verification_shows_number_date_type_only(client, letter_type, actors):
    letter = letters.issue_letter(type_code="TEST", subject="Rujukan untuk Budi Santoso", by=actors["peksos"])
    response = client.get(reverse("letter_verify", args=[letter.verification_token]))
    html = response.content.decode()
    assert response.status_code == 200
    assert letter.number in html and "Surat Keterangan Uji" in html
    assert "Budi" not in html and "t_peksos" not in html


def test_unknown_and_revoked_letters(client, letter_type, actors):
    assert client.get(reverse("letter_verify", args=["nope"])).status_code == 404
    letter = letters.issue_letter(type_code="TEST", subject="x", by=actors["peksos"])
    letters.revoke_letter(letter=letter, by=actors["kabid"], reason="salah tulis")
    response = client.get(reverse("letter_verify", args=[letter.verification_token]))
    assert response.context["letter"].revoked_at is not None
    assert Letter.objects.get(pk=letter.pk).revoke_reason == "salah tulis"
