"""Calendar."""

from domain.calendar import StatutoryCalendar

from .commands import CalendarCommands

__all__ = ["CalendarCommands", "StatutoryCalendar"]
