"""Past views of the task-force and project pages: the same templates, a banner, no forms (the past is read only)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from application.accounts.access import Principal
from application.cases.as_of import Moment
from application.projects.as_of import ProjectNotYetRegistered, TaskForceNotYetFormed
from application.services import Services
from application.shared.errors import NotFound
from web.pages.common import not_found
from web.pages.task_force_pages import TASK_FORCE_MISSING, task_force_context
from web.templating import render


def render_past_task_force(request: Request, ganxin: Services, principal: Principal, key: str,
                           moment: Moment) -> Response:
    """One task force as it stood at the moment: its list, meetings held by then, a banner and no meeting form."""
    try:
        view = ganxin.projects_as_of.task_force_view_as_of(principal, key, moment)
    except TaskForceNotYetFormed as error:
        return not_found(request, error.message)
    except NotFound:
        return not_found(request, TASK_FORCE_MISSING)
    return render(request, "task_force.html", {
        **task_force_context(ganxin, principal, view),
        "can_run": False, "failure": None, "typed": {}, "ticked": [],
        "past": moment, "now_url": f"/task-forces/{key}",
    })


def render_past_project(request: Request, ganxin: Services, principal: Principal, key: str, moment: Moment,
                        missing: str) -> Response:
    """One project as it stood at the moment: its stage and milestones then, its ledger then, no forms."""
    from web.pages.project_pages import project_context  # noqa: PLC0415 - project_pages imports this module

    try:
        view = ganxin.projects_as_of.project_view_as_of(principal, key, moment)
    except ProjectNotYetRegistered as error:
        return not_found(request, error.message)
    except NotFound:
        return not_found(request, missing)
    return render(request, "project.html", {
        **project_context(ganxin, principal, view),
        "can_follow": False, "can_manage": False, "failure": None, "typed": {},
        "past": moment, "now_url": f"/projects/{key}",
    })


def past_context(ganxin: Services, as_of: str) -> Moment | None:
    """The moment a list's `as_of` names (None: now); refused in Chinese if unreadable or still to come."""
    return ganxin.cases_as_of.moment(as_of, "as_of") if as_of.strip() else None

