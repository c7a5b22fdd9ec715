"""The referral letter (Surat Rujukan): numbered, letterheaded, QR-verified by the shared machinery."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from desaku.cases.models import Referral, ReferralStatus
from desaku.core import letters

LETTER_TYPE = "CASE-RUJUK"
TEMPLATE = "cases/letters/referral.html"


@transaction.atomic
def issue_referral_letter(*, referral: Referral, by, base_url: str):
    """Number the letter once (re-printing reuses the number) and store the PDF with it."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status == ReferralStatus.DRAFT:
        raise ValidationError({"status": _("The letter is issued when the referral is sent.")})
    letter = referral.letter
    if letter is None:
        letter = letters.issue_letter(type_code=LETTER_TYPE, subject=f"Rujukan #{referral.pk}", by=by,
                                      record=referral, issued_on=referral.sent_on)
        referral.letter = letter
        referral.save_with_reason(by=by, reason=letter.number)
    if not letter.pdf:
        case = referral.case
        pdf = letters.render_pdf(letter=letter, template=TEMPLATE, base_url=base_url, context={
            "referral": referral, "case": case, "person": case.person,
            "assessment": case.assessments.order_by("-version").first()})
        letter.pdf.save(f"{letter.pk}.pdf", ContentFile(pdf), save=False)
        letter.save_with_reason(by=by, reason="pdf")
    return letter
