"""Calendar."""

from .deadlines import deadline_after, extended_deadline, recomputed_deadlines
from .holiday_calendar import CALENDAR_ID, HolidayCalendar
from .holiday_schedule import StatutoryCalendar, YearSchedule, check_year_schedule
from .working_days import Deadline, WorkdayCounter, WorkingCalendar

__all__ = [
    "CALENDAR_ID",
    "Deadline",
    "HolidayCalendar",
    "StatutoryCalendar",
    "WorkdayCounter",
    "WorkingCalendar",
    "YearSchedule",
    "check_year_schedule",
    "deadline_after",
    "extended_deadline",
    "recomputed_deadlines",
]
