"""Plain tables (the accountability report, the cannot-do ledger) as an .xlsx workbook (openpyxl)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from application.accountability import Table
from infrastructure.exports.ledger_xlsx import DATE_FORMAT, LINE_HEIGHT, put_text, sheet_title, text_units

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ROW = 3
NOTHING = "暂无"


def _lines(values: tuple[object, ...], widths: tuple[int, ...]) -> int:
    """Wrapped lines the row needs: LibreOffice keeps unset rows one line tall and clips the rest."""
    lines = 1
    for value, width in zip(values, widths, strict=True):
        for part in str(value).split("\n") if isinstance(value, str) else ():
            lines = max(lines, -(-text_units(part) // width))
    return lines


class OpenpyxlTableWriter:
    """One sheet per table: heading, note line, frozen Chinese header row, dates as dates, column widths."""

    def write(self, tables: list[Table]) -> bytes:
        """The workbook's bytes."""
        book = Workbook()
        book.remove(book.active)
        taken: set[str] = set()
        for table in tables:
            self._fill(book.create_sheet(sheet_title(table.title, taken)), table)
        buffer = BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def _fill(self, ws: Worksheet, table: Table) -> None:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(table.headers))
        put_text(ws["A1"], table.heading)
        ws["A1"].font = Font(bold=True, size=14)
        ws.row_dimensions[1].height = 24
        put_text(ws["A2"], table.note)
        for column, (header, width) in enumerate(zip(table.headers, table.widths, strict=True), start=1):
            cell = ws.cell(row=HEADER_ROW, column=column)
            put_text(cell, header)
            cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
            cell.border, cell.alignment = BORDER, Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.column_dimensions[cell.column_letter].width = width
        for offset, values in enumerate(table.rows, start=1):
            self._row(ws, HEADER_ROW + offset, values, table.widths)
        if not table.rows:
            ws.cell(row=HEADER_ROW + 1, column=1, value=NOTHING)
        ws.freeze_panes = f"A{HEADER_ROW + 1}"  # the header row stays in view while scrolling
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    @staticmethod
    def _row(ws: Worksheet, number: int, values: tuple[object, ...], widths: tuple[int, ...]) -> None:
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=number, column=column)
            if isinstance(value, str):
                put_text(cell, value)
            else:
                cell.value = value
            cell.border, cell.alignment = BORDER, Alignment(vertical="top", wrap_text=True)
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
        ws.row_dimensions[number].height = _lines(values, widths) * LINE_HEIGHT
