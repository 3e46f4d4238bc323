"""The 中梗阻 report page and the cannot-do ledger page (inspectors and admins)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from application.accountability import (
    HANDLER_LABELS,
    HANDLER_MEASURES,
    HOW_ENDED,
    MEASURES,
    ReportQuery,
    parse_day,
    parse_stall_days,
    period_line,
)
from application.cases import CASE_EVENT_LABELS
from application.shared.access import Permission
from web.shared.page import Page, page_for, query_texts

router = APIRouter()


@router.get("/accountability", response_class=HTMLResponse, summary="中梗阻报表")
def accountability_page(
    page: Annotated[Page, page_for(Permission.VIEW_ACCOUNTABILITY)],
    asked: Annotated[dict[str, str], query_texts("start", "end", "as_of", "stall_days")],
) -> HTMLResponse:
    """Units ranked, each number linked to its cases and events; holdings, handlers, ping-pong cases."""
    query = ReportQuery(
        parse_day(asked["start"], "start", "统计期起始日"),
        parse_day(asked["end"], "end", "统计期截止日"),
        parse_day(asked["as_of"], "as_of", "截至日期"),
        parse_stall_days(asked["stall_days"]),
    )
    report = page.services.accountability.accountability_report(page.principal, query)
    kept = {
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "stall_days": report.stall_days,
        **({"as_of": report.as_of.isoformat()} if report.as_of else {}),
    }
    shown = [u for u in report.units if any(u.entries.values()) or u.holdings]
    return page.render(
        "accountability.html",
        {
            "report": report,
            "shown": shown,
            "measures": MEASURES,
            "handler_measures": HANDLER_MEASURES,
            "handler_labels": {**MEASURES, **HANDLER_LABELS},
            "how_ended": HOW_ENDED,
            "event_names": CASE_EVENT_LABELS,
            "period_line": period_line(report),
            "query": urlencode(kept),
        },
    )


@router.get("/cannot-do", response_class=HTMLResponse, summary="不能办事项台账")
def cannot_do_page(page: Annotated[Page, page_for(Permission.VIEW_ACCOUNTABILITY)], as_of: str = "") -> HTMLResponse:
    """Every case registered as cannot do, with reasons, judgement and who registered it."""
    ledger = page.services.accountability.cannot_do_ledger(page.principal, parse_day(as_of, "as_of", "截至日期"))
    query = urlencode({"as_of": ledger.as_of.isoformat()}) if ledger.as_of else ""
    return page.render("cannot_do.html", {"ledger": ledger, "query": query})
