"""Applying a plan's steps: to an aggregate in memory (bulk load) or through the use cases (as in service)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
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


def apply_step(case: Case, step: Step, at: datetime, calendar: WorkingCalendar) -> None:  # noqa: C901, PLR0912 - one branch per step kind of the plan
    """Call the domain method for one step."""
    p, unit, lead, action = step.params, handler(case.lead_unit).actor, DISPATCH.actor, step.action
    if action in ("classify", "refuse"):
        case.classify(p["disposition"], p["reason"], lead, at)
    elif action in ("assign", "reassign"):
        deadline = calendar.add_working_days(local_date(at), p["working_days"])
        case.assign(p["lead_unit"], [], None, p["working_days"], deadline, lead, at)
    elif action == "accept":
        case.accept(unit, at)
    elif action == "return":
        case.return_case(p["reason"], unit, at)
    elif action == "progress":
        case.note_progress(p["note"], unit, at)
    elif action == "remind":
        case.record_reminder(p["note"], lead, at)
    elif action == "request_extension":
        case.request_extension(p["working_days"], p["reason"], unit, at)
    elif action == "grant_extension":
        extra = case.pending_extension["working_days"]  # type: ignore[index]  # the plan asked for one just before
        case.grant_extension(calendar.add_working_days(case.due_on, extra), p["note"], lead, at)
    elif action == "resolve":
        case.resolve(p["resolution"], unit, at)
    elif action in ("feedback", "feedback_bad"):
        case.give_feedback(p["satisfaction"], p["comment"], lead, at)
    elif action == "reopen":
        case.reopen(p["reason"], lead, at)
    elif action == "close":
        case.close(p["note"], lead, at)
    elif action == "register_cannot_do":
        case.register_cannot_do(p["reason"], lead, at)
    else:
        raise ValueError(f"unknown step {action}")


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


def run_step(ganxin: Services, case_id: UUID, version: int, step: Step, unit: str | None) -> int:  # noqa: C901, PLR0911, PLR0912 - one branch per step kind of the plan
    """Call the use case for one step; the case's new version."""
    p, unit_handler, action = step.params, handler(unit), step.action
    if action in ("classify", "refuse"):
        return ganxin.cases.classify_case(case_id, version, DISPATCH, p["disposition"], p["reason"])
    if action in ("assign", "reassign"):
        return ganxin.cases.assign_case(
            case_id, version, DISPATCH, lead_unit=p["lead_unit"], working_days=p["working_days"]
        )
    if action == "accept":
        return ganxin.cases.accept_case(case_id, version, unit_handler)
    if action == "return":
        return ganxin.cases.return_case(case_id, version, unit_handler, p["reason"])
    if action == "progress":
        return ganxin.cases.note_progress(case_id, version, unit_handler, p["note"])
    if action == "remind":
        return ganxin.cases.record_reminder(case_id, version, DISPATCH, p["note"])
    if action == "request_extension":
        return ganxin.cases.request_extension(case_id, version, unit_handler, p["working_days"], p["reason"])
    if action == "grant_extension":
        return ganxin.cases.grant_extension(case_id, version, DISPATCH, p["note"])
    if action == "resolve":
        return ganxin.cases.resolve_case(case_id, version, unit_handler, p["resolution"])
    if action in ("feedback", "feedback_bad"):
        return ganxin.cases.give_feedback(case_id, version, DISPATCH, p["satisfaction"], p["comment"])
    if action == "reopen":
        return ganxin.cases.reopen_case(case_id, version, DISPATCH, p["reason"])
    if action == "close":
        return ganxin.cases.close_case(case_id, version, DISPATCH, p["note"])
    if action == "register_cannot_do":
        return ganxin.cases.register_cannot_do(case_id, version, DISPATCH, p["reason"])
    raise ValueError(f"unknown step {action}")
