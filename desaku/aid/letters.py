"""Recommendation letters and the signed receipt list of a cycle: numbered, letterheaded, QR-verified
through the shared machinery (desaku.core.letters)."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from desaku.aid.models import LineStatus, RecommendationRequest, RequestKind, RequestStatus
from desaku.aid.services import LETTER_TYPES, RECEIPT_LETTER
from desaku.core import letters

TEMPLATES = {RequestKind.BPJS_PBI: "aid/letters/bpjs_pbi.html", RequestKind.POVERTY: "aid/letters/poverty.html",
             RequestKind.FEE_WAIVER: "aid/letters/fee_waiver.html"}


@transaction.atomic
def issue_request_letter(*, request, by, base_url: str):
    """Number the letter once (re-printing reuses it) and store its PDF."""
    request = RecommendationRequest.objects.select_for_update().select_related("person").get(pk=request.pk)
    if request.status != RequestStatus.APPROVED:
        raise ValidationError({"status": _("The letter is issued after the request is approved.")})
    letter = request.letter
    if letter is None:
        letter = letters.issue_letter(type_code=LETTER_TYPES[request.kind], subject=f"{request.get_kind_display()}"
                                      f" — #{request.pk}", by=by, record=request)
        request.letter = letter
        request.save_with_reason(by=by, reason=letter.number)
    if not letter.pdf:
        pdf = letters.render_pdf(letter=letter, template=TEMPLATES[request.kind], base_url=base_url, context={
            "request": request, "person": request.person})
        letter.pdf.save(f"{letter.pk}.pdf", ContentFile(pdf), save=False)
        letter.save_with_reason(by=by, reason="pdf")
    return letter


@transaction.atomic
def receipt_list_pdf(*, cycle, by, base_url: str) -> bytes:
    """The receipt list to be signed: one number per cycle, rendered afresh with the current payments."""
    from desaku.aid.models import Cycle

    cycle = Cycle.objects.select_for_update().select_related("program").get(pk=cycle.pk)
    if cycle.receipt_letter is None:
        cycle.receipt_letter = letters.issue_letter(type_code=RECEIPT_LETTER, subject=f"{cycle.name}"[:250], by=by,
                                                    record=cycle)
        cycle.save_with_reason(by=by, reason=cycle.receipt_letter.number)
    lines = cycle.lines.exclude(status=LineStatus.CANCELLED).exclude(carried_to__isnull=False).select_related(
        "person__domicile_kelurahan").order_by("person__full_name", "id")
    return letters.render_pdf(letter=cycle.receipt_letter, template="aid/letters/receipts.html", base_url=base_url,
                              context={"cycle": cycle, "lines": lines})
