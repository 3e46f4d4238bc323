"""Where the application's time comes from: the system clock in service, a controlled one in tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    """Tells the time at which something is recorded."""

    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class SystemClock:
    """The machine's clock, in UTC."""

    def now(self) -> datetime:
        """The current time."""
        return datetime.now(UTC)


class ControlledClock:
    """A clock the scenario loader and tests set; it never runs backwards."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        """The time it was last set to."""
        return self._now

    def set(self, moment: datetime) -> None:
        """Move to a moment, or stay put if it is earlier than now (time does not run back)."""
        if moment.tzinfo is None:
            raise ValueError("moment must be timezone-aware")
        self._now = max(self._now, moment)

    def advance(self, delta: timedelta) -> None:
        """Move forward by delta."""
        self._now += delta


def local_date(moment: datetime) -> date:
    """The calendar day in the district (Asia/Shanghai) of a moment."""
    return moment.astimezone(SHANGHAI).date()


def start_of_local_day(day: date, hour: int = 9) -> datetime:
    """A moment on a district day (default 09:00 Shanghai), in UTC."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI).astimezone(UTC)
