"""The task-force pages (工作专班): the leader's overview and one task force's problem list and meetings."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from application.access import Permission, Principal
from application.app import Ganxin
from application.errors import NotFound
from application.task_force_commands import leads_task_force
from domain.errors import DomainError
from domain.vocabulary import Labelled
from web.deps import get_ganxin, page_allow
from web.pages.common import not_found
from web.templating import render

router = APIRouter()
TASK_FORCE_MISSING = "您要找的工作专班不存在，可能链接有误。"


def label_of(vocabulary: type[Labelled], code: str | None) -> str:
    """The Chinese label of a vocabulary code; an unknown code is shown as is rather than hidden."""
    if not code:
        return ""
    try:
        return vocabulary(code).label
    except ValueError:
        return code


def unit_names(ganxin: Ganxin) -> dict[str, str]:
    """Unit key → full name, for member and supporting units."""
    return {u.key: u.name for u in ganxin.read_model.list_units()}


@router.get("/task-forces", response_class=HTMLResponse, summary="工作专班")
def task_force_overview(request: Request, principal: Principal = Depends(page_allow(Permission.VIEW_PROJECTS)),
                        ganxin: Ganxin = Depends(get_ganxin)) -> HTMLResponse:
    """Every task force the person may read, with its problem counts and meetings held."""
    return render(request, "task_forces.html", {
        "actor": principal.actor,
        "task_forces": ganxin.task_force_overview(principal),
        "today": ganxin.today(),
    })


@router.get("/task-forces/{key}", response_class=HTMLResponse, summary="专班详情")
def task_force_page(key: str, request: Request, principal: Principal = Depends(page_allow(Permission.VIEW_PROJECTS)),
                    ganxin: Ganxin = Depends(get_ganxin)) -> Response:
    """Members, meetings and the live problem list, with what moved since the last meeting."""
    return task_force_response(request, ganxin, principal, key)


def task_force_response(request: Request, ganxin: Ganxin, principal: Principal, key: str, *,  # noqa: PLR0913
                        failure: DomainError | None = None, posted: FormData | None = None) -> Response:
    """The task force's page; with a refused meeting form, its message and what was typed."""
    try:
        view = ganxin.task_force_view(principal, key)
    except NotFound:
        return not_found(request, TASK_FORCE_MISSING)
    project_names = {p.key: p.name for p in ganxin.read_model.projects((view.task_force.project,))} \
        if view.task_force.project else {}
    return render(request, "task_force.html", {
        "actor": principal.actor,
        "view": view,
        "units": unit_names(ganxin),
        "project_name": project_names.get(view.task_force.project, ""),
        "today": ganxin.today(),
        "can_run": leads_task_force(principal, key) and view.task_force.dissolved_on is None,
        "failure": failure,
        "typed": posted or {},
        "ticked": posted.getlist("struck_off") if posted else [],
    }, status_code=failure.status if failure else 200)
