"""Key projects: list, my projects, one project, its secretaries, milestones, ledger; the handbook."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import Field

from application.projects import ProjectDetails, ProjectRow, SecretaryDetails
from application.services import Services
from application.shared import InvalidValue
from application.shared.access import Permission, Principal
from web.deps import ServicesDep, api_allow
from web.projects.schemas import (
    MilestoneOut,
    ProjectDetailOut,
    ProjectListOut,
    ProjectOut,
    SecretaryOut,
    VersionOut,
    problem_out,
)
from web.shared.bodies import Body
from web.shared.changes import Change, add_changes
from web.shared.downloads import pdf_response, xlsx_response
from web.shared.readers import AS_OF_HELP, AchievedOn, AppointedOn, AsOfDay, PlannedOn
from web.shared.schemas import NOT_FOUND

router = APIRouter(tags=["重点项目 Key projects"])


class ProjectIn(Body):
    """A new project."""

    key: str
    name: str
    kind: str = Field("key_project", description="key_project 重点项目 / listing_reserve 上市后备企业")
    enterprise_uscc: str = ""
    park: str = ""
    investment_cny: int | None = Field(None, strict=True)
    stage: str = ""
    task_force: str = ""


class Versioned(Body):
    """The version of the project the person saw."""

    expected_version: int = Field(strict=True)


class SecretaryIn(Versioned):
    """A secretary appointed (or replacing the current one) at a tier."""

    tier: str = Field(description="district / department / street（上市后备企业：listing）")
    secretary_id: str = Field(description="秘书的账号（用户名）")
    name: str
    unit: str
    appointed_on: AppointedOn
    phone: str = ""
    reason: str = Field("", description="更换时必填")


class MilestoneIn(Versioned):
    """A milestone planned, re-planned (with a reason) or achieved."""

    name: str
    planned_on: PlannedOn | None = None
    achieved_on: AchievedOn | None = None
    reason: str = ""


class StageIn(Versioned):
    """The project's new stage."""

    stage: str
    note: str = ""


class LinkIn(Body):
    """Put a case on this project's ledger."""

    case_id: UUID
    expected_version: int = Field(strict=True, description="问题当前版本")


def _out(row: ProjectRow) -> ProjectOut:
    return ProjectOut(**row.__dict__)


@router.get("/projects", summary="项目列表 Projects", response_model=ProjectListOut)
def projects(
    services: ServicesDep,
    as_of: str | None = Query(None, description=AS_OF_HELP),
    principal: Principal = Depends(api_allow(Permission.VIEW_PROJECTS)),
) -> ProjectListOut:
    """Every project you may read (a secretary: their own); with as_of, the ledgers' counts then (no stage)."""
    if as_of:
        moment = services.cases_as_of.moment(as_of, "as_of")
        return ProjectListOut(
            items=[_out(p) for p in services.projects_as_of.project_list_as_of(principal, moment)], as_of=moment.shown
        )
    return ProjectListOut(items=[_out(p) for p in services.project_views.project_list(principal)])


@router.get("/my-projects", summary="我的项目 My projects", response_model=ProjectListOut)
def my_projects(
    services: ServicesDep, principal: Principal = Depends(api_allow(Permission.VIEW_PROJECTS))
) -> ProjectListOut:
    """The projects you serve as a secretary now."""
    return ProjectListOut(items=[_out(p) for p in services.project_views.my_projects(principal)])


@router.post("/projects", summary="登记项目 Register a project", response_model=VersionOut, status_code=201)
def register(
    body: ProjectIn, services: ServicesDep, principal: Principal = Depends(api_allow(Permission.MANAGE_PROJECTS))
) -> VersionOut:
    """A new key project or listing-reserve enterprise."""
    services.projects.register_project(principal, ProjectDetails(**body.model_dump()))
    return VersionOut(version=1)


@router.get("/projects/{key}", summary="项目详情 One project", response_model=ProjectDetailOut, responses=NOT_FOUND)
def project(
    key: str,
    services: ServicesDep,
    as_of: str | None = Query(None, description=AS_OF_HELP),
    principal: Principal = Depends(api_allow(Permission.VIEW_PROJECTS)),
) -> ProjectDetailOut:
    """Secretaries, milestones against plan and the problem ledger (as they stood, with as_of)."""
    moment = services.cases_as_of.moment(as_of, "as_of") if as_of else None
    view = (
        services.projects_as_of.project_view_as_of(principal, key, moment)
        if moment
        else services.project_views.project_view(principal, key)
    )
    return ProjectDetailOut(
        as_of=moment.shown if moment else None,
        **_out(view.project).model_dump(),
        secretaries=[SecretaryOut(**{k: v for k, v in s.__dict__.items() if k != "project"}) for s in view.secretaries],
        past_secretaries=[
            SecretaryOut(**{k: v for k, v in s.__dict__.items() if k != "project"}) for s in view.past_secretaries
        ],
        milestones=[
            MilestoneOut(**{k: v for k, v in m.row.__dict__.items() if k != "project"}, state=m.label)
            for m in view.milestones
        ],
        problems=[problem_out(p) for p in view.problems],
    )


@router.get(
    "/projects/{key}/ledger.xlsx",
    summary="导出问题台账 Export the ledger (.xlsx)",
    response_class=Response,
    responses=NOT_FOUND,
)
def ledger(
    key: str,
    request: Request,
    services: ServicesDep,
    as_of: AsOfDay | None = Query(None, description="截至日期（默认今天）"),
    principal: Principal = Depends(api_allow(Permission.VIEW_PROJECTS)),
) -> Response:
    """The project's problem ledger as it stood at the end of `as_of`."""
    sheet = services.ledger.project_ledger(principal, key, as_of)
    return xlsx_response(request, [sheet], f"{key}-{sheet.as_of}.xlsx")


@router.get("/handbook.pdf", summary="项目服务手册 The project handbook (PDF)", response_class=Response)
def handbook(
    request: Request,
    services: ServicesDep,
    as_of: AsOfDay | None = Query(None, description="截至日期（默认今天）"),
    principal: Principal = Depends(api_allow(Permission.VIEW_PROJECTS)),
) -> Response:
    """Every project you may read with secretaries, contacts, milestones and open problems."""
    book = services.ledger.handbook(principal, as_of)
    return pdf_response(request, book, f"project-handbook-{book.as_of}.pdf")


def secretary(services: Services, principal: Principal, key: str, body: SecretaryIn) -> int:
    """Appoint to a vacant tier; with a reason, replace the current secretary of the tier."""
    details = SecretaryDetails(body.tier, body.secretary_id, body.name, body.unit, body.appointed_on, body.phone)
    if body.reason:
        return services.projects.replace_secretary(principal, key, body.expected_version, details, body.reason)
    return services.projects.appoint_secretary(principal, key, body.expected_version, details)


def milestone(services: Services, principal: Principal, key: str, body: MilestoneIn) -> int:
    """achieved_on: reached; else a new name is planned; else an existing one is re-planned (reason required)."""
    projects = services.projects
    if body.achieved_on is not None:
        return projects.achieve_milestone(principal, key, body.expected_version, body.name, body.achieved_on)
    if body.planned_on is None:
        raise InvalidValue("请填写计划日期或完成日期", "planned_on")
    return projects.schedule_milestone(principal, key, body.expected_version, body.name, body.planned_on, body.reason)


def stage(services: Services, principal: Principal, key: str, body: StageIn) -> int:
    """The project moves on."""
    return services.projects.change_project_stage(principal, key, body.expected_version, body.stage, body.note)


def link_case(services: Services, principal: Principal, key: str, body: LinkIn) -> int:
    """The case joins the project's ledger; returns the case's new version."""
    return services.projects.link_case_to_project(principal, body.case_id, body.expected_version, key)


MANAGE = Permission.MANAGE_PROJECTS
add_changes(
    router,
    "/projects/{key}",
    VersionOut,
    Permission.FOLLOW_PROJECTS,
    (
        Change("/secretaries", "任命或更换服务秘书 Appoint or replace a secretary", secretary, MANAGE),
        Change("/milestones", "计划、调整或完成节点 Plan, re-plan or achieve a milestone", milestone),
        Change("/stage", "更新项目阶段 Change the stage", stage),
        Change("/cases", "列入项目问题台账 Put a case on the ledger", link_case),
    ),
)
