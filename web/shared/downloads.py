"""File downloads: the ledger workbook, the handbook PDF, the accountability tables."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response

from application.projects import Handbook, LedgerSheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def download(content: bytes, media_type: str, filename: str) -> Response:
    """The content as an attachment named filename."""
    # RFC 6266 / 5987: the Chinese-safe filename* plus an ASCII fallback.
    disposition = (
        f"attachment; filename=\"{filename.encode('ascii', 'replace').decode()}\"; filename*=UTF-8''{quote(filename)}"
    )
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


def xlsx_response(request: Request, sheets: list[LedgerSheet], filename: str) -> Response:
    """The ledger workbook as a download."""
    return download(request.app.state.exports.ledger.write(sheets), XLSX, filename)


def pdf_response(request: Request, handbook: Handbook, filename: str) -> Response:
    """The handbook PDF as a download."""
    return download(request.app.state.exports.handbook.write(handbook), PDF, filename)
