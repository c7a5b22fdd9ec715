"""The shared letter machinery: numbering, official PDF layout and public QR verification.

Every module that issues a letter (statement letters, hand-over minutes, referral letters, residence
agreements, certificates, recommendation letters) calls ``issue_letter`` for a number and a
verification token, then ``render_pdf`` with its own body template extending
``letters/base_letter.html``. The QR code opens ``/verify/<token>/``, which confirms the number,
date and type without any personal data.
"""

import secrets
from datetime import date

import segno
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from desaku.core.models import Letter, Letterhead, LetterSequence, LetterType

ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def letterhead() -> Letterhead:
    head = Letterhead.objects.filter(active=True).order_by("-id").first()
    if head is None:
        head = Letterhead()
        head.save()
    return head


def _next_sequence(letter_type: LetterType, year: int) -> int:
    key_year = year if letter_type.reset_yearly else 0
    sequence, _ = LetterSequence.objects.select_for_update().get_or_create(letter_type=letter_type, year=key_year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def format_number(letter_type: LetterType, seq: int, issued_on: date, unit: str) -> str:
    return letter_type.number_format.format(
        seq=seq, classification=letter_type.classification, unit=unit, year=issued_on.year,
        month_roman=ROMAN_MONTHS[issued_on.month - 1], code=letter_type.code)


@transaction.atomic
def issue_letter(*, type_code: str, subject: str, by, record=None, issued_on: date | None = None) -> Letter:
    """Take the next number of the letter type (serially, under a row lock) and record the letter."""
    letter_type = LetterType.objects.get(code=type_code, active=True)
    issued_on = issued_on or timezone.localdate()
    seq = _next_sequence(letter_type, issued_on.year)
    letter = Letter(
        letter_type=letter_type, sequence=seq, year=issued_on.year, issued_on=issued_on, subject=subject[:250],
        number=format_number(letter_type, seq, issued_on, letterhead().unit_code),
        verification_token=secrets.token_urlsafe(32), issued_by=by,
    )
    if record is not None:
        from django.contrib.contenttypes.models import ContentType

        letter.content_type = ContentType.objects.get_for_model(record)
        letter.object_id = str(record.pk)
    letter.save_with_reason(by=by, reason=subject)
    return letter


def verification_url(letter: Letter, request=None) -> str:
    path = reverse("letter_verify", args=[letter.verification_token])
    return request.build_absolute_uri(path) if request is not None else path


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=3, border=1)


def render_pdf(*, letter: Letter, template: str, context: dict, request=None, base_url: str | None = None) -> bytes:
    """Render a letter body template (extending letters/base_letter.html) to PDF with WeasyPrint."""
    from weasyprint import HTML

    url = verification_url(letter, request)
    if request is None and base_url:
        url = base_url.rstrip("/") + url
    html = render_to_string(template, {
        **context, "letter": letter, "letterhead": letterhead(), "verify_url": url, "qr": qr_data_uri(url),
    })
    return HTML(string=html, base_url=base_url or (request.build_absolute_uri("/") if request else None)).write_pdf()


@transaction.atomic
def revoke_letter(*, letter: Letter, by, reason: str) -> Letter:
    from django.core.exceptions import ValidationError

    if not reason:
        raise ValidationError({"revoke_reason": "Give the reason for revoking the letter."})
    letter.revoked_at, letter.revoke_reason = timezone.now(), reason
    letter.save_with_reason(by=by, reason=reason)
    return letter


def pdf_response(letter: Letter, filename: str = ""):
    """The stored PDF of an issued letter, shown inline and never cached; 404 when the file is gone.

    The caller checks who may print it and writes the access-log entry."""
    from desaku.core.files import PDF_TYPES, serve_file

    filename = filename or letter.number.replace("/", "-").replace(" ", "") + ".pdf"
    return serve_file(None, letter.pdf, filename=filename, content_types=PDF_TYPES)
