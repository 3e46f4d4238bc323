"""The rules a case's actions must obey; each check raises a named error with a Chinese message."""

from __future__ import annotations

from domain.cases.case_state import CaseState
from domain.shared import errors as e
from domain.shared.text import DESCRIPTION_MAX, check_choice, check_text, optional_text
from domain.shared.vocabulary import CATEGORIES, Channel, Disposition, EscalationLevel, Satisfaction
from domain.shared.vocabulary import CaseStatus as S

WITH_A_UNIT = (S.ASSIGNED, S.ACCEPTED, S.REOPENED)
BEING_WORKED = (S.ACCEPTED, S.REOPENED)


def check_open(case: CaseState) -> None:
    """A closed or cannot-do case takes no more actions."""
    if not case.is_open:
        raise e.CaseIsClosed(f"该问题{S(case.status).label}，不能再办理")


def check_can_classify(case: CaseState) -> None:
    """Judging happens before assignment (or after the case came back)."""
    check_open(case)
    if case.status not in (S.LOGGED, S.RETURNED):
        raise e.IllegalTransition(f"问题当前为“{S(case.status).label}”，只能在分办前研判")


def check_can_assign(case: CaseState, lead_unit: str, supporting_units: list[str]) -> None:
    """Only a judged case that is not with a unit can be assigned; refused cases are not."""
    check_open(case)
    if case.status not in (S.LOGGED, S.RETURNED):
        raise e.IllegalTransition(f"问题当前为“{S(case.status).label}”，已有承办单位，如需更换请转办", "lead_unit")
    if case.disposition is None:
        raise e.NotClassified("请先研判（一个不办、三个要办）再分办")
    if case.disposition == Disposition.REFUSE:
        raise e.IllegalTransition("研判为“坚决不办”的问题不能分办，可备案登记为不能办")
    if lead_unit in supporting_units:
        raise e.InvalidValue("牵头单位不能同时是配合单位", "supporting_units")
    if len(set(supporting_units)) != len(supporting_units):
        raise e.InvalidValue("配合单位有重复", "supporting_units")


def check_is_with_a_unit(case: CaseState) -> None:
    """The action needs a unit to hold the case."""
    check_open(case)
    if case.status not in WITH_A_UNIT:
        raise e.NotAssigned(f"问题当前为“{S(case.status).label}”，尚无承办单位")


def check_can_accept(case: CaseState) -> None:
    """Only an assigned case not yet taken can be accepted."""
    check_open(case)
    if case.status != S.ASSIGNED:
        if case.status in BEING_WORKED:
            raise e.IllegalTransition("该问题已签收")
        raise e.NotAssigned(f"问题当前为“{S(case.status).label}”，不能签收")


def check_can_return(case: CaseState) -> None:
    """The unit holding the case may send it back."""
    check_is_with_a_unit(case)


def check_can_transfer(case: CaseState, to_unit: str) -> None:
    """A case with a unit may move to a different unit."""
    check_is_with_a_unit(case)
    if to_unit == case.lead_unit:
        raise e.InvalidValue("转办单位与当前牵头单位相同", "to_unit")


def check_can_note_progress(case: CaseState) -> None:
    """Progress is noted while the case is worked, or as a note after resolution."""
    check_open(case)
    if case.status not in (*BEING_WORKED, S.RESOLVED):
        raise e.IllegalTransition(f"问题当前为“{S(case.status).label}”，签收后才能记录进展")


def check_can_request_extension(case: CaseState) -> None:
    """Only the unit working the case asks for more time, one request at a time."""
    check_open(case)
    if case.status not in WITH_A_UNIT:
        raise e.NotAssigned(f"问题当前为“{S(case.status).label}”，尚未分办，不能申请延期")
    if case.pending_extension is not None:
        raise e.ExtensionAlreadyPending("已有一项延期申请等待审批")


def check_has_pending_extension(case: CaseState) -> None:
    """A decision needs a request to decide on."""
    check_open(case)
    if case.pending_extension is None:
        raise e.NoPendingExtension("没有待审批的延期申请")


def check_can_escalate(case: CaseState, level: str) -> None:
    """Escalation goes up the ladder, never sideways or down."""
    check_open(case)
    if case.status not in (*WITH_A_UNIT, S.RETURNED):
        raise e.IllegalTransition(f"问题当前为“{S(case.status).label}”，不能提级")
    if case.escalation_level is not None:
        current = EscalationLevel(case.escalation_level)
        if EscalationLevel(level).rank <= current.rank:
            raise e.AlreadyEscalated(f"该问题已{current.label}", "level")


def check_can_resolve(case: CaseState) -> None:
    """A case is resolved by the unit that accepted it."""
    check_open(case)
    if case.status == S.ASSIGNED:
        raise e.IllegalTransition("承办单位签收后才能办结", "status")
    if case.status not in BEING_WORKED:
        raise e.NotAssigned(f"问题当前为“{S(case.status).label}”，不能办结")


def check_can_give_feedback(case: CaseState) -> None:
    """The enterprise rates a resolution once."""
    check_open(case)
    if case.status != S.RESOLVED:
        raise e.NotResolved(f"问题当前为“{S(case.status).label}”，办结后才能回访")
    if case.satisfaction is not None:
        raise e.FeedbackAlreadyGiven("本次办结已经回访评价")


def check_can_reopen(case: CaseState) -> None:
    """Only a resolved case can be reopened."""
    check_open(case)
    if case.status != S.RESOLVED:
        raise e.NotResolved(f"问题当前为“{S(case.status).label}”，只有已办结的问题才能重新办理")


def check_can_close(case: CaseState) -> None:
    """Only a resolved case the enterprise did not reject is struck off."""
    check_open(case)
    if case.status != S.RESOLVED:
        raise e.NotResolved(f"问题当前为“{S(case.status).label}”，办结后才能销号")
    if case.satisfaction == "dissatisfied":
        raise e.IllegalTransition("企业评价为不满意，应重新办理，不能销号")


def check_can_bring_into_task_force(
    case: CaseState, task_force: str, lead_unit: str, supporting_units: list[str]
) -> None:
    """Any judged, unresolved open case can be put on a task force's problem list, from any channel."""
    check_open(case)
    if case.status == S.RESOLVED:
        raise e.IllegalTransition("问题已办结，无需列入专班问题清单；如未真正解决请先重新办理", "listed")
    if case.task_force == task_force:
        raise e.IllegalTransition("该问题已在本专班问题清单中，如需调整时限请用“调整时限”", "listed")
    if case.disposition is None:
        raise e.NotClassified("请先研判（一个不办、三个要办）再列入专班问题清单")
    if case.disposition == Disposition.REFUSE:
        raise e.IllegalTransition("研判为“坚决不办”的问题不能列入专班问题清单")
    if lead_unit in supporting_units or len(set(supporting_units)) != len(supporting_units):
        raise e.InvalidValue("配合单位有重复，或与牵头单位相同", "supporting_units")


def check_can_change_deadline(case: CaseState) -> None:
    """Only an assigned, unresolved case has a time limit to change."""
    check_open(case)
    if case.due_on is None:
        raise e.NotAssigned("问题尚未分办，没有办结期限")
    if case.status == S.RESOLVED:
        raise e.IllegalTransition("问题已办结，不能再调整时限", "deadline_changes")


def check_can_register_cannot_do(case: CaseState) -> None:
    """Anything not yet resolved can be registered as cannot-do."""
    check_open(case)
    if case.status == S.RESOLVED:
        raise e.IllegalTransition("已办结的问题不能登记为不能办")


def check_disposition(value: str) -> str:
    """A known disposition code."""
    return check_choice(value, Disposition, "disposition", "研判结论").value


def check_escalation_level(value: str) -> str:
    """A known rung of the escalation ladder."""
    return check_choice(value, EscalationLevel, "level", "提级层级").value


def check_satisfaction(value: str) -> str:
    """A known satisfaction rating."""
    return check_choice(value, Satisfaction, "satisfaction", "满意度").value


def check_channel(value: str) -> str:
    """A known intake channel."""
    return check_choice(value, Channel, "channel", "问题来源渠道").value


def check_category(value: str, field: str = "category") -> str:
    """A known problem category."""
    if not (value or "").strip():
        raise e.InvalidValue("请选择问题类别", field)
    if value not in CATEGORIES:
        raise e.InvalidValue(f"未知的问题类别“{value}”，可选：{'、'.join(CATEGORIES)}", field)
    return value


def check_problem(category: str, description: str, request: str, prefix: str = "") -> tuple[str, str, str]:
    """A problem as raised: known category, a description, an optional request."""
    return (
        check_category(category, f"{prefix}category"),
        check_text(description, f"{prefix}description", "问题描述", DESCRIPTION_MAX),
        optional_text(request, f"{prefix}request", "企业诉求", DESCRIPTION_MAX),
    )


def check_assignable(case: CaseState) -> None:
    """The state part of check_can_assign: judged, not refused, not with a unit."""
    check_can_assign(case, "", [])


def check_can_escalate_further(case: CaseState) -> None:
    """Some rung of the ladder is still above the case."""
    top = list(EscalationLevel)[-1]
    check_can_escalate(case, top.value)


def check_can_remind(case: CaseState, key: str) -> None:
    """A prod goes to the unit working the case; the scheduler's keyed prods go once each."""
    check_is_with_a_unit(case)
    if key and key in case.reminder_keys:
        raise e.IllegalTransition("该提醒已经发出", "key")


def check_can_link_project(case: CaseState, project: str) -> None:
    """An open case goes on a project's ledger once."""
    check_open(case)
    if case.project == project:
        raise e.IllegalTransition("该问题已在此项目的问题台账中", "project")
