"""The bimonthly service-star page (双月项目服务之星): the ranking with its breakdown, and the leader's choice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response

from application.projects import WEIGHTS, Measures, Period, Ranking, StarEntry, check_period
from application.services import Services
from application.shared import DomainError, InvalidValue
from application.shared.access import Permission
from web.idempotency import form_idempotency_key
from web.shared.page import Page, Posted, page_for, post_for
from web.shared.page_helpers import parse_day, saved, texts

router = APIRouter()


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


# Each measure of the score in the order the README documents them: (name in WEIGHTS, label, shown value).
MEASURES: tuple[tuple[str, str, Callable[[Measures], str]], ...] = (
    ("logged", "新登记问题数", lambda m: str(m.logged)),
    ("resolved", "办结问题数", lambda m: str(m.resolved)),
    ("on_time_share", "按期办结率", lambda m: _percent(m.on_time_share)),
    ("satisfaction_share", "满意率", lambda m: _percent(m.satisfaction_share)),
    ("milestones_met", "按期完成节点数", lambda m: str(m.milestones_met)),
    ("average_days", "平均办结用时（工作日）", lambda m: f"{m.average_days:.1f}"),
)
COUNTED_FOR = {"logged": "新登记", "resolved": "已办结", "on_time": "按期", "satisfied": "满意"}


@dataclass(frozen=True)
class StarRow:
    """One secretary's line of the ranking, ready to show: each measure with its part of the score."""

    entry: StarEntry
    project_names: list[str]
    cells: list[tuple[str, str]]  # (value, signed part of the score) per MEASURES
    cases: list[tuple[str, str, str]]  # (case_no, description, what it counted for in Chinese)


def last_complete_bimonth(today: date) -> Period:
    """The last two-month period (Jan–Feb, Mar–Apr, …) that ended before today."""
    current_start = date(today.year, (today.month - 1) // 2 * 2 + 1, 1)
    end = current_start - timedelta(days=1)
    return Period(date(end.year, end.month - 1, 1), end)  # end.month is even, so end.month - 1 ≥ 1


def formula_text() -> str:
    """The documented score spelled out from WEIGHTS, so the page never disagrees with the code."""
    terms = []
    for name, label, _ in MEASURES:
        weight = WEIGHTS[name]
        sign = "−" if weight < 0 else "＋"
        terms.append(f"{sign} {label} × {abs(weight):g}")
    return "总分 = " + " ".join(terms).removeprefix("＋ ")


def _rows(services: Services, ranking: Ranking) -> list[StarRow]:
    keys = tuple(sorted({key for e in ranking.entries for key in e.projects}))
    names = services.project_views.project_names(keys) if keys else {}
    return [
        StarRow(
            entry=e,
            project_names=[names.get(key, key) for key in e.projects],
            cells=[(show(e.measures), f"{e.parts[name]:+.2f}") for name, _, show in MEASURES],
            cases=[
                (c.case_no, c.description, "、".join(COUNTED_FOR.get(r, r) for r in c.counted_for)) for c in e.cases
            ],
        )
        for e in ranking.entries
    ]


def _period(start: str, end: str, today: date) -> Period:
    """The period asked for; the last complete two months when neither day is given."""
    if not start.strip() and not end.strip():
        return last_complete_bimonth(today)
    return check_period(parse_day(start, "start", "开始日期"), parse_day(end, "end", "结束日期"))


def _page(
    page: Page, start: str, end: str, *, failure: DomainError | None = None, chosen: tuple[list[str], str] = ([], "")
) -> HTMLResponse:
    """The ranking page, or the form alone with the message when the period itself is refused."""
    services, principal = page.services, page.principal
    messages, status, ranking = [], failure.status if failure else 200, None
    try:
        period = _period(start, end, services.store.today())
        ranking = services.service_stars.star_ranking(principal, period)
        start, end = period.start.isoformat(), period.end.isoformat()
    except InvalidValue as error:
        messages.append(error.message)
        status = error.status
    if failure is not None and failure.message not in messages:
        messages.insert(0, failure.message)
    return page.render(
        "service_stars.html",
        {
            "start": start.strip(),
            "end": end.strip(),
            "messages": messages,
            "ranking": ranking,
            "rows": _rows(services, ranking) if ranking else [],
            "measures": [label for _, label, _ in MEASURES],
            "formula": formula_text(),
            "can_choose": bool(
                ranking
                and ranking.entries
                and ranking.award is None
                and principal.dispatch_all
                and principal.can(Permission.CHOOSE_STARS)
            ),
            "chosen": chosen[0],
            "note": chosen[1],
        },
        status_code=status,
    )


@router.get("/service-stars", response_class=HTMLResponse, summary="服务之星")
def service_stars(
    page: Annotated[Page, page_for(Permission.VIEW_STAR_RANKING)], start: str = "", end: str = ""
) -> HTMLResponse:
    """The ranking of a period (default: the last complete two months), with each score's breakdown."""
    return _page(page, start, end)


@router.post("/service-stars", summary="评定服务之星", dependencies=[Depends(form_idempotency_key)])
def choose_service_stars(posted: Annotated[Posted, post_for(Permission.CHOOSE_STARS)]) -> Response:
    """Record the chosen stars, then show the period again; a refusal keeps what was ticked and typed."""
    start, end = posted.text("start"), posted.text("end")
    stars, note = texts(posted.form, "stars"), posted.text("note")
    try:
        period = check_period(parse_day(start, "start", "开始日期"), parse_day(end, "end", "结束日期"))
        posted.services.service_stars.choose_stars(posted.principal, period, stars, note)
    except DomainError as error:
        return _page(posted, start, end, failure=error, chosen=(stars, note))
    return saved(
        posted.request,
        "/service-stars?" + urlencode({"start": period.start.isoformat(), "end": period.end.isoformat()}),
    )
