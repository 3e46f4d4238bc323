"""Applying a plan's steps: to an aggregate in memory (bulk load) or through the use cases (as in service)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from application.registry.commands import EnterpriseDetails
from application.shared.clock import local_date
from application.visits.commands import ProblemInput, VisitInput
from bench.dataset import CADRE, DISPATCH, CasePlan, Step, handler
from domain.calendar.working_days import WorkingCalendar
from domain.cases.case import Case

if TYPE_CHECKING:
    from application.services import Services


# --- in memory, with the domain only -------------------------------------------------------------
def build_case(plan: CasePlan, at: datetime, calendar: WorkingCalendar) -> Case:
    """A new Case with all the plan's events pending (nothing saved)."""
    case = Case.log(
        channel=plan.channel,
        enterprise_uscc=plan.enterprise_uscc,
        category=plan.category,
        description=plan.description,
        request=plan.request,
        visit_id=None,
        actor=CADRE.actor,
        at=at,
    )
    for step in plan.steps:
        apply_step(case, step, at + timedelta(hours=step.after_hours), calendar)
    return case


@dataclass(frozen=True)
class StepKind:
    """How a kind of plan step is taken: the Case method, the use case, who acts, and the params passed on."""

    method: str  # on Case: method(*params, actor, at)
    use_case: str  # on Services.cases: use_case(case_id, version, principal, *params)
    by_unit: bool  # the lead unit's handler acts; else the dispatch desk
    params: tuple[str, ...] = ()

    def arguments(self, params: dict[str, Any]) -> list[Any]:
        """The step's params in the order the method and the use case take them."""
        return [params[name] for name in self.params]


# Every step kind taken the same way in memory and in service (assigning and granting an extension differ).
STEP_KINDS = {
    "classify": StepKind("classify", "classify_case", False, ("disposition", "reason")),
    "refuse": StepKind("classify", "classify_case", False, ("disposition", "reason")),
    "accept": StepKind("accept", "accept_case", True),
    "return": StepKind("return_case", "return_case", True, ("reason",)),
    "progress": StepKind("note_progress", "note_progress", True, ("note",)),
    "remind": StepKind("record_reminder", "record_reminder", False, ("note",)),
    "request_extension": StepKind("request_extension", "request_extension", True, ("working_days", "reason")),
    "resolve": StepKind("resolve", "resolve_case", True, ("resolution",)),
    "feedback": StepKind("give_feedback", "give_feedback", False, ("satisfaction", "comment")),
    "feedback_bad": StepKind("give_feedback", "give_feedback", False, ("satisfaction", "comment")),
    "reopen": StepKind("reopen", "reopen_case", False, ("reason",)),
    "close": StepKind("close", "close_case", False, ("note",)),
    "register_cannot_do": StepKind("register_cannot_do", "register_cannot_do", False, ("reason",)),
}


def step_kind(action: str) -> StepKind:
    """How a step of this kind is taken (a ValueError for a kind the plan should not have)."""
    if action not in STEP_KINDS:
        raise ValueError(f"unknown step {action}")
    return STEP_KINDS[action]


def apply_step(case: Case, step: Step, at: datetime, calendar: WorkingCalendar) -> None:
    """Call the domain method for one step."""
    p, lead, action = step.params, DISPATCH.actor, step.action
    if action in ("assign", "reassign"):
        deadline = calendar.add_working_days(local_date(at), p["working_days"])
        case.assign(p["lead_unit"], [], None, p["working_days"], deadline, lead, at)
    elif action == "grant_extension":
        extra = case.pending_extension["working_days"]  # type: ignore[index]  # the plan asked for one just before
        case.grant_extension(calendar.add_working_days(case.due_on, extra), p["note"], lead, at)
    else:
        kind = step_kind(action)
        actor = handler(case.lead_unit).actor if kind.by_unit else lead
        getattr(case, kind.method)(*kind.arguments(p), actor, at)


# --- through the application, each command saved and projected (Services.commit) --------------------
def log_problem(ganxin: Services, plan: CasePlan) -> UUID:
    """log_visit with the plan's one problem; the case's id."""
    visit = VisitInput(
        channel=plan.channel,
        occurred_on=ganxin.store.today(),
        enterprise=EnterpriseDetails(plan.enterprise_uscc),
        problems=[ProblemInput(plan.category, plan.description, plan.request)],
    )
    return ganxin.visits.log_visit(CADRE, visit).case_ids[0]


@dataclass
class CaseInService:
    """A case being worked through the use cases: where it stands between commands."""

    plan: CasePlan
    logged_at: datetime
    case_id: UUID | None = None
    version: int = 0
    unit: str | None = None


def agenda(cases: list[CaseInService]) -> list[tuple[datetime, int, int]]:
    """Every command of every case in time order: (when, case index, step index or -1 for logging).

    Commands of different cases interleave as they would in service, and the clock only moves forward
    by the spread of the sample, not by the sum of every case's life.
    """
    items = []
    for index, case in enumerate(cases):
        items.append((case.logged_at, index, -1))
        items.extend(
            (case.logged_at + timedelta(hours=step.after_hours), index, k) for k, step in enumerate(case.plan.steps)
        )
    return sorted(items)


def run_command(ganxin: Services, case: CaseInService, step_index: int) -> None:
    """Log the case (step -1) or run one of its steps as a use case."""
    if step_index < 0:
        case.case_id, case.version = log_problem(ganxin, case.plan), 1
        return
    step = case.plan.steps[step_index]
    case.unit = step.params.get("lead_unit", case.unit)
    case.version = run_step(ganxin, case.case_id, case.version, step, case.unit)  # type: ignore[arg-type]  # logged at step -1
    case.unit = None if step.action == "return" else case.unit


def run_step(ganxin: Services, case_id: UUID, version: int, step: Step, unit: str | None) -> int:
    """Call the use case for one step; the case's new version."""
    p, action = step.params, step.action
    if action in ("assign", "reassign"):
        return ganxin.cases.assign_case(
            case_id, version, DISPATCH, lead_unit=p["lead_unit"], working_days=p["working_days"]
        )
    if action == "grant_extension":
        return ganxin.cases.grant_extension(case_id, version, DISPATCH, p["note"])
    kind = step_kind(action)
    principal = handler(unit) if kind.by_unit else DISPATCH
    return getattr(ganxin.cases, kind.use_case)(case_id, version, principal, *kind.arguments(p))
