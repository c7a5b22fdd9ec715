"""Certificates (piagam) of the Karang Werdha Berprestasi winners: numbered, letterheaded, QR-verified."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from desaku.core import letters

CERTIFICATE_TYPE = "COM-KWB"
TEMPLATE = "community/letters/certificate.html"


@transaction.atomic
def issue_certificate(*, entry, by, base_url: str):
    """Number the certificate once (re-printing reuses the number) and store the PDF with it."""
    from desaku.community.models import AwardEntry, RoundStatus

    entry = AwardEntry.objects.select_for_update().select_related("round", "group").get(pk=entry.pk)
    if entry.round.status != RoundStatus.FINALISED or not entry.is_winner:
        raise ValidationError({"entry": _("Certificates are issued to the winners of a finalised round.")})
    letter = entry.letter
    if letter is None:
        issued_on = entry.round.finalised_at.date() if entry.round.finalised_at else None
        letter = letters.issue_letter(type_code=CERTIFICATE_TYPE, subject=f"Karang Werdha Berprestasi "
                                      f"{entry.round.year} — {entry.group.name}", by=by, record=entry,
                                      issued_on=issued_on)
        entry.letter = letter
        entry.save_with_reason(by=by, reason=letter.number)
    if not letter.pdf:
        pdf = letters.render_pdf(letter=letter, template=TEMPLATE, base_url=base_url,
                                 context={"entry": entry, "round": entry.round, "group": entry.group})
        letter.pdf.save(f"{letter.pk}.pdf", ContentFile(pdf), save=False)
        letter.save_with_reason(by=by, reason="pdf")
    return letter
