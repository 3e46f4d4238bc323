"""Calendar."""

from domain.calendar.holiday_schedule import StatutoryCalendar

__all__ = ["StatutoryCalendar"]
