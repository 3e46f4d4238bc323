"""The task-force pages (工作专班): the leader's overview and one task force's problem list and meetings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from application.cases import Moment
from application.projects import TaskForceNotYetFormed
from application.services import Services
from application.shared import DomainError
from application.shared.access import Permission
from application.task_forces import leads_task_force
from web.shared.page import Page, page_for
from web.shared.page_helpers import past_context, unit_names

router = APIRouter()
Viewer = Annotated[Page, page_for(Permission.VIEW_PROJECTS)]
TASK_FORCE_MISSING = "您要找的工作专班不存在，可能链接有误。"


@router.get("/task-forces", response_class=HTMLResponse, summary="工作专班")
def task_force_overview(page: Viewer, as_of: str = "") -> HTMLResponse:
    """Every task force the person may read, with its problem counts and meetings held (then, with as_of)."""
    services, principal = page.services, page.principal
    moment = past_context(services, as_of)
    return page.render(
        "task_forces.html",
        {
            "task_forces": services.projects_as_of.task_force_overview_as_of(principal, moment)
            if moment
            else services.project_views.task_force_overview(principal),
            "today": services.store.today(),
            "past": moment,
            "now_url": "/task-forces",
        },
    )


@router.get("/task-forces/{key}", response_class=HTMLResponse, summary="专班详情")
def task_force_page(key: str, page: Viewer, as_of: str = "") -> Response:
    """Members, meetings and the live problem list, with what moved since the last meeting (then, with as_of)."""
    moment = past_context(page.services, as_of)
    if moment:
        return render_past_task_force(page, key, moment)
    return task_force_response(page, key)


def task_force_response(
    page: Page, key: str, *, failure: DomainError | None = None, posted: FormData | None = None
) -> Response:
    """The task force's page; with a refused meeting form, its message and what was typed."""
    return page.found(
        lambda: page.services.project_views.task_force_view(page.principal, key),
        TASK_FORCE_MISSING,
        lambda view: page.render(
            "task_force.html",
            {
                **task_force_context(page.services, view),
                "can_run": leads_task_force(page.principal, key) and view.task_force.dissolved_on is None,
                "failure": failure,
                "typed": posted or {},
                "ticked": posted.getlist("struck_off") if posted else [],
            },
            status_code=failure.status if failure else 200,
        ),
    )


def task_force_context(services: Services, view: Any) -> dict[str, Any]:
    """What the task force's page shows of a view, now or as it stood."""
    project = view.task_force.project
    names = services.project_views.project_names((project,)) if project else {}
    return {
        "view": view,
        "units": unit_names(services),
        "project_name": names.get(project, ""),
        "today": services.store.today(),
    }


def render_past_task_force(page: Page, key: str, moment: Moment) -> Response:
    """One task force as it stood at the moment: its list, meetings held by then, a banner and no meeting form."""
    return page.found(
        lambda: page.services.projects_as_of.task_force_view_as_of(page.principal, key, moment),
        TASK_FORCE_MISSING,
        lambda view: page.render(
            "task_force.html",
            {
                **task_force_context(page.services, view),
                "can_run": False,
                "failure": None,
                "typed": {},
                "ticked": [],
                "past": moment,
                "now_url": f"/task-forces/{key}",
            },
        ),
        told=TaskForceNotYetFormed,
    )
