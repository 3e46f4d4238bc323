"""The working-day calendar: published schedules as events, deadlines counted by them, and recomputation."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol
from uuid import UUID

from application.calendar.ports import OpenDeadlines
from application.shared.access import Permission, Principal, require, system_principal
from application.shared.clock import Clock
from application.shared.errors import VersionConflict
from application.shared.store import Store
from domain.calendar import (
    CALENDAR_ID,
    Deadline,
    HolidayCalendar,
    StatutoryCalendar,
    WorkingCalendar,
    YearSchedule,
    check_year_schedule,
    deadline_after,
    recomputed_deadlines,
)
from domain.cases import Case

CACHE_SECONDS = 10.0  # other processes' publications reach this one within this many seconds
PUBLISH_ATTEMPTS = 3  # a case acted on meanwhile makes a publication recompute; give up after this many


class HolidaySource(Protocol):
    """Schedules published by the State Council that a package already knows (chinesecalendar)."""

    def schedules(self) -> list[YearSchedule]:
        """Every year the source covers."""
        ...


@dataclass(frozen=True)
class MovedDeadline:
    """One open case whose deadline a publication moves (or confirms)."""

    case_id: UUID
    previous_due_on: date
    due_on: date
    provisional: bool


@dataclass
class CalendarCommands:
    """Publishing schedules and counting working days."""

    store: Store
    clock: Clock
    fixed_calendar: WorkingCalendar | None  # tests only; else the published schedules
    reads: OpenDeadlines
    _calendar_cache: tuple[float, StatutoryCalendar] | None = field(default=None, init=False, repr=False)
    _calendar_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def working_calendar(self) -> WorkingCalendar:
        """The calendar deadlines are counted by: the injected one (tests), else the published schedules."""
        if self.fixed_calendar is not None:
            return self.fixed_calendar
        return self.statutory_calendar()

    def statutory_calendar(self) -> StatutoryCalendar:
        """The published schedules, cached briefly (one small aggregate, replayed when stale)."""
        with self._calendar_lock:
            cached = self._calendar_cache
            if cached is None or time.monotonic() - cached[0] > CACHE_SECONDS:
                holiday_calendar = self._holiday_calendar()
                fresh = holiday_calendar.calendar() if holiday_calendar else StatutoryCalendar({})
                self._calendar_cache = cached = (time.monotonic(), fresh)
            return cached[1]

    def _holiday_calendar(self) -> HolidayCalendar | None:
        return self.store.get(CALENDAR_ID) if self.store.exists(CALENDAR_ID) else None

    def deadline_for(self, start: date, working_days: int) -> Deadline:
        """When a time limit of N working days from start ends (the start day itself not counted)."""
        return deadline_after(self.working_calendar, start, working_days)

    def year_schedule(self, year: int) -> YearSchedule | None:
        """A published year's schedule, or None."""
        return self.statutory_calendar().schedules.get(year)

    def preview_year(
        self, principal: Principal, year: int, holidays: list[date], workdays: list[date], source: str, reason: str = ""
    ) -> list[MovedDeadline]:
        """What publishing this schedule would do to open deadlines, without saving anything."""
        require(principal, Permission.MANAGE_REGISTRY)
        _, _, moved = self._publication(principal, year, holidays, workdays, source, reason)
        return moved

    def publish_year(
        self, principal: Principal, year: int, holidays: list[date], workdays: list[date], source: str, reason: str = ""
    ) -> list[MovedDeadline]:
        """Publish (or correct) a year; every open provisional deadline is recomputed, each with an event."""
        require(principal, Permission.MANAGE_REGISTRY)
        for attempt in range(PUBLISH_ATTEMPTS):
            holiday_calendar, cases, moved = self._publication(principal, year, holidays, workdays, source, reason)
            try:
                self.store.commit(holiday_calendar, *cases)
            except VersionConflict:
                if attempt == PUBLISH_ATTEMPTS - 1:
                    raise
                continue  # someone acted on one of the cases meanwhile: recompute from their versions
            self._calendar_cache = None
            return moved
        return []

    def _publication(
        self, principal: Principal, year: int, holidays: list[date], workdays: list[date], source: str, reason: str
    ) -> tuple[HolidayCalendar, list[Case], list[MovedDeadline]]:
        schedule = check_year_schedule(year, holidays, workdays, source)
        now = self.clock.now()
        holiday_calendar = self._holiday_calendar() or HolidayCalendar.start(principal.actor, now)
        holiday_calendar.publish(schedule, reason, principal.actor, now)
        calendar = holiday_calendar.calendar()
        cause = f"{year}年节假日安排发布（{schedule.source}），按新安排重新计算办结期限"
        changed, moved = [], []
        # Only deadlines running into the year can move: provisional ones, or any, when a year is corrected.
        for case_id in self.reads.open_cases_due_from(date(year, 1, 1)):
            case = self.store.get(case_id)
            previous = case.due_on
            original, deadline = recomputed_deadlines(
                calendar, case.deadline_start_on, case.working_days, case.extension_days
            )
            if case.recompute_deadline(original, deadline, cause, principal.actor, now):
                changed.append(case)
                moved.append(MovedDeadline(case.id, previous, deadline.due_on, deadline.provisional))
        return holiday_calendar, changed, moved

    def sync_package_schedules(self, source: HolidaySource) -> list[int]:
        """Publish every year the package covers that the calendar lacks; return those years."""
        holiday_calendar = self._holiday_calendar()
        known = set(holiday_calendar.years) if holiday_calendar else set()
        missing = [s for s in source.schedules() if s.year not in known]
        if not missing:
            return []
        system = system_principal("节假日安排同步")
        holiday_calendar = holiday_calendar or HolidayCalendar.start(system.actor, self.clock.now())
        for schedule in missing:
            holiday_calendar.publish(schedule, "", system.actor, self.clock.now())
        try:
            self.store.commit(holiday_calendar)
        except VersionConflict:
            return []  # another process synced at the same moment
        self._calendar_cache = None
        return [s.year for s in missing]
