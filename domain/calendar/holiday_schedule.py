"""The State Council's working-day schedule: holidays and make-up working days (调休), year by year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.calendar.working_days import Deadline, is_weekday
from domain.shared.errors import InvalidValue
from domain.shared.text import check_text

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a schedule can be entered for
MAX_WORKING_DAYS_SPAN = 3 * 366  # no limit of 250 working days reaches this far; guards a runaway loop


@dataclass(frozen=True)
class YearSchedule:
    """One year's published schedule and where it came from (e.g. 国办发明电〔2025〕7号)."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str
    version: int = 1

    def is_working_day(self, day: date) -> bool:
        """Weekdays work unless a holiday; weekends rest unless a make-up working day."""
        if day in self.holidays:
            return False
        return is_weekday(day) or day in self.workdays


def check_year_schedule(year: int, holidays: Iterable[date], workdays: Iterable[date], source: str) -> YearSchedule:
    """A schedule a person entered: days inside the year, none both holiday and working day, a source."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidValue(f"年份应在{FIRST_YEAR}至{LAST_YEAR}之间", "year")
    rest, work = frozenset(holidays), frozenset(workdays)
    for name, days in (("holidays", rest), ("workdays", work)):
        stray = sorted(d for d in days if d.year != year)
        if stray:
            raise InvalidValue(f"{stray[0].isoformat()} 不在 {year} 年内", name)
    both = sorted(rest & work)
    if both:
        raise InvalidValue(f"{both[0].isoformat()} 不能既是放假日又是调休上班日", "workdays")
    weekday_workdays = sorted(d for d in work if is_weekday(d))
    if weekday_workdays:
        raise InvalidValue(f"{weekday_workdays[0].isoformat()} 是工作日，无需登记为调休上班日", "workdays")
    if not rest:
        raise InvalidValue("请填写该年的法定节假日", "holidays")
    return YearSchedule(year, rest, work, check_text(source, "source", "发布依据（文号）", 200))


@dataclass(frozen=True)
class StatutoryCalendar:
    """Working days by the published schedules; years without one fall back to Monday–Friday, provisionally."""

    schedules: Mapping[int, YearSchedule] = field(default_factory=dict)

    def is_working_day(self, day: date) -> bool:
        """Whether people work on this day (by the schedule, or Monday–Friday if the year has none)."""
        schedule = self.schedules.get(day.year)
        return schedule.is_working_day(day) if schedule else is_weekday(day)

    def is_published(self, year: int) -> bool:
        """Whether the year's schedule is known."""
        return year in self.schedules

    def add_working_days(self, start: date, working_days: int) -> Deadline:
        """The end of the N-th working day after start; provisional if any day counted lacks a schedule."""
        day, left, years = start, working_days, set()
        while left > 0:
            day += timedelta(days=1)
            years.add(day.year)
            if (day - start).days > MAX_WORKING_DAYS_SPAN:
                raise InvalidValue("办理时限过长", "working_days")
            if self.is_working_day(day):
                left -= 1
        return Deadline(
            due_on=day, provisional=not all(self.is_published(y) for y in years), calendar=self.label(years)
        )

    def label(self, years: Iterable[int]) -> str:
        """Which schedules a count used, e.g. 'statutory:2026v1,2027(provisional)'."""
        parts = []
        for year in sorted(set(years)):
            schedule = self.schedules.get(year)
            parts.append(f"{year}v{schedule.version}" if schedule else f"{year}(provisional)")
        return "statutory:" + ",".join(parts)

    @staticmethod
    def years_used(start: date, due_on: date) -> list[int]:
        """The calendar years of the days counted from the day after start through due_on."""
        return list(range((start + timedelta(days=1)).year, due_on.year + 1))
