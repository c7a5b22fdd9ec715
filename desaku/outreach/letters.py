"""Disposition letters: statement (released with conditions), hand-over minutes (returned to family),
repatriation letter (to the Dinas Sosial of the area of origin). Numbered, letterheaded, QR-verified."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from desaku.core import letters
from desaku.outreach.models import DispositionKind, DispositionStatus

LETTERS = {
    DispositionKind.RELEASED_CONDITIONS: ("OUT-LEPAS", "outreach/letters/released.html"),
    DispositionKind.RETURNED_FAMILY: ("OUT-BAST", "outreach/letters/returned.html"),
    DispositionKind.REPATRIATED: ("OUT-PULANG", "outreach/letters/repatriated.html"),
}


def has_letter(disposition) -> bool:
    return disposition.kind in LETTERS


@transaction.atomic
def issue_disposition_letter(*, disposition, by, base_url: str):
    """Number the letter once (re-printing reuses the number) and store the PDF with it."""
    from desaku.outreach.models import Disposition

    disposition = Disposition.objects.select_for_update().get(pk=disposition.pk)
    if disposition.kind not in LETTERS:
        raise ValidationError({"kind": _("This disposition has no letter.")})
    if disposition.status != DispositionStatus.APPROVED:
        raise ValidationError({"status": _("The letter is issued after the disposition is approved.")})
    type_code, template = LETTERS[disposition.kind]
    letter = disposition.letter
    if letter is None:
        letter = letters.issue_letter(type_code=type_code, subject=f"{disposition.get_kind_display()} — "
                                      f"stay #{disposition.stay_id}", by=by, record=disposition,
                                      issued_on=disposition.decided_on)
        disposition.letter = letter
        disposition.save_with_reason(by=by, reason=letter.number)
    if not letter.pdf:
        stay = disposition.stay
        pdf = letters.render_pdf(letter=letter, template=template, base_url=base_url, context={
            "disposition": disposition, "stay": stay, "person": stay.person,
            "assessment": stay.assessments.order_by("-version").first()})
        letter.pdf.save(f"{letter.pk}.pdf", ContentFile(pdf), save=False)
        letter.save_with_reason(by=by, reason="pdf")
    return letter
