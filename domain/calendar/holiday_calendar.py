"""The district's record of published working-day schedules: each year published (or corrected) is an event."""

from __future__ import annotations

from datetime import date, datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.calendar.holiday_schedule import StatutoryCalendar, YearSchedule
from domain.shared.actor import Actor
from domain.shared.errors import InvalidValue
from domain.shared.text import optional_text

CALENDAR_ID = uuid5(NAMESPACE_URL, "https://ganxin.example/holiday-calendar")


class HolidayCalendar(Aggregate):
    """Every year's schedule with its source; a correction needs a reason and bumps the year's version."""

    TOPIC = "ganxin:HolidayCalendar"

    class Event(Aggregate.Event):
        """Base of holiday-calendar events."""

        TOPIC = "ganxin:HolidayCalendar.Event"

    @staticmethod
    def create_id() -> UUID:
        """There is one calendar."""
        return CALENDAR_ID

    @event("Started", topic="ganxin:HolidayCalendar.Started")
    def __init__(self, actor: dict[str, str], timestamp: datetime) -> None:
        self.years: dict[int, YearSchedule] = {}

    @classmethod
    def start(cls, actor: Actor, at: datetime) -> HolidayCalendar:
        """The empty calendar."""
        return cls(actor=actor.as_dict(), timestamp=at)

    def publish(self, schedule: YearSchedule, reason: str, actor: Actor, at: datetime) -> None:
        """Publish a year (checked by check_year_schedule); a year already published needs a reason."""
        previous = self.years.get(schedule.year)
        reason = optional_text(reason, "reason", "更正理由")
        if previous is not None and not reason:
            raise InvalidValue(f"{schedule.year} 年的安排已发布，更正须说明理由", "reason")
        self._year_published(
            year=schedule.year,
            holidays=sorted(schedule.holidays),
            workdays=sorted(schedule.workdays),
            source=schedule.source,
            reason=reason,
            version=(previous.version + 1) if previous else 1,
            actor=actor.as_dict(),
            timestamp=at,
        )

    @event("YearPublished", topic="ganxin:HolidayCalendar.YearPublished")
    def _year_published(
        self,
        year: int,
        holidays: list[date],
        workdays: list[date],
        source: str,
        reason: str,
        version: int,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.years[year] = YearSchedule(year, frozenset(holidays), frozenset(workdays), source, version)

    def calendar(self) -> StatutoryCalendar:
        """The working-day calendar these schedules make."""
        return StatutoryCalendar(dict(self.years))
