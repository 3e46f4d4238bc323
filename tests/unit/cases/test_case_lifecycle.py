"""The Case aggregate's rules, with no I/O: legal moves produce events, illegal ones raise named errors."""

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from domain.calendar.working_days import WeekdayCalendar
from domain.cases.actions import available_actions
from domain.cases.case import Case
from domain.shared import errors
from domain.shared.actor import Actor

CADRE = Actor("c1", "李干部", "cadre")
HANDLER = Actor("h1", "住建局承办人", "unit_handler")
T0 = datetime(2026, 4, 8, 1, tzinfo=UTC)
CAL = WeekdayCalendar()


def logged(**overrides) -> Case:
    values = dict(
        channel="visit",
        enterprise_uscc="91210211983690064E",
        category="市政配套",
        description="需迁移施工红线内树木",
        request="",
        visit_id=uuid4(),
        actor=CADRE,
        at=T0,
    )
    values.update(overrides)
    return Case.log(**values)


def assigned(working_days: int = 10) -> Case:
    case = logged()
    case.classify("immediate", "", CADRE, T0)
    case.assign(
        "zhujian", ["chengguan"], None, working_days, CAL.add_working_days(date(2026, 4, 8), working_days), CADRE, T0
    )
    return case


def test_full_life_records_one_event_per_action_with_actor_and_time():
    case = assigned()
    case.accept(HANDLER, T0 + timedelta(days=1))
    case.note_progress("专班调度会研究", HANDLER, T0 + timedelta(days=2))
    case.resolve("已完成", HANDLER, T0 + timedelta(days=3))
    case.give_feedback("satisfied", "", CADRE, T0 + timedelta(days=4))
    case.close("", CADRE, T0 + timedelta(days=5))
    events = case.collect_events()
    assert [type(e).__name__ for e in events] == [
        "Logged",
        "Classified",
        "Assigned",
        "Accepted",
        "ProgressNoted",
        "Resolved",
        "FeedbackGiven",
        "Closed",
    ]
    assert [e.originator_version for e in events] == list(range(1, 9))
    assert events[3].actor == HANDLER.as_dict() and events[3].timestamp == T0 + timedelta(days=1)
    assert case.status == "closed"


def test_event_topics_are_stable_names_not_module_paths():
    case = assigned()
    topics = [type(e).TOPIC for e in case.collect_events()]
    assert topics == ["ganxin:Case.Logged", "ganxin:Case.Classified", "ganxin:Case.Assigned"]


@pytest.mark.parametrize(
    "act, error",
    [
        (lambda c: c.resolve("x", HANDLER, T0), errors.NotAssigned),
        (lambda c: c.accept(HANDLER, T0), errors.NotAssigned),
        (lambda c: c.give_feedback("satisfied", "", CADRE, T0), errors.NotResolved),
        (lambda c: c.close("", CADRE, T0), errors.NotResolved),
        (
            lambda c: c.assign("zhujian", [], None, 5, CAL.add_working_days(date(2026, 4, 8), 5), CADRE, T0),
            errors.NotClassified,
        ),
    ],
)
def test_illegal_moves_on_a_new_case_raise_named_errors_and_record_nothing(act, error):
    case = logged()
    case.collect_events()
    with pytest.raises(error) as caught:
        act(case)
    assert caught.value.message and not caught.value.message.isascii()
    assert case.collect_events() == []


def test_resolve_needs_acceptance_first():
    case = assigned()
    with pytest.raises(errors.IllegalTransition, match="签收后才能办结"):
        case.resolve("x", HANDLER, T0)


def test_closed_case_takes_no_more_actions():
    case = assigned()
    case.accept(HANDLER, T0)
    case.resolve("已完成", HANDLER, T0)
    case.close("", CADRE, T0)
    for act in (
        lambda: case.reopen("不满意", CADRE, T0),
        lambda: case.note_progress("x", HANDLER, T0),
        lambda: case.record_reminder("x", CADRE, T0),
    ):
        with pytest.raises(errors.CaseIsClosed):
            act()
    assert available_actions(case) == []


def test_refused_case_cannot_be_assigned_but_can_be_registered_cannot_do():
    case = logged()
    case.classify("refuse", "调整容积率须依法定程序", CADRE, T0)
    with pytest.raises(errors.IllegalTransition, match="坚决不办"):
        case.assign("zhujian", [], None, 5, CAL.add_working_days(date(2026, 4, 8), 5), CADRE, T0)
    case.register_cannot_do("超出区级权限", CADRE, T0)
    assert case.status == "cannot_do" and case.cannot_do_reason == "超出区级权限"


def test_transfer_and_return_move_the_holder_and_keep_the_deadline():
    case = assigned()
    due = case.due_on
    case.transfer("city_ziranziyuan", "涉及土地权属", CADRE, T0)
    assert (case.status, case.lead_unit, case.due_on) == ("assigned", "city_ziranziyuan", due)
    case.return_case("非本单位职责", HANDLER, T0)
    assert case.status == "returned" and case.lead_unit is None
    with pytest.raises(errors.NotAssigned):
        case.accept(HANDLER, T0)


def test_extension_moves_due_date_and_keeps_the_original():
    case = assigned(20)
    case.accept(HANDLER, T0)
    original = case.due_on
    case.request_extension(30, "需专题会议会商", HANDLER, T0)
    with pytest.raises(errors.ExtensionAlreadyPending):
        case.request_extension(5, "再延", HANDLER, T0)
    case.grant_extension(CAL.add_working_days(original, 30), "", CADRE, T0)
    assert case.original_due_on == original
    assert case.due_on == CAL.add_working_days(original, 30).due_on
    with pytest.raises(errors.NoPendingExtension):
        case.refuse_extension("无", CADRE, T0)


def test_escalation_only_goes_up():
    case = assigned()
    case.escalate("task_force_leader", "已超期", CADRE, T0)
    with pytest.raises(errors.AlreadyEscalated):
        case.escalate("task_force_leader", "again", CADRE, T0)
    case.escalate("district_leader", "仍未解决", CADRE, T0)
    assert "escalate" not in available_actions(case)


def test_dissatisfied_feedback_blocks_closing_and_allows_reopening():
    case = assigned()
    case.accept(HANDLER, T0)
    case.resolve("口头整改", HANDLER, T0)
    case.give_feedback("dissatisfied", "仅口头整改", CADRE, T0)
    with pytest.raises(errors.FeedbackAlreadyGiven):
        case.give_feedback("satisfied", "", CADRE, T0)
    with pytest.raises(errors.IllegalTransition, match="不满意"):
        case.close("", CADRE, T0)
    case.reopen("企业不满意", CADRE, T0)
    assert case.status == "reopened" and "resolve" in available_actions(case)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("description", "", "问题描述不能为空"),
        ("description", "长" * 5000, "不能超过2000字"),
        ("category", "不存在的类别", "未知的问题类别"),
        ("channel", "fax", "未知的问题来源渠道"),
    ],
)
def test_bad_values_when_logging_name_the_field(field, value, message):
    with pytest.raises(errors.InvalidValue, match=message) as caught:
        logged(**{field: value})
    assert caught.value.field == field


@pytest.mark.parametrize("days", [0, -1, 251])
def test_absurd_working_days_are_refused(days):
    case = logged()
    case.classify("immediate", "", CADRE, T0)
    with pytest.raises(errors.InvalidValue, match="工作日"):
        case.assign("zhujian", [], None, days, CAL.add_working_days(date(2026, 4, 8), 1), CADRE, T0)


def test_markup_is_kept_literally():
    text = "<script>alert(1)</script>'; DROP TABLE rm_cases;--"
    assert logged(description=text).description == text


def test_weekday_calendar_skips_weekends_and_says_it_is_provisional():
    deadline = CAL.add_working_days(date(2026, 4, 10), 1)  # a Friday
    assert deadline.due_on == date(2026, 4, 13) and deadline.provisional
