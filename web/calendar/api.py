"""Deadlines: the board with its lights, and the working-day calendar (read, preview, publish)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from application.calendar import StatutoryCalendar
from application.cases import PER_PAGE_MAX, CaseFilter
from application.shared import InvalidValue
from application.shared.access import Permission, Principal
from web.calendar.schemas import BoardOut, CalendarYearOut, DeadlineOut, LightCountsOut
from web.cases import summary_out
from web.deps import ServicesDep, api_allow
from web.shared.readers import AssignedOn, PageNumber, PerPage, WorkingDaysCount
from web.shared.schemas import CONFLICT

router = APIRouter(tags=["办结期限 Deadlines"])


@router.get("/board", summary="督办看板 Deadline board", response_model=BoardOut)
def board(
    services: ServicesDep,
    principal: Principal = Depends(api_allow(Permission.VIEW_CASES)),
    lead_unit: str | None = Query(None, description="牵头单位代码"),
    task_force: str | None = Query(None, description="工作专班代码"),
    street: str | None = Query(None, description="企业所在街道"),
    category: str | None = Query(None, description="问题类别"),
    page: Annotated[PageNumber, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[PerPage, Query(ge=1, le=PER_PAGE_MAX)] = 50,
    as_of: str | None = Query(None, description="查看截至某日结束时（YYYY-MM-DD，北京时间）的看板，状态灯按该日计算"),
) -> BoardOut:
    """Open cases in your scope with a deadline, most urgent first, with the number showing each light."""
    board_filter = CaseFilter(
        lead_unit=lead_unit or None,
        task_force=task_force or None,
        street=street or None,
        category=category or None,
        page=page,
        per_page=per_page,
    )
    moment = services.cases_as_of.moment(as_of, "as_of") if as_of else None
    result = (
        services.cases_as_of.deadline_board_as_of(principal, board_filter, moment)
        if moment
        else services.board.deadline_board(principal, board_filter)
    )
    return BoardOut(
        items=[summary_out(row.case, row.standing) for row in result.rows],
        counts=LightCountsOut(**result.counts.__dict__),
        total=result.page.total,
        page=result.page.page,
        per_page=result.page.per_page,
        pages=result.page.pages,
        as_of=moment.shown if moment else None,
    )


@router.get("/calendar/deadline", summary="计算办结期限 Count a deadline", response_model=DeadlineOut)
def deadline(
    start: Annotated[AssignedOn, Query(description="分办日期（当日不计）")],
    working_days: Annotated[WorkingDaysCount, Query(description="办理时限（工作日，1至250）")],
    services: ServicesDep,
    _: Principal = Depends(api_allow(Permission.VIEW_REGISTRY)),
) -> DeadlineOut:
    """The end of the N-th working day after start, by the published State Council schedules."""
    result = services.calendar.deadline_for(start, working_days)
    return DeadlineOut(
        start=start,
        working_days=working_days,
        due_on=result.due_on,
        provisional=result.provisional,
        calendar_years_used=StatutoryCalendar.years_used(start, result.due_on),
    )


@router.get("/calendar/{year}", summary="年度节假日安排 A year's schedule", response_model=CalendarYearOut)
def calendar_year(
    services: ServicesDep,
    year: int = Path(ge=2000, le=2100),
    _: Principal = Depends(api_allow(Permission.VIEW_REGISTRY)),
) -> CalendarYearOut:
    """Non-working days and make-up working days of a year (Monday–Friday only, if unpublished)."""
    schedule = services.calendar.year_schedule(year)
    calendar = services.calendar.statutory_calendar()
    days = [date(year, 1, 1) + timedelta(days=n) for n in range((date(year + 1, 1, 1) - date(year, 1, 1)).days)]
    return CalendarYearOut(
        year=year,
        published=schedule is not None,
        source=schedule.source if schedule else None,
        version=schedule.version if schedule else None,
        non_working_days=[d for d in days if not calendar.is_working_day(d)],
        holidays=sorted(schedule.holidays) if schedule else [],
        make_up_working_days=sorted(schedule.workdays) if schedule else [],
    )


class ScheduleIn(BaseModel):
    """A year's schedule as the State Council published it."""

    model_config = ConfigDict(extra="forbid")
    holidays: list[date] = Field(description="放假日（含节假日期间的周末）")
    workdays: list[date] = Field(default_factory=list, description="调休上班的周末")
    source: str = Field(description="发布依据，如 国办发明电〔2026〕X号")
    reason: str = Field("", description="更正已发布年份时必填")


class MovedOut(BaseModel):
    """An open case whose deadline the schedule moves."""

    case_id: str
    previous_due_on: date
    due_on: date
    provisional: bool


class PublicationOut(BaseModel):
    """The deadlines a schedule moves (previewed, or recorded as events on each case)."""

    year: int
    published: bool
    moved: list[MovedOut]


def _moved(items: list) -> list[MovedOut]:  # type: ignore[type-arg]
    return [
        MovedOut(case_id=str(m.case_id), previous_due_on=m.previous_due_on, due_on=m.due_on, provisional=m.provisional)
        for m in items
    ]


@router.post(
    "/calendar/{year}/preview", summary="预览节假日安排的影响 Preview a schedule", response_model=PublicationOut
)
def preview(
    body: ScheduleIn,
    services: ServicesDep,
    year: int = Path(ge=2000, le=2100),
    principal: Principal = Depends(api_allow(Permission.MANAGE_REGISTRY)),
) -> PublicationOut:
    """Which open deadlines publishing this schedule would move; nothing is saved."""
    moved = services.calendar.preview_year(principal, year, body.holidays, body.workdays, body.source, body.reason)
    return PublicationOut(year=year, published=False, moved=_moved(moved))


@router.post(
    "/calendar/{year}", summary="发布节假日安排 Publish a schedule", response_model=PublicationOut, responses=CONFLICT
)
def publish(
    body: ScheduleIn,
    services: ServicesDep,
    year: int = Path(ge=2000, le=2100),
    principal: Principal = Depends(api_allow(Permission.MANAGE_REGISTRY)),
) -> PublicationOut:
    """Publish or correct a year; each moved open deadline is recorded as an event on its case."""
    if not body.source.strip():
        raise InvalidValue("请填写发布依据（文号）", "source")
    moved = services.calendar.publish_year(principal, year, body.holidays, body.workdays, body.source, body.reason)
    return PublicationOut(year=year, published=True, moved=_moved(moved))
