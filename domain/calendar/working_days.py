"""Counting time limits in working days, behind an interface the statutory calendar can fill."""

from __future__ import annotations

from dataclasses import asdict, dataclass
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
        return asdict(self)


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


class WorkdayCounter:
    """Working days between two days by the calendar, from a table built once per report."""

    def __init__(self, calendar: WorkingCalendar, first: date, last: date) -> None:
        self.calendar, self.first = calendar, first
        self.prefix, total, day = [0], 0, first
        while day < last:
            day += timedelta(days=1)
            total += calendar.is_working_day(day)
            self.prefix.append(total)

    def between(self, start: date, end: date) -> int:
        """Working days after start up to and including end (0 when end is not after start)."""
        if end <= start:
            return 0
        if start >= self.first and (end - self.first).days < len(self.prefix):
            return self.prefix[(end - self.first).days] - self.prefix[(start - self.first).days]
        return sum(self.calendar.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))
