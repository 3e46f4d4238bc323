"""The problem ledger as the .xlsx workbook cadres keep today (openpyxl)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from io import BytesIO
from typing import Protocol, TypeVar

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from application.projects import LEDGER_HEADERS, LedgerRow, LedgerSheet

T = TypeVar("T", bound="Titled")

# Column widths in characters; a Chinese character is about two, so these fit the text cadres write.
WIDTHS = (6, 24, 40, 16, 18, 12, 36, 9, 12, 24)
DATE_COLUMNS = (6, 9)  # 解决时限, 办结时间
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ROW = 3
LINE_HEIGHT = 16  # points per wrapped line at the default 11-point font, with room for CJK glyphs
DATE_FORMAT = "yyyy-mm-dd"
FIRST_WIDE_CHARACTER = 0x2E80  # CJK radicals onward: a character takes about two width units, a Latin one one
MAX_TITLE = 31
EMPTY_TITLE = "问题清单"
NO_PROBLEMS = "暂无问题"
# First characters that make Excel or LibreOffice read typed text as a formula (or a DDE/command call).
FORMULA_STARTS = frozenset("=+-@\t\r\n")  # a stored CR is read back as LF (XML line ends)


def sheet_title(title: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, no edge apostrophe, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "_", ILLEGAL_CHARACTERS_RE.sub("", title)).strip().strip("'").strip()
    base = base or EMPTY_TITLE
    candidate, n = base[:MAX_TITLE], 2
    # Excel compares sheet names case-insensitively; openpyxl would otherwise rename behind our back.
    while candidate.casefold() in taken:
        suffix = f"({n})"
        candidate, n = base[: MAX_TITLE - len(suffix)] + suffix, n + 1
    taken.add(candidate.casefold())
    return candidate


def cell_text(value: str) -> str:
    """Text as a worksheet accepts it: control characters pasted from Word would make openpyxl refuse the file."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def put_text(cell, value: str) -> None:  # type: ignore[no-untyped-def]
    """Set text as a text cell; text a spreadsheet would read as a formula also gets Excel's quote prefix.

    A string cell is never computed as it stands, but editing it in Excel (F2, Enter) re-reads what is
    typed: the quote prefix (the cell style's quotePrefix, shown as a leading ' only while editing) keeps
    it text then too, without changing the text itself.
    """
    text = cell_text(value)
    cell.value = text
    cell.data_type = "s"
    if text[:1] in FORMULA_STARTS:
        cell.quotePrefix = True


def row_height(values: tuple[object, ...], widths: tuple[int, ...]) -> float:
    """Points a row needs for its wrapped text: LibreOffice keeps unset rows one line tall and clips the rest."""
    lines = 1
    for value, width in zip(values, widths, strict=True):
        for part in str(value).split("\n") if isinstance(value, str) else ():
            lines = max(lines, -(-text_units(part) // width))
    return lines * LINE_HEIGHT


def text_units(text: str) -> int:
    """The width a line of text takes, in column width units."""
    return sum(2 if ord(char) >= FIRST_WIDE_CHARACTER else 1 for char in text)


class Titled(Protocol):
    """What gets a sheet of its own: a ledger, a table."""

    @property
    def title(self) -> str:
        """The sheet's name before Excel's rules are applied."""


def workbook_of(items: Sequence[T], fill: Callable[[Worksheet, T], None]) -> Workbook:
    """A workbook with a sheet per item, under a title Excel accepts and unique in the book, filled by `fill`."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for item in items:
        fill(book.create_sheet(sheet_title(item.title, taken)), item)
    return book


def workbook_bytes(book: Workbook) -> bytes:
    """The saved .xlsx file."""
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def put_headers(ws: Worksheet, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    """The bold, shaded, centred header row at HEADER_ROW, and each column's width."""
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=HEADER_ROW, column=column)
        put_text(cell, header)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        cell.border, cell.alignment = BORDER, Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = width


def put_row(ws: Worksheet, number: int, values: tuple[object, ...], widths: tuple[int, ...]) -> list[Cell]:
    """A bordered row of values wrapped at the top of their cells (text kept as text), tall enough for its lines."""
    cells = []
    for column, value in enumerate(values, start=1):
        cell = ws.cell(row=number, column=column)
        if isinstance(value, str):
            put_text(cell, value)
        else:
            cell.value = value
        cell.border, cell.alignment = BORDER, Alignment(vertical="top", wrap_text=True)
        cells.append(cell)
    ws.row_dimensions[number].height = row_height(values, widths)
    return cells


def set_up_printing(ws: Worksheet) -> None:
    """Landscape, one page wide; the header row stays in view while scrolling and is repeated on every page."""
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def as_of_line(as_of: date) -> str:
    """截至 YYYY年M月D日, the way the district writes dates."""
    return f"截至 {as_of.year}年{as_of.month}月{as_of.day}日"


class OpenpyxlLedgerWriter:
    """One worksheet per ledger: heading, as-of line, frozen Chinese header row, dates as dates."""

    def write(self, sheets: list[LedgerSheet]) -> bytes:
        """The workbook's bytes: one sheet per ledger, or one saying 暂无问题 when there are none."""
        book = workbook_of(sheets, self._fill)
        if not sheets:
            book.create_sheet(EMPTY_TITLE)["A1"] = NO_PROBLEMS
        return workbook_bytes(book)

    def _fill(self, ws: Worksheet, sheet: LedgerSheet) -> None:
        last = len(LEDGER_HEADERS)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
        put_text(ws["A1"], sheet.heading)
        ws["A1"].font = Font(bold=True, size=16)
        ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.row_dimensions[1].height = 30
        ws["A2"] = as_of_line(sheet.as_of)
        put_headers(ws, LEDGER_HEADERS, WIDTHS)
        for offset, row in enumerate(sheet.rows, start=1):
            self._row(ws, HEADER_ROW + offset, row)
        if not sheet.rows:
            ws.cell(row=HEADER_ROW + 1, column=1, value=NO_PROBLEMS)
        set_up_printing(ws)
        ws.page_setup.paperSize = ws.PAPERSIZE_A4

    def _row(self, ws: Worksheet, number: int, row: LedgerRow) -> None:
        values = (
            row.number,
            row.enterprise_name,
            row.description,
            row.lead_unit,
            row.supporting_units,
            row.due_on,
            row.progress,
            "是" if row.resolved else "否",
            row.resolved_on,
            row.remarks,
        )
        for column, cell in enumerate(put_row(ws, number, values, WIDTHS), start=1):
            if column in DATE_COLUMNS:
                cell.number_format = DATE_FORMAT
                cell.alignment = Alignment(horizontal="center", vertical="top")
            elif column in (1, 8):  # 序号 and 是否办结 read better centred
                cell.alignment = Alignment(horizontal="center", vertical="top")
