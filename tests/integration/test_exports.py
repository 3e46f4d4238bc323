"""The ledger workbook opens in LibreOffice; the handbook PDF renders Chinese on a non-blank page."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from application.exports import (
    LEDGER_HEADERS, Handbook, HandbookMilestone, HandbookProblem, HandbookProject, HandbookSecretary, LedgerRow,
    LedgerSheet,
)
from infrastructure.exports.handbook_pdf import ReportlabHandbookWriter
from infrastructure.exports.ledger_xlsx import OpenpyxlLedgerWriter

ROWS = [
    LedgerRow(1, "华润置地（大连）有限公司", "华润万象汇项目建设中需迁移施工红线内树木", "城管执法局", "", date(2026, 4, 22),
              "迁移施工红线内树木已完成", True, date(2026, 4, 14), "已销号"),
    LedgerRow(2, "华润置地（大连）有限公司", "华润万象汇项目建设中需项目地块周边燃气主管改线", "住建局", "自然资源分局",
              date(2026, 4, 22), "专班调度会研究，明确责任分工", False, None, "提级至分管区领导"),
]
SHEET = LedgerSheet("华润万象汇项目工作专班", "华润万象汇项目工作专班问题清单", date(2026, 4, 30), ROWS)
PROJECT = HandbookProject(
    "kp-wanxianghui", "华润万象汇项目", "重点项目", "华润置地（大连）有限公司", "中华路商务区", 3_000_000_000, "建设推进",
    "华润万象汇项目工作专班", [HandbookSecretary("区级", "孙晓东", "营商局", "0411-86650001")],
    [HandbookMilestone("规划许可", date(2026, 5, 15), date(2026, 5, 12), "已按期完成")],
    [HandbookProblem("20260408-ABC123", "项目地块周边燃气主管改线", "住建局", date(2026, 4, 22), "办理中")])


def tool(name: str) -> str:
    """A system tool the exports are checked with; its absence is a failure, never a skip."""
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: apt-get install libreoffice-core libreoffice-calc poppler-utils")
    return found


def test_the_workbook_has_the_cadres_columns_dates_as_dates_and_a_frozen_header(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(OpenpyxlLedgerWriter().write([SHEET, SHEET]))
    book = load_workbook(path)
    assert book.sheetnames == ["华润万象汇项目工作专班", "华润万象汇项目工作专班(2)"]
    sheet = book.worksheets[0]
    assert tuple(c.value for c in sheet[3]) == LEDGER_HEADERS
    assert sheet.freeze_panes == "A4"
    assert sheet["F4"].value.date() == date(2026, 4, 22) and sheet["F4"].number_format == "yyyy-mm-dd"
    assert [sheet["H4"].value, sheet["H5"].value, sheet["I5"].value] == ["是", "否", None]
    assert sheet.column_dimensions["C"].width == 40


def test_the_workbook_opens_in_libreoffice(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(OpenpyxlLedgerWriter().write([SHEET]))
    subprocess.run([tool("soffice"), f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)], check=True, timeout=180,
                   capture_output=True)
    text = subprocess.run([tool("pdftotext"), str(tmp_path / "ledger.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "问题描述" in text and "责任单位" in text and "华润置地" in text


def test_the_handbook_renders_chinese_on_a_page_that_is_not_blank(tmp_path: Path) -> None:
    path = tmp_path / "handbook.pdf"
    path.write_bytes(ReportlabHandbookWriter().write(Handbook("甘井子区重点项目服务手册", date(2026, 11, 20), [PROJECT])))
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run([tool("pdftotext"), str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "华润万象汇项目" in text and "孙晓东" in text and "燃气主管改线" in text
    subprocess.run([tool("pdftoppm"), "-f", "1", "-l", "1", "-r", "50", "-gray", str(path), str(tmp_path / "page")],
                   check=True, timeout=60)
    image = next(tmp_path.glob("page*.pgm")).read_bytes()
    pixels = image.split(b"\n", 3)[3]  # P5 header: magic, size, max value, then one byte per pixel
    dark = sum(1 for value in pixels if value < 200)
    assert dark > 0.005 * len(pixels)


def test_a_project_without_problems_says_so(tmp_path: Path) -> None:
    quiet = HandbookProject("kp-5g", "大连5G创智产业园", "重点项目", "", "革镇堡街道", None, "", "")
    path = tmp_path / "quiet.pdf"
    path.write_bytes(ReportlabHandbookWriter().write(Handbook("手册", date(2026, 11, 20), [quiet])))
    text = subprocess.run([tool("pdftotext"), str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "暂无未解决问题" in text
