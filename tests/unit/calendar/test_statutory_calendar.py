"""Counting working days by the State Council schedule (the 2026 data as chinesecalendar publishes it); years
the package has no data for are found at test time or far ahead (2090), never assumed to be 2027."""

from datetime import date

import pytest

from application.cases.lights import working_days_between
from domain.calendar.holiday_schedule import StatutoryCalendar, YearSchedule, check_year_schedule
from domain.shared.errors import InvalidValue
from infrastructure.calendar.holiday_package import ChineseCalendarPackage

SCHEDULES = {s.year: s for s in ChineseCalendarPackage().schedules()}
CAL_2026 = StatutoryCalendar({2026: SCHEDULES[2026]})


@pytest.mark.parametrize(
    "start, days, due",
    [
        (date(2026, 9, 28), 10, date(2026, 10, 16)),  # National Day week off, Saturday 10-10 worked
        (date(2026, 2, 12), 5, date(2026, 2, 26)),  # Spring Festival, make-up Saturday 02-14
        (date(2026, 12, 18), 5, date(2026, 12, 25)),
    ],
)
def test_pinned_2026_deadlines(start, days, due):
    deadline = CAL_2026.add_working_days(start, days)
    assert deadline.due_on == due
    assert not deadline.provisional
    assert deadline.calendar == "statutory:2026v1"


def test_make_up_saturday_is_a_working_day_and_national_day_is_not():
    assert CAL_2026.is_working_day(date(2026, 10, 10))
    assert not CAL_2026.is_working_day(date(2026, 10, 5))
    assert working_days_between(CAL_2026, date(2026, 9, 28), date(2026, 10, 16)) == 10


def test_a_deadline_reaching_an_unpublished_year_is_provisional_monday_to_friday():
    deadline = CAL_2026.add_working_days(date(2026, 12, 18), 10)
    assert deadline.due_on == date(2027, 1, 1)  # a Friday: 1 January counted, as nobody knows better yet
    assert deadline.provisional
    assert deadline.calendar == "statutory:2026v1,2027(provisional)"


def test_publishing_the_next_year_makes_it_definite():
    y2027 = check_year_schedule(
        2027, [date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)], [], "示例：国办发明电〔2026〕X号"
    )
    calendar = StatutoryCalendar({2026: SCHEDULES[2026], 2027: y2027})
    deadline = calendar.add_working_days(date(2026, 12, 18), 10)
    assert (deadline.due_on, deadline.provisional) == (date(2027, 1, 4), False)


@pytest.mark.parametrize(
    "holidays, workdays, field, message",
    [
        ([date(2027, 10, 1)], [date(2027, 10, 1)], "workdays", "既是放假日又是调休上班日"),
        ([date(2026, 10, 1)], [], "holidays", "不在 2027 年内"),
        ([date(2027, 10, 1)], [date(2027, 10, 4)], "workdays", "无需登记为调休上班日"),
        ([], [], "holidays", "请填写"),
    ],
)
def test_bad_schedules_are_refused(holidays, workdays, field, message):
    with pytest.raises(InvalidValue, match=message) as caught:
        check_year_schedule(2027, holidays, workdays, "国办发明电")
    assert caught.value.field == field


def test_a_year_past_the_packages_data_is_counted_monday_to_friday_provisionally():
    # Whatever years the installed package carries, the year after its last is unknown to it.
    unknown = max(SCHEDULES) + 1
    calendar = StatutoryCalendar(SCHEDULES)
    new_year = date(unknown, 1, 1)
    assert calendar.is_working_day(new_year) == (new_year.weekday() < 5)  # no holiday known: weekday rule
    deadline = calendar.add_working_days(date(unknown - 1, 12, 31), 1)
    assert deadline.provisional and deadline.calendar == f"statutory:{unknown}(provisional)"


def test_2090_which_no_package_can_have_is_provisional_and_skips_only_weekends():
    calendar = StatutoryCalendar(SCHEDULES)
    # Friday 2090-09-29 + 3: Mon 10-02, Tue 10-03, Wed 10-04 — the National Day week is unknown, so counted.
    deadline = calendar.add_working_days(date(2090, 9, 29), 3)
    assert (deadline.due_on, deadline.provisional, deadline.calendar) == (
        date(2090, 10, 4),
        True,
        "statutory:2090(provisional)",
    )
    assert not calendar.is_published(2090)


def test_a_schedule_year_lies_in_2000_to_2100_and_its_messages_name_the_day():
    holidays = [date(2090, 10, 2)]
    assert check_year_schedule(2000, [date(2000, 1, 3)], [], "源").year == 2000
    assert check_year_schedule(2100, [date(2100, 1, 4)], [], "源").year == 2100
    for year in (1999, 2101):
        with pytest.raises(InvalidValue) as caught:
            check_year_schedule(year, holidays, [], "源")
        assert (caught.value.message, caught.value.field) == ("年份应在2000至2100之间", "year")
    refused = [
        ((2090, [date(2089, 12, 31), date(2090, 1, 1)], [], "源"), ("2089-12-31 不在 2090 年内", "holidays")),
        ((2090, holidays, [date(2091, 1, 6)], "源"), ("2091-01-06 不在 2090 年内", "workdays")),
        (
            (2090, [date(2090, 10, 7), date(2090, 10, 8)], [date(2090, 10, 8), date(2090, 10, 7)], "源"),
            ("2090-10-07 不能既是放假日又是调休上班日", "workdays"),
        ),
        (
            (2090, holidays, [date(2090, 10, 3), date(2090, 10, 4)], "源"),
            ("2090-10-03 是工作日，无需登记为调休上班日", "workdays"),
        ),
        ((2090, [], [], "源"), ("请填写该年的法定节假日", "holidays")),
        ((2090, holidays, [], " "), ("发布依据（文号）不能为空", "source")),
        ((2090, holidays, [], "文" * 201), ("发布依据（文号）不能超过200字（当前201字）", "source")),
    ]
    for args, (message, field) in refused:
        with pytest.raises(InvalidValue) as caught:
            check_year_schedule(*args)
        assert (caught.value.message, caught.value.field) == (message, field), args


def test_a_checked_schedule_keeps_its_days_and_source_and_counts_make_up_weekends():
    schedule = check_year_schedule(2090, [date(2090, 10, 2), date(2090, 10, 3)], [date(2090, 10, 7)], " 国办发明电 ")
    assert schedule == YearSchedule(
        2090, frozenset({date(2090, 10, 2), date(2090, 10, 3)}), frozenset({date(2090, 10, 7)}), "国办发明电", 1
    )
    calendar = StatutoryCalendar({2090: schedule})
    # Fri 09-29 + 4: Mon 10-02 and Tue 10-03 off; Wed 4, Thu 5, Fri 6, Saturday 10-07 worked.
    deadline = calendar.add_working_days(date(2090, 9, 29), 4)
    assert (deadline.due_on, deadline.provisional, deadline.calendar) == (date(2090, 10, 7), False, "statutory:2090v1")
    assert not calendar.is_working_day(date(2090, 10, 8)) and calendar.is_working_day(date(2090, 10, 9))
    assert calendar.add_working_days(date(2090, 9, 29), 0).due_on == date(2090, 9, 29)
    assert StatutoryCalendar.years_used(date(2089, 12, 31), date(2091, 1, 2)) == [2090, 2091]
    assert StatutoryCalendar.years_used(date(2090, 3, 1), date(2090, 3, 5)) == [2090]
    assert calendar.label([2091, 2090, 2091]) == "statutory:2090v1,2091(provisional)"


def test_a_time_limit_reaching_more_than_three_years_is_refused():
    calendar = StatutoryCalendar({2090: YearSchedule(2090, frozenset(), frozenset(), "源")})
    assert calendar.add_working_days(date(2090, 1, 2), 780).due_on.year == 2092  # 3 × 366 days is not yet reached
    with pytest.raises(InvalidValue) as caught:
        calendar.add_working_days(date(2090, 1, 2), 790)
    assert (caught.value.message, caught.value.field) == ("办理时限过长", "working_days")
