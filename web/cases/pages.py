"""The problem list (问题清单) and the case page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from application.cases import CaseFilter, NotYetLogged
from application.registry import check_credit_code
from application.services import Services
from application.shared import CATEGORIES, CaseStatus, Channel
from application.shared.access import Permission, Principal
from application.shared.errors import NotFound
from web.cases.as_of_pages import render_past_case_page
from web.cases.detail_page import render_case_page
from web.deps import page_allow
from web.shared.page import Page, page_for, query_texts
from web.shared.page_helpers import not_found, page_number, parse_case_id, see_other

router = APIRouter()
Viewer = Annotated[Page, page_for(Permission.VIEW_CASES)]
FILTERS = ("status", "lead_unit", "channel", "category", "uscc", "q")
PER_PAGE = 20
MAX_CREATED_SHOWN = 50


@dataclass(frozen=True)
class CreatedCase:
    """A case just logged, for the success banner."""

    case_id: UUID
    case_no: str
    enterprise_name: str
    category: str
    warnings: tuple[str, ...]


def _created(services: Services, principal: Principal, raw: str) -> list[CreatedCase]:
    """The cases named in ?created=, skipping anything that is not a case."""
    found = []
    for part in raw.split(",")[:MAX_CREATED_SHOWN]:
        case_id = parse_case_id(part.strip())
        if case_id is None:
            continue
        try:
            detail = services.case_queries.get_case(principal, case_id)
        except NotFound:
            continue
        # The credit-code warnings of log_visit are recomputed here, as the redirect cannot carry them.
        warnings = check_credit_code(detail.case.enterprise_uscc).warnings
        found.append(CreatedCase(case_id, detail.case_no, detail.enterprise_name, detail.case.category, warnings))
    return found


@router.get("/", include_in_schema=False)
def home(_: Principal = Depends(page_allow(Permission.VIEW_CASES))) -> RedirectResponse:
    """The start page is the problem list."""
    return see_other("/cases")


@router.get("/cases", response_class=HTMLResponse, summary="问题清单")
def case_list(
    viewer: Viewer, asked: Annotated[dict[str, str], query_texts(*FILTERS, "created", "as_of", page="1")]
) -> HTMLResponse:
    """The cases, filtered and paged, most recently active first; with as_of, as they stood at the end of that day."""
    services, principal = viewer.services, viewer.principal
    filters = {name: asked[name] for name in FILTERS}
    case_filter = CaseFilter(
        status=filters["status"] or None,
        lead_unit=filters["lead_unit"] or None,
        channel=filters["channel"] or None,
        category=filters["category"] or None,
        enterprise_uscc=filters["uscc"].strip().upper() or None,
        text=filters["q"].strip() or None,
        page=page_number(asked["page"]),
        per_page=PER_PAGE,
    )
    as_of, created = asked["as_of"], asked["created"]
    moment = services.cases_as_of.moment(as_of, "as_of") if as_of.strip() else None
    result = (
        services.cases_as_of.list_cases_as_of(principal, case_filter, moment)
        if moment
        else services.case_queries.list_cases(principal, case_filter)
    )
    kept = {k: v for k, v in filters.items() if v}
    paged = {**kept, "as_of": moment.query} if moment else kept
    context = {
        "result": result,
        "past": moment,
        "now_url": f"/cases?{urlencode(kept)}" if kept else "/cases",
        "lights": {
            c.case_id: services.cases_as_of.summary_standing_on(c, moment.day)
            if moment
            else services.board.standing_of(c)
            for c in result.items
        },
        "filters": filters,
        "filtered": bool(kept),
        "prev_url": _page_url(paged, result.page - 1) if result.page > 1 else None,
        "next_url": _page_url(paged, result.page + 1) if result.page < result.pages else None,
        "created": _created(services, principal, created) if created else [],
        "statuses": CaseStatus.choices(),
        "channels": Channel.choices(),
        "categories": [(c, c) for c in CATEGORIES],
        "units": [(u.key, u.name) for u in services.registry_queries.list_units()],
    }
    return viewer.render("case_list.html", context)


def _page_url(kept: dict[str, str], page: int) -> str:
    """The list URL for another page with the same filters."""
    return "/cases?" + urlencode({**kept, "page": page})


@router.get("/cases/{case_id}", response_class=HTMLResponse, summary="问题详情")
def case_detail(case_id: str, viewer: Viewer, at: str = "") -> Response:
    """One case: where it stands (or stood at `at`), what can be done now, and everything that happened."""
    request, services, principal = viewer.request, viewer.services, viewer.principal
    parsed = parse_case_id(case_id)
    if parsed is None:
        return not_found(request)
    try:
        if at.strip():
            return render_past_case_page(request, services, principal, parsed, services.cases_as_of.moment(at))
        return render_case_page(request, services, principal, parsed)
    except NotYetLogged as error:
        return not_found(request, error.message)
    except NotFound:
        return not_found(request)
