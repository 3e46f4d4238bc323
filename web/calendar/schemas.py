"""What the deadline API answers: the board, one deadline, a year of the working-day calendar."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from web.cases import CaseSummaryOut


class LightCountsOut(BaseModel):
    """Open cases per light."""

    red: int
    yellow: int
    blue: int
    green: int


class BoardOut(BaseModel):
    """The deadline board: open cases by urgency, and the counts per light."""

    items: list[CaseSummaryOut]
    counts: LightCountsOut
    total: int
    page: int
    per_page: int
    pages: int
    as_of: datetime | None = Field(
        None, description="所示状态的时刻（北京时间，含当分钟内的事件；按日期查询为当日24:00）；为空表示当前"
    )


class DeadlineOut(BaseModel):
    """A time limit counted in statutory working days."""

    start: date
    working_days: int
    due_on: date
    provisional: bool = Field(description="期限跨入尚未发布节假日安排的年份时为 true（暂按周一至周五计算）")
    calendar_years_used: list[int]


class CalendarYearOut(BaseModel):
    """A year's non-working days and make-up working days."""

    year: int
    published: bool
    source: str | None
    version: int | None
    non_working_days: list[date] = Field(description="不上班的日子：法定节假日和周末（调休上班的周末除外）")
    holidays: list[date] = Field(description="公布的放假日")
    make_up_working_days: list[date] = Field(description="调休上班的周末")
