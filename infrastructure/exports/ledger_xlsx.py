"""The problem ledger as the .xlsx workbook cadres keep today (openpyxl)."""

from __future__ import annotations

import re
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from application.exports import LEDGER_HEADERS, LedgerRow, LedgerSheet

WIDTHS = (6, 24, 40, 16, 18, 12, 36, 9, 12, 24)
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ROW = 3
DATE_FORMAT = "yyyy-mm-dd"


def sheet_title(title: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "_", title).strip() or "问题清单"
    candidate, n = base[:31], 2
    while candidate in taken:
        suffix = f"({n})"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


class OpenpyxlLedgerWriter:
    """One worksheet per ledger: heading, as-of line, frozen Chinese header row, dates as dates."""

    def write(self, sheets: list[LedgerSheet]) -> bytes:
        """The workbook's bytes."""
        book = Workbook()
        book.remove(book.active)
        taken: set[str] = set()
        for sheet in sheets:
            self._fill(book.create_sheet(sheet_title(sheet.title, taken)), sheet)
        if not sheets:
            book.create_sheet("问题清单")["A1"] = "暂无问题"
        buffer = BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def _fill(self, ws: Worksheet, sheet: LedgerSheet) -> None:
        last = len(LEDGER_HEADERS)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
        ws["A1"] = sheet.heading
        ws["A1"].font = Font(bold=True, size=14)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws["A2"] = f"截至 {sheet.as_of.year}年{sheet.as_of.month}月{sheet.as_of.day}日"
        for column, (header, width) in enumerate(zip(LEDGER_HEADERS, WIDTHS, strict=True), start=1):
            cell = ws.cell(row=HEADER_ROW, column=column, value=header)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.border, cell.alignment = BORDER, Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.column_dimensions[cell.column_letter].width = width
        for offset, row in enumerate(sheet.rows, start=1):
            self._row(ws, HEADER_ROW + offset, row)
        if not sheet.rows:
            ws.cell(row=HEADER_ROW + 1, column=1, value="暂无问题")
        ws.freeze_panes = f"A{HEADER_ROW + 1}"  # the header row stays in view while scrolling
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    @staticmethod
    def _row(ws: Worksheet, number: int, row: LedgerRow) -> None:
        values = (row.number, row.enterprise_name, row.description, row.lead_unit, row.supporting_units, row.due_on,
                  row.progress, "是" if row.resolved else "否", row.resolved_on, row.remarks)
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=number, column=column, value=value)
            cell.border, cell.alignment = BORDER, Alignment(vertical="top", wrap_text=True)
            if column in (6, 9) and value is not None:
                cell.number_format = DATE_FORMAT
