"""The social report (laporan sosial) as a numbered, letterheaded, QR-verified PDF (shared letter machinery)."""

from django.core.files.base import ContentFile
from django.db import transaction

from desaku.core import letters
from desaku.diversion.models import SocialReport

LETTER_TYPE = "ABH-LAPSOS"
TEMPLATE = "diversion/letters/social_report.html"


@transaction.atomic
def issue_social_report(*, report: SocialReport, by, base_url: str):
    """Number the report once (re-printing reuses the number and the stored PDF)."""
    report = SocialReport.objects.select_for_update().get(pk=report.pk)
    letter = report.letter
    if letter is None:
        letter = letters.issue_letter(type_code=LETTER_TYPE, subject=f"Laporan sosial {report.abh.number}", by=by,
                                      record=report, issued_on=report.submitted_on)
        report.letter = letter
        report.save_with_reason(by=by, reason=letter.number)
    if not letter.pdf:
        abh = report.abh
        pdf = letters.render_pdf(letter=letter, template=TEMPLATE, base_url=base_url, context={
            "report": report, "abh": abh, "case": abh.case, "person": abh.case.person, "stage": report.stage})
        letter.pdf.save(f"{letter.pk}.pdf", ContentFile(pdf), save=False)
        letter.save_with_reason(by=by, reason="pdf")
    return letter
