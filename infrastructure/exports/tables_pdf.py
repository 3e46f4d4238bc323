"""Plain tables (the accountability report) as a landscape A4 PDF (reportlab), Chinese text embedded."""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from application.accountability import Table
from infrastructure.exports.handbook_pdf import MARGIN, cjk_font, markup, pdf_bytes

PAGE = landscape(A4)
USABLE_MM = (PAGE[0] - 2 * MARGIN) / mm


def _text(value: object) -> str:
    if value is None:
        return "—"
    return value.isoformat() if isinstance(value, date) else str(value)


class ReportlabTableWriter:
    """A title, then each table with its heading and note; the header row repeats on every page."""

    def write(self, title: str, tables: list[Table]) -> bytes:
        """The PDF's bytes."""
        font = cjk_font()
        styles = {
            "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=24, spaceAfter=6, wordWrap="CJK"),
            "h2": ParagraphStyle(
                "h2", fontName=font, fontSize=13, leading=18, spaceBefore=8, spaceAfter=3, wordWrap="CJK"
            ),
            "note": ParagraphStyle("note", fontName=font, fontSize=8, leading=11, spaceAfter=3, wordWrap="CJK"),
            "cell": ParagraphStyle("cell", fontName=font, fontSize=7, leading=9, wordWrap="CJK"),
        }
        story: list[Flowable] = [Paragraph(markup(title), styles["title"])]
        for table in tables:
            story += [
                Paragraph(markup(table.heading), styles["h2"]),
                Paragraph(markup(table.note), styles["note"]),
                self._table(table, styles["cell"]),
                Spacer(1, 4 * mm),
            ]
        return pdf_bytes(story, title, font, PAGE, footer=(8, 8 * mm))

    @staticmethod
    def _table(table: Table, style: ParagraphStyle) -> Flowable:
        if not table.rows:
            return Paragraph("暂无", style)
        # The sheet's character widths, scaled to the page between the margins.
        scale = USABLE_MM / sum(table.widths)
        data = [[Paragraph(markup(_text(v)), style) for v in row] for row in [table.headers, *table.rows]]
        pdf_table = PdfTable(data, colWidths=[w * scale * mm for w in table.widths], repeatRows=1)
        pdf_table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return pdf_table
