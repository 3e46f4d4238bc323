"""Counting time limits in working days, behind an interface the statutory calendar can fill."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

SATURDAY = 5  # date.weekday() counts from Monday = 0


def is_weekday(day: date) -> bool:
    """Monday to Friday."""
    return day.weekday() < SATURDAY


@dataclass(frozen=True)
class Deadline:
    """When a time limit ends, and how sure the calendar is about it."""

    due_on: date
    provisional: bool
    calendar: str

    def as_dict(self) -> dict[str, object]:
        """The deadline as stored inside an event."""
        return {"due_on": self.due_on, "provisional": self.provisional, "calendar": self.calendar}


class WorkingCalendar(Protocol):
    """Knows which days are working days."""

    def add_working_days(self, start: date, working_days: int) -> Deadline:
        """The N-th working day after start (start itself not counted)."""
        ...

    def is_working_day(self, day: date) -> bool:
        """Whether people work on this day."""
        ...


class WeekdayCalendar:
    """Monday to Friday only: knows no holidays, so every deadline it gives is provisional."""

    name = "weekday"

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday."""
        return is_weekday(day)

    def add_working_days(self, start: date, working_days: int) -> Deadline:
        """Count forward working_days weekdays after start."""
        day, left = start, working_days
        while left > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return Deadline(due_on=day, provisional=True, calendar=self.name)
