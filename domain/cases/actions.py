"""Every action a case offers, in one table: code, Chinese label, rule, who may take it, and what it asks for.

The API routes, the page forms, the access matrix and the labels are all derived from CASE_ACTIONS, so adding
an action means one entry here and its command method in the application.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from domain.cases import rules as r
from domain.shared.errors import DomainError
from domain.shared.vocabulary import Role

if TYPE_CHECKING:
    from domain.cases.case import Case

# How a value is given.
TEXT = "text"  # free text
CHOICE = "choice"  # one code from a list
CHOICES = "choices"  # several codes from a list
WORKING_DAYS = "working_days"  # a whole number of working days, 1 to 250

# Which list a choice is made from.
UNITS = "units"
OTHER_UNITS = "other_units"  # every unit but the case's lead unit
TASK_FORCES = "task_forces"
DISPOSITIONS = "dispositions"
SATISFACTIONS = "satisfactions"
LEVELS = "levels"  # the rungs of the escalation ladder above the case's current one

# Who may act: role codes, plus the in-process scheduler, which is never an account.
SYSTEM = "system"
CADRE = Role.CADRE.value
UNIT_HANDLER = Role.UNIT_HANDLER.value
LEAD = Role.TASK_FORCE_LEAD.value
SECRETARY = Role.SERVICE_SECRETARY.value


@dataclass(frozen=True)
class ActionField:
    """One value an action asks for; its name is the command's keyword and the API body's field."""

    name: str
    label: str
    kind: str = TEXT
    required: bool = True
    choices: str = ""  # for CHOICE and CHOICES: which list


@dataclass(frozen=True)
class CaseAction:
    """One action on a case."""

    code: str  # the URL segment and the access matrix's key
    label: str  # what pages, messages and the API docs call it
    title: str  # its English name, for the API docs
    about: str  # what it does, in a few English words, for the API docs
    check: Callable[[Case], None]  # raises while the case's state does not allow the action
    command: str  # the application's method that performs it
    roles: frozenset[str]  # who may take it (within their remit)
    fields: tuple[ActionField, ...] = ()
    hint: str = ""  # shown next to the label on the page
    supporting_units: bool = False  # a supporting unit's handler may take it too, not only the lead unit's
    event: str = field(kw_only=True)  # the name of the event it records; the case history shows it by the label

    def allows(self, case: Case) -> bool:
        """Whether the case's state allows the action now."""
        try:
            self.check(case)
        except DomainError:
            return False
        return True


def _needs(*roles: str) -> frozenset[str]:
    """Who may take an action."""
    return frozenset(roles)


def _reason(label: str) -> ActionField:
    """The required free-text reason most actions ask for."""
    return ActionField("reason", label)


# In the order a case page lists them.
CASE_ACTIONS: tuple[CaseAction, ...] = (
    CaseAction(
        "classify",
        "研判",
        "Classify",
        "judge the case (一个不办、三个要办)",
        r.check_can_classify,
        "classify_case",
        _needs(LEAD),
        (
            ActionField("disposition", "研判结论", CHOICE, choices=DISPOSITIONS),
            ActionField("reason", "研判理由", required=False),
        ),
        hint="一个不办、三个要办",
        event="Classified",
    ),
    CaseAction(
        "assign",
        "分办",
        "Assign",
        "give the case to a lead unit with a time limit",
        r.check_assignable,
        "assign_case",
        _needs(LEAD),
        (
            ActionField("lead_unit", "牵头单位", CHOICE, choices=UNITS),
            ActionField("working_days", "办理时限（工作日）", WORKING_DAYS),
            ActionField("supporting_units", "配合单位", CHOICES, required=False, choices=UNITS),
            ActionField("task_force", "工作专班", CHOICE, required=False, choices=TASK_FORCES),
        ),
        event="Assigned",
    ),
    CaseAction(
        "accept",
        "签收",
        "Accept",
        "the lead unit takes the case",
        r.check_can_accept,
        "accept_case",
        _needs(UNIT_HANDLER),
        event="Accepted",
    ),
    CaseAction(
        "return",
        "退回",
        "Return",
        "the lead unit sends the case back",
        r.check_can_return,
        "return_case",
        _needs(UNIT_HANDLER),
        (_reason("退回理由"),),
        event="Returned",
    ),
    CaseAction(
        "transfer",
        "转办",
        "Transfer",
        "move the case to another unit",
        r.check_is_with_a_unit,
        "transfer_case",
        _needs(LEAD),
        (ActionField("to_unit", "转至单位", CHOICE, choices=OTHER_UNITS), _reason("转办理由")),
        event="Transferred",
    ),
    CaseAction(
        "progress",
        "记录进展",
        "Note progress",
        "note what was done",
        r.check_can_note_progress,
        "note_progress",
        _needs(UNIT_HANDLER),
        (ActionField("note", "进展情况"),),
        supporting_units=True,
        event="ProgressNoted",
    ),
    CaseAction(
        "remind",
        "催办",
        "Remind",
        "record a prod",
        r.check_is_with_a_unit,
        "record_reminder",
        _needs(LEAD, SECRETARY, SYSTEM),
        (ActionField("note", "催办内容"),),
        event="ReminderRecorded",
    ),
    CaseAction(
        "request_extension",
        "申请延期",
        "Request extension",
        "ask for more working days",
        r.check_can_request_extension,
        "request_extension",
        _needs(UNIT_HANDLER),
        (ActionField("working_days", "延长（工作日）", WORKING_DAYS), _reason("延期理由")),
        event="ExtensionRequested",
    ),
    CaseAction(
        "grant_extension",
        "同意延期",
        "Grant extension",
        "approve the pending request",
        r.check_has_pending_extension,
        "grant_extension",
        _needs(LEAD),
        (ActionField("note", "审批意见", required=False),),
        event="ExtensionGranted",
    ),
    CaseAction(
        "refuse_extension",
        "不予延期",
        "Refuse extension",
        "turn the pending request down",
        r.check_has_pending_extension,
        "refuse_extension",
        _needs(LEAD),
        (_reason("不予延期理由"),),
        event="ExtensionRefused",
    ),
    CaseAction(
        "escalate",
        "提级",
        "Escalate",
        "raise the case up the ladder",
        r.check_can_escalate_further,
        "escalate_case",
        _needs(LEAD, SYSTEM),
        (ActionField("level", "提级层级", CHOICE, choices=LEVELS), _reason("提级理由")),
        event="Escalated",
    ),
    CaseAction(
        "resolve",
        "办结",
        "Resolve",
        "say what was done",
        r.check_can_resolve,
        "resolve_case",
        _needs(UNIT_HANDLER),
        (ActionField("resolution", "办理结果"),),
        event="Resolved",
    ),
    # The cadre who logged a problem goes back to ask the enterprise (回访); no unit rates itself.
    CaseAction(
        "feedback",
        "回访评价",
        "Feedback",
        "the enterprise's rating",
        r.check_can_give_feedback,
        "give_feedback",
        _needs(CADRE, LEAD, SECRETARY),
        (
            ActionField("satisfaction", "企业满意度", CHOICE, choices=SATISFACTIONS),
            ActionField("comment", "评价意见", required=False),
        ),
        event="FeedbackGiven",
    ),
    CaseAction(
        "reopen",
        "重新办理",
        "Reopen",
        "not really solved",
        r.check_can_reopen,
        "reopen_case",
        _needs(LEAD),
        (_reason("重新办理理由"),),
        event="Reopened",
    ),
    CaseAction(
        "close",
        "销号",
        "Close",
        "strike the case off",
        r.check_can_close,
        "close_case",
        _needs(LEAD),
        (ActionField("note", "销号说明", required=False),),
        event="Closed",
    ),
    CaseAction(
        "register_cannot_do",
        "登记为不能办",
        "Register as cannot-do",
        "put the case on the cannot-do ledger",
        r.check_can_register_cannot_do,
        "register_cannot_do",
        _needs(LEAD),
        (_reason("不能办理由"),),
        hint="备案登记，进入不能办事项台账",
        event="RegisteredCannotDo",
    ),
)
CASE_ACTION_BY_CODE: dict[str, CaseAction] = {action.code: action for action in CASE_ACTIONS}


def available_actions(case: Case) -> list[str]:
    """The actions the case's state allows now."""
    return [action.code for action in CASE_ACTIONS if action.allows(case)]


def actions_of_role(role: str) -> frozenset[str]:
    """The actions a role may take (each still within the person's remit and the case's state)."""
    return frozenset(action.code for action in CASE_ACTIONS if role in action.roles)
