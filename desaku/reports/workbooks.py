"""Excel workbooks of figures: one sheet per figure, with a title block (the official layout)."""

import io

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.reports.listexport import cell


def figures_workbook(*, title: str, subtitle: str, sections, filters_text: str = "") -> bytes:
    """``sections``: (figure, result, comparison-or-None). Every cell goes through ``cell`` (no formulas)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    book = Workbook()
    summary = book.active
    summary.title = _("Summary")[:31]
    summary.append([cell(settings.DESAKU_ORGANISATION_NAME)])
    summary.append([cell(title)])
    summary.append([cell(subtitle)])
    if filters_text:
        summary.append([cell(filters_text)])
    summary.append([cell(_("Generated at")), cell(timezone.now())])
    summary.append([])
    summary.append([cell(_("Figure")), cell(_("Now")), cell(_("Previous period")), cell(_("Same period last year")),
                    cell(_("Definition"))])
    header_row = summary.max_row
    for item in summary[header_row]:
        item.font = Font(bold=True)
    for row in (1, 2):
        summary.cell(row=row, column=1).font = Font(bold=True, size=13)
    for index, (figure, result, comparison) in enumerate(sections, start=1):
        comparison = comparison or {}
        summary.append([cell(figure.title), cell(comparison.get("current", figure.headline(result))),
                        cell(comparison.get("previous")), cell(comparison.get("last_year")),
                        cell(figure.doc_url)])
        sheet = book.create_sheet(f"{index:02d} {figure.key}"[:31])
        sheet.append([cell(figure.title)])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append([cell(subtitle)])
        sheet.append([])
        sheet.append([cell(c) for c in result.columns])
        for item in sheet[sheet.max_row]:
            item.font = Font(bold=True)
            item.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            item.alignment = Alignment(wrap_text=True)
        for row in result.rows:
            sheet.append([cell(v) for v in row])
            for item in sheet[sheet.max_row]:
                item.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        if result.note:
            sheet.append([])
            sheet.append([cell(result.note)])
        sheet.append([cell(_("Definition")), cell(figure.doc_url)])
        sheet.column_dimensions["A"].width = 48
        for letter in "BCDE":
            sheet.column_dimensions[letter].width = 18
    summary.column_dimensions["A"].width = 55
    for letter in "BCD":
        summary.column_dimensions[letter].width = 16
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
