"""The task-force pages (工作专班): the leader's overview and one task force's problem list and meetings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from application.cases import Moment
from application.projects import TaskForceNotYetFormed
from application.services import Services
from application.shared import DomainError
from application.shared.access import Permission, Principal
from application.shared.errors import NotFound
from application.task_forces import leads_task_force
from web.deps import ServicesDep, page_allow
from web.shared.page_helpers import not_found, past_context, unit_names
from web.templating import render

router = APIRouter()
TASK_FORCE_MISSING = "您要找的工作专班不存在，可能链接有误。"


@router.get("/task-forces", response_class=HTMLResponse, summary="工作专班")
def task_force_overview(
    request: Request,
    services: ServicesDep,
    as_of: str = "",
    principal: Principal = Depends(page_allow(Permission.VIEW_PROJECTS)),
) -> HTMLResponse:
    """Every task force the person may read, with its problem counts and meetings held (then, with as_of)."""
    moment = past_context(services, as_of)
    return render(
        request,
        "task_forces.html",
        {
            "actor": principal.actor,
            "task_forces": services.projects_as_of.task_force_overview_as_of(principal, moment)
            if moment
            else services.project_views.task_force_overview(principal),
            "today": services.store.today(),
            "past": moment,
            "now_url": "/task-forces",
        },
    )


@router.get("/task-forces/{key}", response_class=HTMLResponse, summary="专班详情")
def task_force_page(
    key: str,
    request: Request,
    services: ServicesDep,
    as_of: str = "",
    principal: Principal = Depends(page_allow(Permission.VIEW_PROJECTS)),
) -> Response:
    """Members, meetings and the live problem list, with what moved since the last meeting (then, with as_of)."""
    moment = past_context(services, as_of)
    if moment:
        return render_past_task_force(request, services, principal, key, moment)
    return task_force_response(request, services, principal, key)


def task_force_response(
    request: Request,
    services: Services,
    principal: Principal,
    key: str,
    *,
    failure: DomainError | None = None,
    posted: FormData | None = None,
) -> Response:
    """The task force's page; with a refused meeting form, its message and what was typed."""
    try:
        view = services.project_views.task_force_view(principal, key)
    except NotFound:
        return not_found(request, TASK_FORCE_MISSING)
    return render(
        request,
        "task_force.html",
        {
            **task_force_context(services, principal, view),
            "can_run": leads_task_force(principal, key) and view.task_force.dissolved_on is None,
            "failure": failure,
            "typed": posted or {},
            "ticked": posted.getlist("struck_off") if posted else [],
        },
        status_code=failure.status if failure else 200,
    )


def task_force_context(services: Services, principal: Principal, view: Any) -> dict[str, Any]:
    """What the task force's page shows of a view, now or as it stood."""
    project = view.task_force.project
    names = services.project_views.project_names((project,)) if project else {}
    return {
        "actor": principal.actor,
        "view": view,
        "units": unit_names(services),
        "project_name": names.get(project, ""),
        "today": services.store.today(),
    }


def render_past_task_force(
    request: Request, services: Services, principal: Principal, key: str, moment: Moment
) -> Response:
    """One task force as it stood at the moment: its list, meetings held by then, a banner and no meeting form."""
    try:
        view = services.projects_as_of.task_force_view_as_of(principal, key, moment)
    except TaskForceNotYetFormed as error:
        return not_found(request, error.message)
    except NotFound:
        return not_found(request, TASK_FORCE_MISSING)
    return render(
        request,
        "task_force.html",
        {
            **task_force_context(services, principal, view),
            "can_run": False,
            "failure": None,
            "typed": {},
            "ticked": [],
            "past": moment,
            "now_url": f"/task-forces/{key}",
        },
    )
