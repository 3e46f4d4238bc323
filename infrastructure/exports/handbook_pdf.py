"""The project handbook (项目手册) as a printable A4 PDF (reportlab), Chinese text embedded."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from application.projects import Handbook, HandbookProject

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
FONT_NAME = "GanxinCJK"
FALLBACK_FONT = "STSong-Light"  # built into reportlab; not embedded, so viewers substitute a Song face
MARGIN = 18 * mm
PAGE_MARGINS = dict.fromkeys(("leftMargin", "rightMargin", "topMargin", "bottomMargin"), MARGIN)  # on every side
DASH = "—"
_registered: list[str] = []
_lock = threading.Lock()


def font_file(candidates: Iterable[str] = FONT_CANDIDATES) -> str | None:
    """The first installed CJK TrueType font among candidates, or None."""
    return next((path for path in candidates if Path(path).is_file()), None)


def cjk_font() -> str:
    """Register a CJK font once per process: an installed TrueType one (embedded), else STSong-Light."""
    with _lock:  # two requests exporting at once must not both register
        if not _registered:
            path = font_file(FONT_CANDIDATES)
            if path:
                # A .ttc holds several faces; the first is the regular one.
                pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
                _registered.append(FONT_NAME)
            else:
                pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
                _registered.append(FALLBACK_FONT)
        return _registered[0]


def money(amount: int | None) -> str:
    """Investment in 亿元 from 1亿 up, else in 万元, to at most two decimals."""
    if amount is None:
        return DASH
    value, unit = (amount / 10**8, "亿元") if abs(amount) >= 10**8 else (amount / 10**4, "万元")
    return f"{value:,.2f}".rstrip("0").rstrip(".") + unit


def day(value: date | None) -> str:
    """A date as 2026-04-22, or a dash."""
    return value.isoformat() if value else DASH


def chinese_date(value: date) -> str:
    """A date as 2026年4月22日."""
    return f"{value.year}年{value.month}月{value.day}日"


def markup(text: str) -> str:
    """Plain text as Paragraph markup: names like "R&D <中心>" must not be read as tags."""
    return escape(text or DASH).replace("\n", "<br/>")


def pdf_bytes(
    story: list[Flowable],
    title: str,
    font: str,
    page: tuple[float, float] = A4,
    footer: tuple[int, float] = (9, 10 * mm),
) -> bytes:
    """The story laid out on pages of this size between the margins, each numbered at its foot (font size, height)."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=page, title=title, author="甘心办", **PAGE_MARGINS)
    size, height = footer

    def page_number(canvas, document):  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.drawCentredString(page[0] / 2, height, f"第 {document.page} 页")
        canvas.restoreState()

    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


class ReportlabHandbookWriter:
    """Title block, then per project: facts, secretaries, milestones, open problems; page numbers below."""

    def write(self, handbook: Handbook) -> bytes:
        """The PDF's bytes."""
        font = cjk_font()
        styles = {
            "title": ParagraphStyle("title", fontName=font, fontSize=20, leading=28, spaceAfter=8, wordWrap="CJK"),
            "h2": ParagraphStyle(
                "h2", fontName=font, fontSize=14, leading=20, spaceBefore=6, spaceAfter=4, wordWrap="CJK"
            ),
            "h3": ParagraphStyle("h3", fontName=font, fontSize=11, leading=16, spaceBefore=6, spaceAfter=2),
            "cell": ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK"),
        }
        story: list[Flowable] = [
            Paragraph(markup(handbook.title), styles["title"]),
            Paragraph(f"截至 {chinese_date(handbook.as_of)}，共 {len(handbook.projects)} 个项目", styles["h3"]),
            Spacer(1, 6 * mm),
        ]
        if not handbook.projects:
            story.append(Paragraph("暂无重点项目", styles["cell"]))
        for index, project in enumerate(handbook.projects):
            if index:
                story.append(PageBreak())  # each project starts a page, so pages can be handed out
            story += self._project(project, styles)
        return pdf_bytes(story, handbook.title, font)

    def _project(self, p: HandbookProject, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
        cell = styles["cell"]
        facts = [
            ["企业", p.enterprise_name],
            ["园区/街道", p.park],
            ["投资额", money(p.investment_cny)],
            ["阶段", p.stage],
            ["工作专班", p.task_force_name],
        ]
        parts: list[Flowable] = [
            Paragraph(markup(f"{p.name}（{p.kind_label}）"), styles["h2"]),
            self._table(facts, cell, (30, 144), header=False),
        ]
        parts.append(Paragraph("服务秘书", styles["h3"]))
        parts.append(
            self._table(
                [["层级", "姓名", "单位", "联系电话"]]
                + [[s.tier_label, s.name, s.unit_name, s.phone] for s in p.secretaries],
                cell,
                (30, 30, 64, 50),
            )
        )
        parts.append(Paragraph("时间表", styles["h3"]))
        parts.append(
            self._table(
                [["节点", "计划日期", "完成日期", "状态"]]
                + [[m.name, day(m.planned_on), day(m.achieved_on), m.state_label] for m in p.milestones],
                cell,
                (64, 30, 30, 50),
            )
        )
        parts.append(Paragraph("未解决问题", styles["h3"]))
        if p.open_problems:
            parts.append(
                self._table(
                    [["编号", "问题", "责任单位", "解决时限", "状态"]]
                    + [[q.case_no, q.description, q.lead_unit, day(q.due_on), q.status_label] for q in p.open_problems],
                    cell,
                    (34, 66, 28, 24, 22),
                )
            )
        else:
            parts.append(Paragraph("暂无未解决问题", cell))
        return parts

    @staticmethod
    def _table(rows: list[list[str]], style: ParagraphStyle, widths: tuple[int, ...], header: bool = True) -> Table:
        # Paragraph cells wrap long Chinese text; widths (mm) add up to the 174 mm between the margins.
        data = [[Paragraph(markup(value), style) for value in row] for row in rows]
        table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1 if header else 0)
        # Shade the header row, or the label column of a facts table.
        shaded = ((0, 0), (-1, 0)) if header else ((0, 0), (0, -1))
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", *shaded, colors.HexColor("#DDEBF7")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return table
