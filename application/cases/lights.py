"""Status lights (红黄蓝绿灯): how a case stands against its deadline, in working days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.calendar import WorkingCalendar
from domain.shared.vocabulary import Labelled

OPEN_WITH_DEADLINE = ("assigned", "accepted", "reopened", "returned")
DONE = ("resolved", "closed")
BLUE_WITHIN = 3  # working days or less left
YELLOW_WITHIN = 1


class Light(Labelled):
    """The light a case shows in every list."""

    GREEN = ("green", "正常")
    BLUE = ("blue", "临期（3个工作日内）")
    YELLOW = ("yellow", "预警（1个工作日内）")
    RED = ("red", "超期")
    ON_TIME = ("on_time", "按期办结")
    LATE = ("late", "超期办结")
    NONE = ("none", "无期限")


@dataclass(frozen=True)
class Standing:
    """A case's light with the working days left (positive) or overdue (negative)."""

    light: Light
    working_days: int | None = None

    @property
    def text(self) -> str:
        """E.g. '剩余2个工作日', '超期5个工作日'."""
        if self.working_days is None:
            return self.light.label
        if self.working_days < 0:
            return f"超期{-self.working_days}个工作日"
        return "今日到期" if self.working_days == 0 else f"剩余{self.working_days}个工作日"


@dataclass(frozen=True)
class Thresholds:
    """The due dates at which lights change, for SQL counting: due before today is red, and so on."""

    today: date
    yellow_until: date
    blue_until: date


def thresholds(today: date, calendar: WorkingCalendar) -> Thresholds:
    """Light boundaries as dates, consistent with standing()."""
    return Thresholds(
        today,
        calendar.add_working_days(today, YELLOW_WITHIN).due_on,
        calendar.add_working_days(today, BLUE_WITHIN).due_on,
    )


def standing(  # noqa: PLR0911 - one answer per light, read top to bottom
    status: str, due_on: date | None, resolved_on: date | None, today: date, calendar: WorkingCalendar
) -> Standing:
    """The light of one case today."""
    if due_on is None:
        return Standing(Light.NONE)
    if status in DONE:
        if resolved_on is None:
            return Standing(Light.NONE)
        return Standing(Light.ON_TIME if resolved_on <= due_on else Light.LATE)
    if status not in OPEN_WITH_DEADLINE:
        return Standing(Light.NONE)
    if due_on < today:
        return Standing(Light.RED, -working_days_between(calendar, due_on, today))
    left = working_days_between(calendar, today, due_on)
    if left <= YELLOW_WITHIN:
        return Standing(Light.YELLOW, left)
    if left <= BLUE_WITHIN:
        return Standing(Light.BLUE, left)
    return Standing(Light.GREEN, left)


def working_days_between(calendar: WorkingCalendar, start: date, end: date) -> int:
    """Working days after start up to and including end."""
    count, day = 0, start
    while day < end:
        day = date.fromordinal(day.toordinal() + 1)
        count += calendar.is_working_day(day)
    return count


def working_days_before(calendar: WorkingCalendar, today: date, working_days: int) -> date:
    """The latest day from which today is at least working_days working days later."""
    day, counted = today, 0
    while counted < working_days:
        counted += calendar.is_working_day(day)
        day = date.fromordinal(day.toordinal() - 1)
    return day
