"""Formula-like text in the .xlsx exports stays text, with Excel's quote prefix so an edit cannot make it a formula."""

from __future__ import annotations

import csv
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from application.accountability.tables import Table
from application.projects.exports import LedgerRow, LedgerSheet
from infrastructure.exports.ledger_xlsx import OpenpyxlLedgerWriter
from infrastructure.exports.tables_xlsx import OpenpyxlTableWriter
from tests.integration.projects.test_exports import converted

FORMULA_LIKE = ["=1+1", "+1+2", "-1+3", "@SUM(1,4)", "\t=1+5", "\r=1+6", '=HYPERLINK("http://evil.example","点击")']
PLAIN = ["需迁移施工红线内树木", "1+1=2", "a-b"]


def ledger(texts: list[str]) -> bytes:
    rows = [
        LedgerRow(n, text, text, "区城市管理局", "", None, text, False, None, text)
        for n, text in enumerate(texts, start=1)
    ]
    return OpenpyxlLedgerWriter().write([LedgerSheet("专班", "=2+2", date(2026, 4, 30), rows)])


def tables(texts: list[str]) -> bytes:
    rows = [(n, text, text) for n, text in enumerate(texts, start=1)]
    table = Table("中梗阻", "=3+3", ("序号", "=单位", "原因"), (6, 20, 20), rows, note="-截至")
    return OpenpyxlTableWriter().write([table])


@pytest.mark.parametrize("write", [ledger, tables])
def test_formula_like_text_is_a_quote_prefixed_text_cell_and_other_text_is_left_alone(write) -> None:
    sheet = load_workbook(BytesIO(write(FORMULA_LIKE + PLAIN))).worksheets[0]
    text_cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    risky = [cell for cell in text_cells if cell.value[:1] in "=+-@\t\r\n"]
    assert len(risky) >= 2 * len(FORMULA_LIKE) + 1  # the rows' cells and the heading at least
    for cell in risky:
        assert (cell.data_type, cell.quotePrefix) == ("s", True), (cell.coordinate, cell.value)
    for cell in text_cells:
        if cell.value[:1] not in "=+-@\t\r\n":
            assert not cell.quotePrefix, (cell.coordinate, cell.value)
    assert {cell.value for cell in risky} >= {text.replace("\r", "\n") for text in FORMULA_LIKE}  # XML reads CR as LF


def test_libreoffice_shows_the_text_not_a_computed_value(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(ledger(FORMULA_LIKE[:4]))
    table = converted(path, "csv")
    rows = list(csv.reader(table.read_text(encoding="utf-8").splitlines()))
    assert rows[0][0] == "=2+2"
    descriptions = [row[2] for row in rows[3:7]]
    assert descriptions == FORMULA_LIKE[:4]
