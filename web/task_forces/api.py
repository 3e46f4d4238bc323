"""Task forces: the leader's view, one task force, its life (members, leader, meetings, dissolving), its ledger."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from application.projects import TaskForceView
from application.services import Services
from application.shared.access import Permission, Principal
from application.task_forces import DeadlineChange, ListedProblem, MeetingMinutes
from web.deps import ServicesDep, api_allow
from web.projects import ProblemOut, VersionOut, problem_out
from web.shared.bodies import Body, WorkingDays
from web.shared.changes import Change, add_changes
from web.shared.downloads import xlsx_response
from web.shared.readers import AS_OF_HELP, AsOfDay, DissolvedOn, FormedOn, HeldOn
from web.shared.schemas import CONFLICT, NOT_FOUND
from web.task_forces.schemas import (
    MeetingOut,
    TaskForceDetailOut,
    TaskForceOverviewOut,
    TaskForceRowOut,
    task_force_row_out,
)

router = APIRouter(tags=["工作专班 Task forces"])


class ExpectedVersion(Body):
    """The version of the task force the person saw."""

    expected_version: int = Field(strict=True, description="专班当前版本（乐观并发控制）")


class ListedIn(Body):
    """A case the meeting put on the problem list."""

    case_id: str
    lead_unit: str
    working_days: WorkingDays
    supporting_units: list[str] = Field(default_factory=list)


class DeadlineChangeIn(Body):
    """A new time limit for a listed case, counted from the meeting's day."""

    case_id: str
    working_days: WorkingDays
    reason: str


class MeetingIn(ExpectedVersion):
    """A coordination meeting (专班调度会) and the changes it made to the problem list."""

    held_on: HeldOn = Field(description="会议日期（不能晚于今天）")
    title: str = ""
    attendees: list[str] = Field(description="参会人员（至少一人）")
    decisions: list[str] = Field(default_factory=list, description="会议决定")
    listed: list[ListedIn] = Field(default_factory=list, description="列入问题清单的问题")
    deadline_changes: list[DeadlineChangeIn] = Field(default_factory=list, description="调整时限")
    struck_off: list[str] = Field(default_factory=list, description="销号的问题（须已办结）")


class MemberIn(ExpectedVersion):
    """A unit joining or leaving."""

    unit: str
    reason: str = ""


class LeaderIn(ExpectedVersion):
    """A new leader and why."""

    leader: str
    reason: str


class DissolveIn(ExpectedVersion):
    """The end of the task force."""

    dissolved_on: DissolvedOn
    summary: str


class TaskForceIn(Body):
    """A new task force."""

    key: str
    name: str
    leader: str
    member_units: list[str]
    purpose: str = ""
    formed_on: FormedOn
    project: str = Field("", description="服务的重点项目代码（主题专班留空）")


class MeetingResultOut(BaseModel):
    """The recorded meeting's number and the task force's new version."""

    number: int
    version: int


def _detail(view: TaskForceView, as_of: datetime | None = None) -> TaskForceDetailOut:
    return TaskForceDetailOut(
        **task_force_row_out(view.task_force).model_dump(),
        meetings_held=[MeetingOut(**m.__dict__) for m in view.meetings],
        problems=[problem_out(p) for p in view.problems],
        struck_off_in_time=view.struck_off_in_time,
        escalated=[str(p.row.case.case_id) for p in view.escalated],
        changed_since_last_meeting=[str(p.row.case.case_id) for p in view.since_last_meeting],
        as_of=as_of,
    )


@router.get(
    "/task-forces-overview", summary="专班总览 All task forces with counts", response_model=TaskForceOverviewOut
)
def overview(
    services: ServicesDep,
    as_of: str | None = Query(None, description=AS_OF_HELP),
    principal: Principal = Depends(api_allow(Permission.VIEW_PROJECTS)),
) -> TaskForceOverviewOut:
    """Every task force you may read, with open, overdue and struck-off counts (as they stood, with as_of)."""
    if as_of:
        moment = services.cases_as_of.moment(as_of, "as_of")
        rows = services.projects_as_of.task_force_overview_as_of(principal, moment)
        return TaskForceOverviewOut(items=[task_force_row_out(t) for t in rows], as_of=moment.shown)
    return TaskForceOverviewOut(
        items=[task_force_row_out(t) for t in services.project_views.task_force_overview(principal)]
    )


@router.post(
    "/task-forces", summary="成立专班 Form a task force", response_model=VersionOut, status_code=201, responses=CONFLICT
)
def form(
    body: TaskForceIn, services: ServicesDep, principal: Principal = Depends(api_allow(Permission.MANAGE_PROJECTS))
) -> VersionOut:
    """A task force led by a district leader, with member units (the dispatch desk or an admin)."""
    services.registry.form_task_force(
        principal, body.key, body.name, body.leader, body.member_units, body.purpose, body.formed_on, body.project
    )
    return VersionOut(version=1)


@router.get(
    "/task-forces/{key}", summary="专班详情 One task force", response_model=TaskForceDetailOut, responses=NOT_FOUND
)
def detail(
    key: str,
    services: ServicesDep,
    as_of: str | None = Query(None, description=AS_OF_HELP),
    principal: Principal = Depends(api_allow(Permission.VIEW_PROJECTS)),
) -> TaskForceDetailOut:
    """Members, meetings and the live problem list with lights (as they stood, with as_of)."""
    if as_of:
        moment = services.cases_as_of.moment(as_of, "as_of")
        return _detail(services.projects_as_of.task_force_view_as_of(principal, key, moment), moment.shown)
    return _detail(services.project_views.task_force_view(principal, key))


@router.get(
    "/task-forces/{key}/ledger.xlsx",
    summary="导出问题清单 Export the problem list (.xlsx)",
    response_class=Response,
    responses={
        **NOT_FOUND,
        200: {"content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}},
    },
)
def ledger(
    key: str,
    request: Request,
    services: ServicesDep,
    as_of: AsOfDay | None = Query(None, description="截至日期（默认今天）"),
    principal: Principal = Depends(api_allow(Permission.VIEW_PROJECTS)),
) -> Response:
    """The problem list as cadres keep it in Excel, as it stood at the end of `as_of`."""
    sheet = services.ledger.task_force_ledger(principal, key, as_of)
    return xlsx_response(request, [sheet], f"{key}-{sheet.as_of}.xlsx")


@router.post(
    "/task-forces/{key}/meetings",
    summary="记录调度会 Record a coordination meeting",
    response_model=MeetingResultOut,
    responses={**NOT_FOUND, **CONFLICT},
)
def meeting(
    key: str,
    body: MeetingIn,
    services: ServicesDep,
    principal: Principal = Depends(api_allow(Permission.RUN_TASK_FORCES)),
) -> MeetingResultOut:
    """The meeting, and every case it listed, re-timed or struck off, in one atomic save."""
    minutes = MeetingMinutes(
        held_on=body.held_on,
        attendees=tuple(body.attendees),
        decisions=tuple(body.decisions),
        title=body.title,
        listed=tuple(
            ListedProblem(p.case_id, p.lead_unit, p.working_days, tuple(p.supporting_units)) for p in body.listed
        ),
        deadline_changes=tuple(DeadlineChange(c.case_id, c.working_days, c.reason) for c in body.deadline_changes),
        struck_off=tuple(body.struck_off),
    )
    number = services.task_forces.hold_meeting(principal, key, body.expected_version, minutes)
    return MeetingResultOut(number=number, version=services.registry.get_task_force(key).version)


def add_member(services: Services, principal: Principal, key: str, body: MemberIn) -> int:
    """A unit joins the task force."""
    return services.task_forces.add_task_force_member(principal, key, body.expected_version, body.unit)


def remove_member(services: Services, principal: Principal, key: str, body: MemberIn) -> int:
    """A unit leaves the task force (a reason is required)."""
    forces = services.task_forces
    return forces.remove_task_force_member(principal, key, body.expected_version, body.unit, body.reason)


def change_leader(services: Services, principal: Principal, key: str, body: LeaderIn) -> int:
    """Another district leader takes charge."""
    forces = services.task_forces
    return forces.change_task_force_leader(principal, key, body.expected_version, body.leader, body.reason)


def dissolve(services: Services, principal: Principal, key: str, body: DissolveIn) -> int:
    """The task force ends its work, with a summary."""
    forces = services.task_forces
    return forces.dissolve_task_force(principal, key, body.expected_version, body.dissolved_on, body.summary)


add_changes(
    router,
    "/task-forces/{key}",
    VersionOut,
    Permission.RUN_TASK_FORCES,
    (
        Change("/members", "增加成员单位 Add a member unit", add_member),
        Change("/members/remove", "移出成员单位 Remove a member unit", remove_member),
        Change("/leader", "更换专班负责人 Change the leader", change_leader),
        Change("/dissolve", "撤销专班 Dissolve", dissolve),
    ),
)


__all__ = ["ProblemOut", "TaskForceRowOut", "router"]
