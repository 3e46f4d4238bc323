"""The deadline rule as the dates a person sees on a case: N working days from the day it was assigned,
extensions counted on from the current due day, and both counted again when the year's schedule is published."""

from datetime import date

import pytest

from domain.calendar.deadlines import deadline_after, extended_deadline, recomputed_deadlines
from domain.calendar.holiday_schedule import StatutoryCalendar
from domain.calendar.working_days import Deadline, WeekdayCalendar
from domain.shared.dates import DateOutOfRange
from domain.shared.errors import InvalidValue
from infrastructure.calendar.holiday_package import ChineseCalendarPackage

WEEKDAYS = WeekdayCalendar()
STATUTORY_2026 = StatutoryCalendar({s.year: s for s in ChineseCalendarPackage().schedules() if s.year == 2026})


@pytest.mark.parametrize(
    "assigned_on, working_days, due_on",
    [
        (date(2026, 5, 11), 1, date(2026, 5, 12)),  # Monday: the day of assignment itself does not count
        (date(2026, 5, 8), 1, date(2026, 5, 11)),  # Friday: the weekend is skipped
        (date(2026, 5, 9), 1, date(2026, 5, 11)),  # assigned on a Saturday: due the Monday after
        (date(2026, 5, 11), 10, date(2026, 5, 25)),  # two full weeks
    ],
)
def test_a_time_limit_ends_after_that_many_weekdays(assigned_on, working_days, due_on):
    assert deadline_after(WEEKDAYS, assigned_on, working_days) == Deadline(due_on, True, "weekday")


def test_national_day_week_moves_the_deadline_once_the_schedule_is_known():
    friday_before = date(2026, 9, 25)
    assert deadline_after(WEEKDAYS, friday_before, 10).due_on == date(2026, 10, 9)
    by_schedule = deadline_after(STATUTORY_2026, friday_before, 10)
    assert by_schedule == Deadline(date(2026, 10, 15), False, "statutory:2026v1")


@pytest.mark.parametrize(
    "working_days, message",
    [(0, "办理时限至少为1个工作日"), (251, "办理时限不能超过250个工作日"), (True, "办理时限应为整数个工作日")],
)
def test_a_time_limit_outside_1_to_250_working_days_is_refused(working_days, message):
    with pytest.raises(InvalidValue, match=message):
        deadline_after(WEEKDAYS, date(2026, 5, 11), working_days)


def test_a_start_day_outside_the_valid_range_is_refused():
    with pytest.raises(DateOutOfRange, match="分办日期"):
        deadline_after(WEEKDAYS, date(1999, 12, 31), 5)


def test_an_extension_counts_on_from_the_current_due_day_not_from_today():
    due_friday = date(2026, 5, 8)
    assert extended_deadline(WEEKDAYS, due_friday, 5).due_on == date(2026, 5, 15)
    over_national_day = extended_deadline(STATUTORY_2026, date(2026, 9, 30), 3)
    assert over_national_day.due_on == date(2026, 10, 10)  # 10-08, 10-09 and the make-up Saturday 10-10


def test_publishing_the_schedule_recounts_the_original_and_the_extended_deadline_from_the_start():
    original, current = recomputed_deadlines(STATUTORY_2026, date(2026, 9, 25), 10, [5, 3])
    assert original == Deadline(date(2026, 10, 15), False, "statutory:2026v1")
    assert current == Deadline(date(2026, 10, 27), False, "statutory:2026v1")  # 15 + 5 + 3 working days


def test_without_extensions_the_current_deadline_is_the_original():
    original, current = recomputed_deadlines(STATUTORY_2026, date(2026, 9, 25), 10, [])
    assert current == original


def test_an_extension_reaching_an_unpublished_year_makes_the_current_deadline_provisional():
    original, current = recomputed_deadlines(STATUTORY_2026, date(2026, 12, 10), 5, [15])
    assert original.due_on == date(2026, 12, 17)
    assert not original.provisional
    assert current.due_on.year == 2027
    assert current.provisional
