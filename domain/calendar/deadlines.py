"""The deadline rule: a time limit of N working days from a start day, moved on by granted extensions."""

from __future__ import annotations

from datetime import date

from domain.calendar.working_days import Deadline, WorkingCalendar
from domain.shared.dates import check_day
from domain.shared.text import check_working_days


def deadline_after(calendar: WorkingCalendar, start: date, working_days: int) -> Deadline:
    """When a time limit of N working days from start ends (the start day itself not counted)."""
    return calendar.add_working_days(check_day(start, "start", "分办日期"), check_working_days(working_days))


def extended_deadline(calendar: WorkingCalendar, due_on: date, extra_working_days: int) -> Deadline:
    """The deadline after an extension: the granted working days counted on from the current due day."""
    return calendar.add_working_days(due_on, extra_working_days)


def recomputed_deadlines(
    calendar: WorkingCalendar, start: date, working_days: int, extension_days: list[int]
) -> tuple[Deadline, Deadline]:
    """A case's original deadline and its current one (every granted extension applied) by this calendar.

    Used when a published schedule changes which days are working days: both are counted again from the start.
    """
    original = calendar.add_working_days(start, working_days)
    current, provisional = original, original.provisional
    for extra in extension_days:
        current = calendar.add_working_days(current.due_on, extra)
        provisional = provisional or current.provisional
    return original, Deadline(current.due_on, provisional, current.calendar)
