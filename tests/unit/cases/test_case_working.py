"""Working a case: progress, reminders, extensions, deadlines moved by meetings and schedules, task forces,
projects, and the actions each state offers — each refusal with its exact message."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import pytest

from domain.calendar.working_days import Deadline
from domain.cases.actions import available_actions
from domain.cases.case import Case
from domain.cases.rules import check_category, check_problem
from domain.shared import errors
from tests.unit.cases.test_case_lifecycle import CADRE, HANDLER, T0, assigned, logged
from tests.unit.projects.test_key_project import refused

LATER = datetime(2026, 4, 20, 1, tzinfo=UTC)
APRIL_22 = Deadline(date(2026, 4, 22), False, "statutory:2026v1")


def accepted() -> Case:
    case = assigned()
    case.accept(HANDLER, T0)
    return case


def listing_refused(
    case: Case,
    error: type[Exception],
    message: str,
    field: str | None,
    supporting_units: Sequence[str] = (),
    meeting: int = 1,
) -> None:
    """Bringing the case into tf-a under 住建局 (ten working days, due 22 April) is refused with this error."""
    refused(
        error,
        message,
        field,
        case.bring_into_task_force,
        "tf-a",
        "zhujian",
        list(supporting_units),
        10,
        APRIL_22,
        meeting,
        CADRE,
        T0,
    )


def resolved(rating: str | None = None) -> Case:
    case = accepted()
    case.resolve(" 已迁移 ", HANDLER, LATER)
    if rating:
        case.give_feedback(rating, "", CADRE, LATER)
    return case


def test_each_state_offers_exactly_its_actions():
    assert available_actions(logged()) == ["classify", "register_cannot_do"]
    classified = logged()
    classified.classify("immediate", "", CADRE, T0)
    assert available_actions(classified) == ["classify", "assign", "register_cannot_do"]
    assert available_actions(assigned()) == [
        "accept",
        "return",
        "transfer",
        "remind",
        "request_extension",
        "escalate",
        "register_cannot_do",
    ]
    assert available_actions(accepted()) == [
        "return",
        "transfer",
        "progress",
        "remind",
        "request_extension",
        "escalate",
        "resolve",
        "register_cannot_do",
    ]
    assert available_actions(resolved()) == ["progress", "feedback", "reopen", "close"]
    assert available_actions(resolved("dissatisfied")) == ["progress", "reopen"]
    assert available_actions(resolved("basically_satisfied")) == ["progress", "reopen", "close"]
    pending = accepted()
    pending.request_extension(5, "需要审批", HANDLER, T0)
    assert "grant_extension" in available_actions(pending) and "request_extension" not in available_actions(pending)
    top = accepted()
    top.escalate("district_leader", "市级协调", CADRE, T0)
    assert "escalate" not in available_actions(top)
    closed = resolved("satisfied")
    closed.close("", CADRE, LATER)
    assert available_actions(closed) == []


def test_progress_is_noted_once_accepted_and_after_resolution():
    case = assigned()
    refused(
        errors.IllegalTransition,
        "问题当前为“待签收”，签收后才能记录进展",
        None,
        case.note_progress,
        "进展",
        HANDLER,
        T0,
    )
    case.accept(HANDLER, T0)
    refused(errors.InvalidValue, "进展情况不能为空", "note", case.note_progress, " ", HANDLER, T0)
    case.note_progress(" 已现场查看 ", HANDLER, T0)
    assert case.latest_progress == "已现场查看"
    case.resolve("完成", HANDLER, T0)
    case.note_progress("补充说明", HANDLER, T0)
    assert case.latest_progress == "补充说明"


def test_reminders_need_a_unit_and_a_keyed_one_is_sent_once():
    refused(errors.NotAssigned, "问题当前为“待分办”，尚无承办单位", None, logged().record_reminder, "请办理", CADRE, T0)
    case = assigned()
    case.record_reminder(" 请尽快 ", CADRE, T0)
    case.record_reminder("又催", CADRE, T0)  # unkeyed reminders may repeat
    assert case.reminder_keys == []
    case.record_reminder("到期前1日", CADRE, T0, key="due-1")
    assert case.reminder_keys == ["due-1"]
    refused(errors.IllegalTransition, "该提醒已经发出", "key", case.record_reminder, "再提醒", CADRE, T0, key="due-1")
    case.record_reminder("到期", CADRE, T0, key="due-0")
    assert case.reminder_keys == ["due-1", "due-0"]
    refused(errors.InvalidValue, "催办内容不能为空", "note", case.record_reminder, "", CADRE, T0)


def test_an_extension_is_requested_once_then_granted_or_refused():
    case = accepted()
    refused(errors.NoPendingExtension, "没有待审批的延期申请", None, case.grant_extension, APRIL_22, "", CADRE, T0)
    refused(errors.InvalidValue, "延期理由不能为空", "reason", case.request_extension, 5, "", HANDLER, T0)
    case.request_extension(5, " 需要市里审批 ", HANDLER, T0)
    assert case.pending_extension == {"working_days": 5, "reason": "需要市里审批"}
    refused(
        errors.ExtensionAlreadyPending, "已有一项延期申请等待审批", None, case.request_extension, 3, "再延", HANDLER, T0
    )
    refused(errors.InvalidValue, "不予延期理由不能为空", "reason", case.refuse_extension, "", CADRE, T0)
    case.refuse_extension(" 期限内可办 ", CADRE, T0)
    assert case.pending_extension is None and case.pending_events[-1].reason == "期限内可办"
    case.request_extension(5, "确需延期", HANDLER, T0)
    before = case.due_on
    case.grant_extension(Deadline(date(2026, 4, 29), True, "weekday"), " 同意 ", CADRE, T0)
    granted = case.pending_events[-1]
    assert (granted.working_days, granted.previous_due_on, granted.due_on, granted.note) == (
        5,
        before,
        date(2026, 4, 29),
        "同意",
    )
    assert (case.due_on, case.deadline_provisional, case.extension_days, case.pending_extension) == (
        date(2026, 4, 29),
        True,
        [5],
        None,
    )
    assert case.original_due_on == before


def test_a_new_schedule_moves_an_open_deadline_once_with_its_cause():
    refused(
        errors.NotAssigned,
        "问题尚未分办，没有办结期限",
        None,
        logged().recompute_deadline,
        APRIL_22,
        APRIL_22,
        "2026年安排",
        CADRE,
        T0,
    )
    case = assigned()  # due 2026-04-22 by Monday–Friday, provisional
    same = Deadline(case.due_on, case.deadline_provisional, "weekday")
    assert case.recompute_deadline(same, same, "无变化", CADRE, T0) is False
    count = len(case.pending_events)
    assert case.recompute_deadline(APRIL_22, APRIL_22, " 国办发明电 ", CADRE, T0) is True
    assert len(case.pending_events) == count + 1
    moved = case.pending_events[-1]
    assert (moved.previous_due_on, moved.due_on, moved.original_due_on, moved.cause) == (
        date(2026, 4, 22),
        date(2026, 4, 22),
        date(2026, 4, 22),
        "国办发明电",
    )
    assert (case.due_on, case.deadline_provisional) == (date(2026, 4, 22), False)
    later = Deadline(date(2026, 4, 23), False, "statutory:2026v2")
    refused(errors.InvalidValue, "调整原因不能为空", "cause", case.recompute_deadline, later, later, "", CADRE, T0)
    closed = resolved("satisfied")
    closed.close("", CADRE, T0)
    refused(
        errors.CaseIsClosed, "该问题已销号，不能再办理", None, closed.recompute_deadline, later, later, "x", CADRE, T0
    )


def test_a_meeting_brings_a_case_into_its_task_force_with_a_new_time_limit():
    case = logged()
    listing_refused(case, errors.NotClassified, "请先研判（一个不办、三个要办）再列入专班问题清单", None)
    case.classify("special", "个案", CADRE, T0)
    listing_refused(
        case, errors.InvalidValue, "配合单位有重复，或与牵头单位相同", "supporting_units", supporting_units=["zhujian"]
    )
    listing_refused(
        case,
        errors.InvalidValue,
        "配合单位有重复，或与牵头单位相同",
        "supporting_units",
        supporting_units=["ziran", "ziran"],
    )
    case.bring_into_task_force("tf-a", "zhujian", ["ziran"], 10, APRIL_22, 1, CADRE, T0, start_on=date(2026, 4, 8))
    assert (
        case.status,
        case.task_force,
        case.lead_unit,
        case.supporting_units,
        case.working_days,
        case.due_on,
        case.original_due_on,
        case.deadline_provisional,
        case.deadline_start_on,
        case.extension_days,
    ) == (
        "assigned",
        "tf-a",
        "zhujian",
        ["ziran"],
        10,
        date(2026, 4, 22),
        date(2026, 4, 22),
        False,
        date(2026, 4, 8),
        [],
    )
    listing_refused(
        case, errors.IllegalTransition, "该问题已在本专班问题清单中，如需调整时限请用“调整时限”", "listed", meeting=2
    )


def test_a_case_already_worked_by_the_same_unit_keeps_its_state_when_listed():
    case = accepted()  # zhujian accepted it
    case.bring_into_task_force("tf-a", "zhujian", [], 15, APRIL_22, 1, CADRE, LATER)
    assert (case.status, case.deadline_start_on) == ("accepted", date(2026, 4, 20))
    other = accepted()
    other.bring_into_task_force("tf-a", "ziran", [], 15, APRIL_22, 1, CADRE, LATER)
    assert other.status == "assigned"  # a new unit must accept it


def test_refused_and_resolved_cases_are_not_listed():
    refuse = logged()
    refuse.classify("refuse", "违法", CADRE, T0)
    listing_refused(refuse, errors.IllegalTransition, "研判为“坚决不办”的问题不能列入专班问题清单", None)
    done = resolved()
    listing_refused(
        done, errors.IllegalTransition, "问题已办结，无需列入专班问题清单；如未真正解决请先重新办理", "listed"
    )
    with pytest.raises(errors.InvalidValue):
        accepted().bring_into_task_force("tf-a", "zhujian", [], 0, APRIL_22, 1, CADRE, T0)


def test_a_meeting_changes_a_time_limit_with_a_reason():
    refused(
        errors.NotAssigned,
        "问题尚未分办，没有办结期限",
        None,
        logged().change_deadline,
        5,
        APRIL_22,
        "调整",
        1,
        CADRE,
        T0,
    )
    case = accepted()
    case.request_extension(5, "延期", HANDLER, T0)
    refused(
        errors.InvalidValue, "调整时限的理由不能为空", "reason", case.change_deadline, 5, APRIL_22, "", 1, CADRE, T0
    )
    case.change_deadline(8, Deadline(date(2026, 4, 30), False, "statutory:2026v1"), " 会议决定 ", 2, CADRE, LATER)
    changed = case.pending_events[-1]
    assert (changed.previous_due_on, changed.working_days, changed.due_on, changed.meeting, changed.reason) == (
        date(2026, 4, 22),
        8,
        date(2026, 4, 30),
        2,
        "会议决定",
    )
    assert (case.due_on, case.original_due_on, case.working_days, case.deadline_start_on, case.pending_extension) == (
        date(2026, 4, 30),
        date(2026, 4, 30),
        8,
        date(2026, 4, 20),
        None,
    )
    done = resolved()
    refused(
        errors.IllegalTransition,
        "问题已办结，不能再调整时限",
        "deadline_changes",
        done.change_deadline,
        5,
        APRIL_22,
        "调整",
        1,
        CADRE,
        T0,
    )
    with pytest.raises(errors.InvalidValue):
        case.change_deadline(251, APRIL_22, "太长", 1, CADRE, T0)


def test_a_case_goes_on_a_project_ledger_once():
    case = logged()
    case.link_project("kp-a", CADRE, T0)
    assert case.project == "kp-a" and case.pending_events[-1].previous is None
    refused(errors.IllegalTransition, "该问题已在此项目的问题台账中", "project", case.link_project, "kp-a", CADRE, T0)
    case.link_project("kp-b", CADRE, T0)
    assert (case.project, case.pending_events[-1].previous) == ("kp-b", "kp-a")


def test_cannot_do_needs_a_reason_ends_the_case_and_is_not_for_resolved_ones():
    case = accepted()
    case.request_extension(5, "延期", HANDLER, T0)
    refused(errors.InvalidValue, "不能办理由不能为空", "reason", case.register_cannot_do, "", CADRE, T0)
    case.register_cannot_do(" 超出区级权限 ", CADRE, T0)
    assert (case.status, case.cannot_do_reason, case.pending_extension, case.is_open) == (
        "cannot_do",
        "超出区级权限",
        None,
        False,
    )
    refused(
        errors.IllegalTransition, "已办结的问题不能登记为不能办", None, resolved().register_cannot_do, "x", CADRE, T0
    )


def test_resolving_rating_reopening_and_closing_say_why_not():
    refused(errors.IllegalTransition, "承办单位签收后才能办结", "status", assigned().resolve, "完成", HANDLER, T0)
    refused(errors.NotAssigned, "问题当前为“待分办”，不能办结", None, logged().resolve, "完成", HANDLER, T0)
    refused(errors.InvalidValue, "办理结果不能为空", "resolution", accepted().resolve, "", HANDLER, T0)
    refused(
        errors.NotResolved,
        "问题当前为“办理中”，办结后才能回访",
        None,
        accepted().give_feedback,
        "satisfied",
        "",
        CADRE,
        T0,
    )
    refused(
        errors.NotResolved,
        "问题当前为“办理中”，只有已办结的问题才能重新办理",
        None,
        accepted().reopen,
        "没解决",
        CADRE,
        T0,
    )
    refused(errors.NotResolved, "问题当前为“办理中”，办结后才能销号", None, accepted().close, "", CADRE, T0)
    rated = resolved("satisfied")
    refused(errors.FeedbackAlreadyGiven, "本次办结已经回访评价", None, rated.give_feedback, "satisfied", "", CADRE, T0)
    unhappy = resolved()
    unhappy.give_feedback("dissatisfied", " 没修好 ", CADRE, T0)
    assert (unhappy.satisfaction, unhappy.feedback_comment) == ("dissatisfied", "没修好")
    refused(errors.IllegalTransition, "企业评价为不满意，应重新办理，不能销号", None, unhappy.close, "", CADRE, T0)
    refused(errors.InvalidValue, "重新办理理由不能为空", "reason", unhappy.reopen, "", CADRE, T0)
    unhappy.reopen("没修好", CADRE, T0)
    assert (unhappy.status, unhappy.resolved_at) == ("reopened", None)
    unhappy.resolve("修好了", HANDLER, LATER)
    assert (unhappy.resolution, unhappy.satisfaction, unhappy.feedback_comment, unhappy.resolved_at) == (
        "修好了",
        None,
        "",
        LATER,
    )


def test_problems_name_a_known_category_and_a_description():
    assert check_problem("市政配套", " 路灯 ", " ", "problems[0].") == ("市政配套", "路灯", "")
    refused(
        errors.InvalidValue, "请选择问题类别", "problems[1].category", check_problem, " ", "路灯", "", "problems[1]."
    )
    refused(errors.InvalidValue, "问题描述不能为空", "description", check_problem, "市政配套", "", "")
    assert check_category("市政配套") == "市政配套"
    with pytest.raises(errors.InvalidValue) as caught:
        check_category("天气")
    assert caught.value.message.startswith("未知的问题类别“天气”，可选：") and "市政配套" in caught.value.message


def test_transfer_moves_the_case_to_another_unit_with_a_reason():
    case = accepted()  # zhujian leads, chengguan supports
    case.request_extension(5, "延期", HANDLER, T0)
    refused(errors.InvalidValue, "转办单位与当前牵头单位相同", "to_unit", case.transfer, "zhujian", "转", CADRE, T0)
    refused(errors.InvalidValue, "转办理由不能为空", "reason", case.transfer, "ziran", " ", CADRE, T0)
    case.transfer("chengguan", " 属城管职责 ", CADRE, T0)
    moved = case.pending_events[-1]
    assert (moved.from_unit, moved.to_unit, moved.reason) == ("zhujian", "chengguan", "属城管职责")
    assert (case.status, case.lead_unit, case.supporting_units, case.pending_extension) == (
        "assigned",
        "chengguan",
        [],
        None,
    )
    refused(errors.NotAssigned, "问题当前为“待分办”，尚无承办单位", None, logged().transfer, "ziran", "转", CADRE, T0)


def test_return_sends_the_case_back_with_a_reason():
    case = accepted()
    case.request_extension(5, "延期", HANDLER, T0)
    refused(errors.InvalidValue, "退回理由不能为空", "reason", case.return_case, "", HANDLER, T0)
    case.return_case(" 不属本单位职责 ", HANDLER, T0)
    returned = case.pending_events[-1]
    assert (returned.unit, returned.reason) == ("zhujian", "不属本单位职责")
    assert (case.status, case.lead_unit, case.pending_extension) == ("returned", None, None)
    refused(errors.NotAssigned, "问题当前为“已退回”，尚无承办单位", None, case.return_case, "再退", HANDLER, T0)


def test_escalation_climbs_the_ladder_once_per_rung_with_a_reason():
    case = accepted()
    refused(errors.InvalidValue, "提级理由不能为空", "reason", case.escalate, "unit_head", "", CADRE, T0)
    with pytest.raises(errors.InvalidValue) as unknown:
        case.escalate("mayor", "上报", CADRE, T0)
    assert (unknown.value.field, unknown.value.message.startswith("未知的提级层级“mayor”，可选：")) == ("level", True)
    case.escalate("unit_head", " 久拖未决 ", CADRE, T0)
    assert (case.escalation_level, case.pending_events[-1].reason) == ("unit_head", "久拖未决")
    refused(
        errors.AlreadyEscalated,
        "该问题已提级至牵头单位负责人",
        "level",
        case.escalate,
        "task_force_leader",
        "再提",
        CADRE,
        T0,
    )
    case.escalate("district_leader", "市级协调", CADRE, T0)
    refused(
        errors.AlreadyEscalated,
        "该问题已提级至分管区领导",
        "level",
        case.escalate,
        "district_leader",
        "再提",
        CADRE,
        T0,
    )
    refused(
        errors.IllegalTransition,
        "问题当前为“待分办”，不能提级",
        None,
        logged().escalate,
        "unit_head",
        "提级",
        CADRE,
        T0,
    )
    returned = accepted()
    returned.return_case("不属本单位", HANDLER, T0)
    returned.escalate("unit_head", "退回后无人办理", CADRE, T0)
    assert returned.escalation_level == "unit_head"


def test_accepting_twice_or_before_assignment_is_refused():
    case = accepted()
    refused(errors.IllegalTransition, "该问题已签收", None, case.accept, HANDLER, T0)
    refused(errors.NotAssigned, "问题当前为“待分办”，不能签收", None, logged().accept, HANDLER, T0)
    assert case.pending_events[-1].unit == "zhujian"
