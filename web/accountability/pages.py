"""The 中梗阻 report page and the cannot-do ledger page (inspectors and admins)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from application.accountability import (
    EVENT_NAMES,
    HANDLER_LABELS,
    HANDLER_MEASURES,
    HOW_ENDED,
    MEASURES,
    ReportQuery,
    parse_day,
    parse_stall_days,
    period_line,
)
from application.shared.access import Permission, Principal
from web.deps import ServicesDep, page_allow
from web.templating import render

router = APIRouter()


@router.get("/accountability", response_class=HTMLResponse, summary="中梗阻报表")
def accountability_page(
    request: Request,
    services: ServicesDep,
    start: str = "",
    end: str = "",
    as_of: str = "",
    stall_days: str = "",
    principal: Principal = Depends(page_allow(Permission.VIEW_ACCOUNTABILITY)),
) -> HTMLResponse:
    """Units ranked, each number linked to its cases and events; holdings, handlers, ping-pong cases."""
    query = ReportQuery(
        parse_day(start, "start", "统计期起始日"),
        parse_day(end, "end", "统计期截止日"),
        parse_day(as_of, "as_of", "截至日期"),
        parse_stall_days(stall_days),
    )
    report = services.accountability.accountability_report(principal, query)
    kept = {
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "stall_days": report.stall_days,
        **({"as_of": report.as_of.isoformat()} if report.as_of else {}),
    }
    shown = [u for u in report.units if any(u.entries.values()) or u.holdings]
    return render(
        request,
        "accountability.html",
        {
            "report": report,
            "shown": shown,
            "measures": MEASURES,
            "handler_measures": HANDLER_MEASURES,
            "handler_labels": {**MEASURES, **HANDLER_LABELS},
            "how_ended": HOW_ENDED,
            "event_names": EVENT_NAMES,
            "period_line": period_line(report),
            "query": urlencode(kept),
        },
    )


@router.get("/cannot-do", response_class=HTMLResponse, summary="不能办事项台账")
def cannot_do_page(
    request: Request,
    services: ServicesDep,
    as_of: str = "",
    principal: Principal = Depends(page_allow(Permission.VIEW_ACCOUNTABILITY)),
) -> HTMLResponse:
    """Every case registered as cannot do, with reasons, judgement and who registered it."""
    ledger = services.accountability.cannot_do_ledger(principal, parse_day(as_of, "as_of", "截至日期"))
    query = urlencode({"as_of": ledger.as_of.isoformat()}) if ledger.as_of else ""
    return render(request, "cannot_do.html", {"ledger": ledger, "query": query})
