"""The deadline board page (督办看板): open cases by urgency with their lights."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from application.cases import CaseFilter
from application.shared import CATEGORIES, STREETS
from application.shared.access import Permission
from web.shared.page import Page, page_for, query_texts
from web.shared.page_helpers import page_number

router = APIRouter()
PER_PAGE = 50
FILTERS = ("lead_unit", "task_force", "street", "category")


@router.get("/board", response_class=HTMLResponse, summary="督办看板")
def deadline_board(
    viewer: Annotated[Page, page_for(Permission.VIEW_CASES)],
    asked: Annotated[dict[str, str], query_texts(*FILTERS, "as_of", page="1")],
) -> HTMLResponse:
    """Open cases most urgent first, with counts per light, filtered by unit, task force, street, category."""
    services, principal, as_of = viewer.services, viewer.principal, asked["as_of"]
    filters = {name: asked[name] for name in FILTERS}
    number = page_number(asked["page"])
    board_filter = CaseFilter(
        **{name: value or None for name, value in filters.items()}, page=number, per_page=PER_PAGE
    )
    moment = services.cases_as_of.moment(as_of, "as_of") if as_of.strip() else None
    result = (
        services.cases_as_of.deadline_board_as_of(principal, board_filter, moment)
        if moment
        else services.board.deadline_board(principal, board_filter)
    )
    kept = {k: v for k, v in filters.items() if v}
    paged = {**kept, "as_of": moment.query} if moment else kept
    return viewer.render(
        "board.html",
        {
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
