"""The project handbook (项目手册) as a printable A4 PDF (reportlab), Chinese text embedded."""

from __future__ import annotations

import threading
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from application.exports import Handbook, HandbookProject

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
FONT_NAME = "GanxinCJK"
_registered: list[str] = []
_lock = threading.Lock()


def cjk_font() -> str:
    """Register a CJK font once: an installed TrueType one (embedded), else reportlab's built-in STSong."""
    with _lock:
        if not _registered:
            path = next((p for p in FONT_CANDIDATES if Path(p).is_file()), None)
            if path:
                pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
                _registered.append(FONT_NAME)
            else:
                pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
                _registered.append("STSong-Light")
        return _registered[0]


def money(amount: int | None) -> str:
    """Investment in 亿元 or 万元."""
    if amount is None:
        return "—"
    return f"{amount / 1e8:g}亿元" if amount >= 10**8 else f"{amount / 1e4:g}万元"


def day(value) -> str:  # type: ignore[no-untyped-def]
    """A date or a dash."""
    return value.isoformat() if value else "—"


class ReportlabHandbookWriter:
    """Title block, then per project: facts, secretaries, milestones, open problems; page numbers below."""

    def write(self, handbook: Handbook) -> bytes:
        """The PDF's bytes."""
        font = cjk_font()
        styles = {
            "title": ParagraphStyle("title", fontName=font, fontSize=20, leading=28, spaceAfter=8),
            "h2": ParagraphStyle("h2", fontName=font, fontSize=14, leading=20, spaceBefore=6, spaceAfter=4),
            "h3": ParagraphStyle("h3", fontName=font, fontSize=11, leading=16, spaceBefore=6, spaceAfter=2),
            "cell": ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK"),
        }
        buffer = BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                                bottomMargin=18 * mm, title=handbook.title)
        story = [Paragraph(handbook.title, styles["title"]),
                 Paragraph(f"截至 {handbook.as_of:%Y年%m月%d日}，共 {len(handbook.projects)} 个项目", styles["h3"]),
                 Spacer(1, 6 * mm)]
        for index, project in enumerate(handbook.projects):
            if index:
                story.append(PageBreak())
            story += self._project(project, styles)

        def footer(canvas, document):  # type: ignore[no-untyped-def]
            canvas.setFont(font, 9)
            canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {document.page} 页")

        doc.build(story, onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()

    def _project(self, p: HandbookProject, styles: dict) -> list:
        cell = styles["cell"]
        facts = [["企业", p.enterprise_name or "—"], ["园区/街道", p.park or "—"], ["投资额", money(p.investment_cny)],
                 ["阶段", p.stage or "—"], ["工作专班", p.task_force_name or "—"]]
        parts = [Paragraph(f"{p.name}（{p.kind_label}）", styles["h2"]), self._table(facts, cell, (30, 144))]
        parts.append(Paragraph("服务秘书", styles["h3"]))
        parts.append(self._table([["层级", "姓名", "单位", "联系电话"]] + [[s.tier_label, s.name, s.unit_name, s.phone]
                                                                   for s in p.secretaries], cell, (30, 30, 64, 50)))
        parts.append(Paragraph("时间表", styles["h3"]))
        parts.append(self._table([["节点", "计划日期", "完成日期", "状态"]] + [
            [m.name, day(m.planned_on), day(m.achieved_on), m.state_label] for m in p.milestones], cell, (64, 30, 30, 50)))
        parts.append(Paragraph("未解决问题", styles["h3"]))
        if p.open_problems:
            parts.append(self._table([["编号", "问题", "责任单位", "解决时限", "状态"]] + [
                [q.case_no, q.description, q.lead_unit, day(q.due_on), q.status_label] for q in p.open_problems],
                cell, (30, 70, 28, 24, 22)))
        else:
            parts.append(Paragraph("暂无未解决问题", cell))
        return parts

    @staticmethod
    def _table(rows: list[list[str]], style: ParagraphStyle, widths: tuple[int, ...]) -> Table:
        data = [[Paragraph(str(value), style) for value in row] for row in rows]
        table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return table
