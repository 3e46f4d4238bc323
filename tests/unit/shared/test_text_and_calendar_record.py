"""Typed text, time limits and choices; actors; the district's record of published working-day schedules."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.calendar.holiday_calendar import CALENDAR_ID, HolidayCalendar
from domain.calendar.holiday_schedule import YearSchedule
from domain.calendar.working_days import Deadline
from domain.shared.actor import SYSTEM, Actor
from domain.shared.errors import InvalidValue
from domain.shared.text import check_choice, check_text, check_working_days, optional_text
from domain.shared.vocabulary import Role
from tests.unit.projects.test_key_project import refused

ADMIN = Actor("admin", "管理员", "admin")
AT = datetime(2026, 4, 8, 1, tzinfo=UTC)


def test_text_is_trimmed_required_and_limited():
    assert check_text("  说明\n第二行\t ", "note", "说明") == "说明\n第二行"
    assert check_text("字" * 1000, "note", "说明") == "字" * 1000  # the default limit, 1000
    refused(InvalidValue, "说明不能超过1000字（当前1001字）", "note", check_text, "字" * 1001, "note", "说明")
    assert check_text("字" * 5, "n", "名称", 5) == "字" * 5
    refused(InvalidValue, "名称不能超过5字（当前6字）", "n", check_text, "字" * 6, "n", "名称", 5)
    for empty in ("", "   ", None):
        refused(InvalidValue, "说明不能为空", "note", check_text, empty, "note", "说明")


def test_invisible_control_characters_and_half_characters_are_refused():
    refused(InvalidValue, "说明含有不可见的控制字符", "note", check_text, "a\x00b", "note", "说明")
    refused(InvalidValue, "说明含有不可见的控制字符", "note", check_text, "a\x1fb", "note", "说明")
    assert check_text("a\x20b", "note", "说明") == "a b"
    refused(InvalidValue, "说明含有无法识别的半个字符", "note", check_text, "a\ud800b", "note", "说明")
    refused(InvalidValue, "说明含有无法识别的半个字符", "note", check_text, "a\udfffb", "note", "说明")
    assert check_text("a\ue000b", "note", "说明") == "a\ue000b"  # private use, a whole character


def test_optional_text_may_be_empty_but_is_otherwise_checked():
    assert optional_text(None, "note", "说明") == "" and optional_text("  ", "note", "说明") == ""
    assert optional_text(" 有 ", "note", "说明") == "有"
    refused(InvalidValue, "说明不能超过3字（当前4字）", "note", optional_text, "四个字啊", "note", "说明", 3)


def test_time_limits_are_whole_working_days_from_1_to_250():
    assert (check_working_days(1), check_working_days(250)) == (1, 250)
    refused(InvalidValue, "办理时限至少为1个工作日", "working_days", check_working_days, 0)
    refused(InvalidValue, "办理时限不能超过250个工作日", "limit", check_working_days, 251, "limit")
    for bad in (True, 2.0, "3"):
        refused(InvalidValue, "办理时限应为整数个工作日", "working_days", check_working_days, bad)


def test_a_choice_is_a_known_code_or_the_allowed_ones_are_listed():
    assert check_choice("admin", Role, "role", "角色") is Role.ADMIN
    refused(InvalidValue, "请选择角色", "role", check_choice, " ", Role, "role", "角色")
    refused(InvalidValue, "请选择角色", "role", check_choice, None, Role, "role", "角色")
    refused(
        InvalidValue,
        "未知的角色“boss”，可选：干部（cadre）、单位承办人（unit_handler）、专班负责人（task_force_lead）、"
        "项目服务秘书（service_secretary）、纪检监察（inspector）、系统管理员（admin）",
        "role",
        check_choice,
        "boss",
        Role,
        "role",
        "角色",
    )


def test_actors_and_deadlines_go_into_events_as_plain_dicts():
    assert ADMIN.as_dict() == {"user_id": "admin", "name": "管理员", "role": "admin"}
    assert Actor.from_dict(ADMIN.as_dict()) == ADMIN
    assert Actor("system", "系统", "system") == SYSTEM
    assert Deadline(date(2026, 4, 22), True, "weekday").as_dict() == {
        "due_on": date(2026, 4, 22),
        "provisional": True,
        "calendar": "weekday",
    }


def schedule(year: int, *holidays: date, source: str = "国办发明电〔2025〕7号") -> YearSchedule:
    return YearSchedule(year, frozenset(holidays), frozenset(), source)


def test_the_calendar_publishes_years_and_a_correction_needs_a_reason():
    record = HolidayCalendar.start(ADMIN, AT)
    assert (record.id, HolidayCalendar.create_id(), record.years) == (CALENDAR_ID, CALENDAR_ID, {})
    record.publish(schedule(2090, date(2090, 10, 2)), "", ADMIN, AT)
    assert record.years[2090] == YearSchedule(
        2090, frozenset({date(2090, 10, 2)}), frozenset(), "国办发明电〔2025〕7号", 1
    )
    published = record.pending_events[-1]
    assert (published.year, published.holidays, published.workdays, published.reason, published.version) == (
        2090,
        [date(2090, 10, 2)],
        [],
        "",
        1,
    )
    refused(
        InvalidValue,
        "2090 年的安排已发布，更正须说明理由",
        "reason",
        record.publish,
        schedule(2090, date(2090, 10, 3)),
        " ",
        ADMIN,
        AT,
    )
    record.publish(schedule(2090, date(2090, 10, 3), date(2090, 10, 2)), " 补充 ", ADMIN, AT)
    assert record.years[2090].version == 2 and record.pending_events[-1].reason == "补充"
    assert record.pending_events[-1].holidays == [date(2090, 10, 2), date(2090, 10, 3)]
    calendar = record.calendar()
    assert calendar.is_published(2090) and not calendar.is_published(2091)
    assert not calendar.is_working_day(date(2090, 10, 3))  # a Tuesday off
    record.years.clear()
    assert calendar.is_published(2090)  # the calendar is a copy


def test_a_new_year_is_published_without_a_reason_at_version_1():
    record = HolidayCalendar.start(ADMIN, AT)
    record.publish(schedule(2090, date(2090, 1, 2)), "", ADMIN, AT)
    record.publish(schedule(2091, date(2091, 1, 1)), "", ADMIN, AT)
    assert [(y, s.version) for y, s in sorted(record.years.items())] == [(2090, 1), (2091, 1)]


def test_an_overlong_reason_is_refused():
    record = HolidayCalendar.start(ADMIN, AT)
    refused(
        InvalidValue,
        "更正理由不能超过1000字（当前1001字）",
        "reason",
        record.publish,
        schedule(2090, date(2090, 1, 2)),
        "理" * 1001,
        ADMIN,
        AT,
    )
