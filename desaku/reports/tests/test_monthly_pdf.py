"""The monthly report's PDF renders with the letterhead (WeasyPrint, for real)."""

from datetime import date

from desaku.reports import monthly


def test_pdf_renders(db):
    sections = monthly.sections_for(date(2025, 5, 1))
    pdf = monthly.render_pdf(date(2025, 5, 1), sections)
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
