"""Plain tables (the accountability report, the cannot-do ledger) as an .xlsx workbook (openpyxl)."""

from __future__ import annotations

from datetime import date

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from application.accountability import Table
from infrastructure.exports.ledger_xlsx import (
    DATE_FORMAT,
    HEADER_ROW,
    put_headers,
    put_row,
    put_text,
    set_up_printing,
    workbook_bytes,
    workbook_of,
)

NOTHING = "暂无"


class OpenpyxlTableWriter:
    """One sheet per table: heading, note line, frozen Chinese header row, dates as dates, column widths."""

    def write(self, tables: list[Table]) -> bytes:
        """The workbook's bytes."""
        return workbook_bytes(workbook_of(tables, self._fill))

    def _fill(self, ws: Worksheet, table: Table) -> None:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(table.headers))
        put_text(ws["A1"], table.heading)
        ws["A1"].font = Font(bold=True, size=14)
        ws.row_dimensions[1].height = 24
        put_text(ws["A2"], table.note)
        put_headers(ws, table.headers, table.widths)
        for offset, values in enumerate(table.rows, start=1):
            cells = put_row(ws, HEADER_ROW + offset, values, table.widths)
            for cell, value in zip(cells, values, strict=True):
                if isinstance(value, date):
                    cell.number_format = DATE_FORMAT
        if not table.rows:
            ws.cell(row=HEADER_ROW + 1, column=1, value=NOTHING)
        set_up_printing(ws)
