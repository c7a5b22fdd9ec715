"""The monthly report's PDF renders with the letterhead (WeasyPrint, for real)."""

from datetime import date

from desaku.reports import monthly


def test_pdf_renders(db):
    sections = monthly.sections_for(date(2025, 5, 1))
    pdf = monthly.render_pdf(date(2025, 5, 1), sections)
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000


def test_pdf_has_document_number_and_approval_block(db):
    from desaku.core.letters import letterhead

    head = letterhead()
    head.signatory_name, head.signatory_nip, head.unit_code = "Dra. Penny Indriani", "196805101990032004", "35.73.406"
    head.save()
    html = monthly.pdf_html(date(2025, 5, 1), [], provisional=True)
    assert "400.9/LB-05/35.73.406/2025" in html
    assert "Dra. Penny Indriani" in html and "NIP 196805101990032004" in html
    assert "SEMENTARA" in html
    assert "SEMENTARA" not in monthly.pdf_html(date(2025, 5, 1), [], provisional=False)
