"""Dates and whole numbers in query strings and JSON bodies, each read by the domain's one reader.

pydantic alone would take '0' or 1700000000 as a date and '+5', '1_000' or ' 12 ' as integers.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator

from application.shared import DAY_FORMAT, InvalidDate, check_day, parse_count, parse_day

AS_OF_HELP = "查看截至某日结束时（YYYY-MM-DD，北京时间）的清单；也可写到分钟 YYYY-MM-DDTHH:MM"


def valid_day(field: str, label: str) -> Any:
    """A date type for one field: YYYY-MM-DD in ASCII digits, inside the valid range, else a named 422."""

    def read(value: Any) -> date:
        if isinstance(value, date):
            return check_day(value, field, label)
        if not isinstance(value, str):
            raise InvalidDate(f"{label}应为日期，{DAY_FORMAT}", field)
        return parse_day(value, field, label)

    return Annotated[date, BeforeValidator(read)]


def whole_number(field: str, label: str) -> Any:
    """An integer type for one query parameter: 1 to 9 ASCII digits (domain parse_count), else a named 422."""

    def read(value: Any) -> int:
        return (
            value if isinstance(value, int) and not isinstance(value, bool) else parse_count(str(value), field, label)
        )

    return Annotated[int, BeforeValidator(read)]


AsOfDay = valid_day("as_of", "截至日期")
StartDay = valid_day("start", "开始日期")
EndDay = valid_day("end", "结束日期")
AssignedOn = valid_day("start", "分办日期")
OccurredOn = valid_day("occurred_on", "发生日期")
FormedOn = valid_day("formed_on", "成立日期")
HeldOn = valid_day("held_on", "会议日期")
DissolvedOn = valid_day("dissolved_on", "撤销日期")
AppointedOn = valid_day("appointed_on", "任命日期")
PlannedOn = valid_day("planned_on", "计划日期")
AchievedOn = valid_day("achieved_on", "完成日期")
PageNumber = whole_number("page", "页码")
PerPage = whole_number("per_page", "每页条数")
StallDays = whole_number("stall_days", "停滞天数")
WorkingDaysCount = whole_number("working_days", "办理时限")
ResultLimit = whole_number("limit", "最多返回条数")
