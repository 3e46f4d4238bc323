"""The deadline board page (督办看板): open cases by urgency with their lights."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from application.cases import CaseFilter
from application.shared import CATEGORIES, STREETS
from application.shared.access import Permission, Principal
from web.deps import ServicesDep, page_allow
from web.shared.page_helpers import page_number
from web.templating import render

router = APIRouter()
PER_PAGE = 50


@router.get("/board", response_class=HTMLResponse, summary="督办看板")
def deadline_board(
    request: Request,
    services: ServicesDep,
    lead_unit: str = "",
    task_force: str = "",
    street: str = "",
    category: str = "",
    page: str = "1",
    as_of: str = "",
    principal: Principal = Depends(page_allow(Permission.VIEW_CASES)),
) -> HTMLResponse:
    """Open cases most urgent first, with counts per light, filtered by unit, task force, street, category."""
    filters = {"lead_unit": lead_unit, "task_force": task_force, "street": street, "category": category}
    number = page_number(page)
    board_filter = CaseFilter(
        lead_unit=lead_unit or None,
        task_force=task_force or None,
        street=street or None,
        category=category or None,
        page=number,
        per_page=PER_PAGE,
    )
    moment = services.cases_as_of.moment(as_of, "as_of") if as_of.strip() else None
    result = (
        services.cases_as_of.deadline_board_as_of(principal, board_filter, moment)
        if moment
        else services.board.deadline_board(principal, board_filter)
    )
    kept = {k: v for k, v in filters.items() if v}
    paged = {**kept, "as_of": moment.query} if moment else kept
    return render(
        request,
        "board.html",
        {
            "actor": principal.actor,
            "board": result,
            "filters": filters,
            "filtered": bool(kept),
            "past": moment,
            "now_url": f"/board?{urlencode(kept)}" if kept else "/board",
            "today": moment.day if moment else services.store.today(),
            "prev_url": f"/board?{urlencode({**paged, 'page': number - 1})}" if number > 1 else None,
            "next_url": f"/board?{urlencode({**paged, 'page': number + 1})}" if number < result.page.pages else None,
            "units": [(u.key, u.name) for u in services.registry_queries.list_units()],
            "task_forces": [(t.key, t.name) for t in services.registry_queries.list_task_forces()],
            "streets": [(s, s) for s in STREETS],
            "categories": [(c, c) for c in CATEGORIES],
        },
    )
