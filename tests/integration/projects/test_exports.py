"""The ledger workbook opens in LibreOffice; the handbook PDF renders Chinese on a non-blank page."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from application.projects.exports import (
    LEDGER_HEADERS,
    Handbook,
    HandbookMilestone,
    HandbookProblem,
    HandbookProject,
    HandbookSecretary,
    LedgerRow,
    LedgerSheet,
)
from infrastructure.exports.handbook_pdf import ReportlabHandbookWriter, font_file, money
from infrastructure.exports.ledger_xlsx import OpenpyxlLedgerWriter

ROOT = Path(__file__).resolve().parents[3]
ROWS = [
    LedgerRow(
        1,
        "华润置地（大连）有限公司",
        "华润万象汇项目建设中需迁移施工红线内树木",
        "区城市管理局",
        "",
        date(2026, 4, 22),
        "迁移施工红线内树木已完成",
        True,
        date(2026, 4, 14),
        "已销号",
    ),
    LedgerRow(
        2,
        "华润置地（大连）有限公司",
        "华润万象汇项目建设中需项目地块周边燃气主管改线",
        "区住房和城乡建设局",
        "自然资源分局、区城市管理局",
        date(2026, 4, 28),
        "专班调度会研究，明确责任分工",
        False,
        None,
        "提级至分管区领导",
    ),
]
SHEET = LedgerSheet("华润万象汇项目工作专班", "华润万象汇项目工作专班问题清单", date(2026, 4, 30), ROWS)
OTHER = LedgerSheet("恒基项目工作专班", "恒基项目工作专班问题清单", date(2026, 4, 30), [])
PROJECT = HandbookProject(
    "kp-wanxianghui",
    "华润万象汇项目",
    "重点项目",
    "华润置地（大连）有限公司",
    "中华路商务区",
    3_000_000_000,
    "建设推进",
    "华润万象汇项目工作专班",
    [
        HandbookSecretary("区级", "孙晓东", "区营商环境建设局", "0411-86650001"),
        HandbookSecretary("街道", "李婷", "中华路街道办事处", "0411-86650002"),
    ],
    [
        HandbookMilestone("规划许可", date(2026, 5, 15), date(2026, 5, 12), "已完成"),
        HandbookMilestone("主体封顶", date(2026, 10, 30), None, "未到期"),
    ],
    [
        HandbookProblem(
            "20260408-ABC123",
            "华润万象汇项目建设中需项目地块周边燃气主管改线，涉及三家管线产权单位协调" * 2,
            "区住房和城乡建设局",
            date(2026, 4, 28),
            "办理中",
        )
    ],
)
QUIET = HandbookProject("kp-5g", "大连5G创智产业园", "重点项目", "", "革镇堡街道", None, "", "")


def tool(name: str, *alternatives: str) -> str:
    """A system tool the exports are checked with; its absence is a failure, never a skip."""
    found = next((path for path in map(shutil.which, (name, *alternatives)) if path), None)
    if not found:
        pytest.fail(
            f"{name} is missing: apt-get install -y --no-install-recommends "
            "libreoffice-core libreoffice-calc poppler-utils fonts-wqy-zenhei",
            pytrace=False,
        )
    return found


def converted(path: Path, kind: str) -> Path:
    """The file converted by headless LibreOffice (pdf, csv) next to it; its absence is a failure."""
    # Own profile: parallel runs would otherwise fight over ~/.config/libreoffice.
    done = subprocess.run(
        [
            tool("soffice", "libreoffice"),
            f"-env:UserInstallation=file://{path.parent}/lo-profile",
            "--headless",
            "--convert-to",
            kind,
            "--outdir",
            str(path.parent),
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    result = path.with_suffix(f".{kind}")
    assert result.is_file(), f"LibreOffice made no {kind.upper()}: {done.stdout}{done.stderr}"
    return result


def pdf_text(path: Path) -> str:
    """The PDF's text as poppler extracts it."""
    return subprocess.run(
        [tool("pdftotext"), str(path), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout


def handbook_pdf(tmp_path: Path, handbook: Handbook, name: str = "handbook.pdf") -> Path:
    """The handbook written to a file."""
    path = tmp_path / name
    path.write_bytes(ReportlabHandbookWriter().write(handbook))
    return path


def workbook(*sheets: LedgerSheet) -> Workbook:
    """The ledger workbook as openpyxl reads it back."""
    return load_workbook(BytesIO(OpenpyxlLedgerWriter().write(list(sheets))))


@pytest.fixture(scope="module")
def ledger_as_pdf(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The two-sheet ledger converted by headless LibreOffice, as text: the only (slow) soffice run."""
    folder = tmp_path_factory.mktemp("libreoffice")
    path = folder / "ledger.xlsx"
    path.write_bytes(OpenpyxlLedgerWriter().write([SHEET, OTHER]))
    return pdf_text(converted(path, "pdf"))


def test_the_workbook_has_the_cadres_columns_dates_as_dates_and_a_frozen_header() -> None:
    sheet = workbook(SHEET).worksheets[0]
    assert sheet.title == "华润万象汇项目工作专班"
    assert sheet["A1"].value == SHEET.heading and sheet["A1"].font.b and "A1:J1" in sheet.merged_cells
    assert sheet["A2"].value == "截至 2026年4月30日"
    assert tuple(c.value for c in sheet[3]) == LEDGER_HEADERS and all(c.font.b for c in sheet[3])
    assert sheet.freeze_panes == "A4"
    assert [sheet["A4"].value, sheet["A5"].value] == [1, 2]
    for ref, expected in (("F4", date(2026, 4, 22)), ("F5", date(2026, 4, 28)), ("I4", date(2026, 4, 14))):
        assert isinstance(sheet[ref].value, datetime) and sheet[ref].value.date() == expected
        assert sheet[ref].number_format == "yyyy-mm-dd"
    assert sheet["I5"].value is None
    assert [sheet["H4"].value, sheet["H5"].value] == ["是", "否"]
    assert sheet["C5"].alignment.wrap_text
    # 配合单位 of row 5 needs two lines at width 18; LibreOffice would clip it at the default height.
    assert sheet.row_dimensions[5].height >= 2 * sheet.row_dimensions[4].height
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJ"}
    assert widths == {"A": 6, "B": 24, "C": 40, "D": 16, "E": 18, "F": 12, "G": 36, "H": 9, "I": 12, "J": 24}


def test_the_workbook_prints_landscape_one_page_wide_with_the_header_on_every_page() -> None:
    sheet = workbook(SHEET).worksheets[0]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$3:$3"


def test_sheet_titles_follow_excels_rules() -> None:
    forbidden = LedgerSheet("专班[1]:问题*清单?/甲\\乙", "h", date(2026, 4, 30))
    long = LedgerSheet("大连市甘井子区华润万象汇商业综合体项目建设推进工作专班问题清单", "h", date(2026, 4, 30))
    book = workbook(SHEET, OTHER, forbidden, long, SHEET, long)
    assert len(book.worksheets) == 6
    assert book.sheetnames[:3] == ["华润万象汇项目工作专班", "恒基项目工作专班", "专班_1__问题_清单__甲_乙"]
    assert book.sheetnames[3] == long.title[:31]
    assert book.sheetnames[4] == "华润万象汇项目工作专班(2)"
    assert book.sheetnames[5] == long.title[:28] + "(2)"
    assert all(len(name) <= 31 for name in book.sheetnames)


def test_an_empty_workbook_says_there_are_no_problems() -> None:
    book = workbook()
    assert len(book.worksheets) == 1 and book.worksheets[0]["A1"].value == "暂无问题"
    assert workbook(OTHER).worksheets[0]["A4"].value == "暂无问题"


def test_text_is_never_a_formula_and_stray_control_characters_are_dropped() -> None:
    row = LedgerRow(
        1,
        "华润置地\x0b（大连）",
        '=HYPERLINK("http://evil.example","点击")',
        "区城市管理局",
        "",
        None,
        "",
        False,
        None,
        "",
    )
    sheet = workbook(LedgerSheet("专班", "=1+1", date(2026, 4, 30), [row])).worksheets[0]
    assert (sheet["C4"].value, sheet["C4"].data_type) == ('=HYPERLINK("http://evil.example","点击")', "s")
    assert (sheet["A1"].value, sheet["A1"].data_type) == ("=1+1", "s")
    assert sheet["B4"].value == "华润置地（大连）"


def test_the_workbook_opens_in_libreoffice(ledger_as_pdf: str) -> None:
    text = ledger_as_pdf
    assert "问题描述" in text and "责任单位" in text and "华润置地" in text
    assert "华润万象汇项目工作专班问题清单" in text and "恒基项目工作专班问题清单" in text


def dark_share(pgm: bytes) -> float:
    """The share of pixels darker than 200 in a binary (P5) greyscale image."""
    magic, width, height, _maxval, pixels = pgm.split(maxsplit=4)  # header fields, then one byte per pixel
    assert magic == b"P5"
    pixels = pixels[: int(width) * int(height)]
    return sum(1 for value in pixels if value < 200) / len(pixels)


def test_the_handbook_renders_chinese_on_a_page_that_is_not_blank(tmp_path: Path) -> None:
    path = handbook_pdf(tmp_path, Handbook("甘井子区重点项目服务手册", date(2026, 4, 30), [PROJECT, QUIET]))
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    assert "甘井子区重点项目服务手册" in text and "截至 2026年4月30日，共 2 个项目" in text
    assert "华润万象汇项目（重点项目）" in text and "孙晓东" in text and "李婷" in text
    joined = "".join(text.split())  # table cells wrap; poppler also drops the spaces around page numbers
    assert "30亿元" in text and "周边燃气主管改线，涉及三家管线产权单位" in joined and "2026-05-12" in text
    assert "第1页" in joined and "第2页" in joined
    subprocess.run(
        [tool("pdftoppm"), "-f", "1", "-l", "1", "-r", "50", "-gray", str(path), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    assert dark_share(next(tmp_path.glob("page*.pgm")).read_bytes()) > 0.005


def test_a_project_without_problems_says_so(tmp_path: Path) -> None:
    assert "暂无未解决问题" in pdf_text(handbook_pdf(tmp_path, Handbook("手册", date(2026, 4, 30), [QUIET])))


def test_an_empty_handbook_is_still_a_pdf(tmp_path: Path) -> None:
    path = handbook_pdf(tmp_path, Handbook("甘井子区重点项目服务手册", date(2026, 4, 30)))
    assert path.read_bytes().startswith(b"%PDF")
    assert "共 0 个项目" in pdf_text(path)


def test_names_with_markup_characters_are_printed_as_written(tmp_path: Path) -> None:
    odd = HandbookProject("kp-rd", "研发<中心> & 实验室", "重点项目", "R&D <b>有限公司", "", 12_345_678, "", "")
    text = pdf_text(handbook_pdf(tmp_path, Handbook("手册 <草稿>", date(2026, 4, 30), [odd])))
    assert "研发<中心> & 实验室" in text and "R&D <b>有限公司" in text and "手册 <草稿>" in text


def test_investments_read_in_yi_or_wan_yuan() -> None:
    assert [money(3_000_000_000), money(1_234_567_890), money(12_345_678), money(5_000), money(None)] == [
        "30亿元",
        "12.35亿元",
        "1,234.57万元",
        "0.5万元",
        "—",
    ]


def test_without_a_cjk_font_file_the_handbook_falls_back_to_reportlabs_stsong(tmp_path: Path) -> None:
    assert font_file([str(tmp_path / "missing.ttc")]) is None
    # A fresh process: fonts are registered once per process, so this one's choice is already made.
    script = (
        "import sys, datetime\n"
        "import infrastructure.exports.handbook_pdf as h\n"
        "from application.projects.exports import Handbook\n"
        "h.FONT_CANDIDATES = ()\n"
        "pdf = h.ReportlabHandbookWriter().write(Handbook('手册', datetime.date(2026, 4, 30)))\n"
        "sys.stdout.buffer.write(pdf)\n"
    )
    pdf = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True, timeout=60).stdout
    assert pdf.startswith(b"%PDF") and b"STSong-Light" in pdf
