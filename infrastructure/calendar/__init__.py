"""The working calendar: the State Council schedules the chinesecalendar package knows."""

from .holiday_package import ChineseCalendarPackage

__all__ = ["ChineseCalendarPackage"]
