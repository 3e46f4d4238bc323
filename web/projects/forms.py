"""Page forms on a project: secretaries follow its milestones and stage; the desk staffs its tiers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from application.projects import SecretaryDetails
from application.shared import InvalidValue
from application.shared.access import Permission
from web.idempotency import form_idempotency_key
from web.projects.pages import project_response
from web.shared.page import Posted, post_for
from web.shared.page_helpers import expected_version, parse_day

router = APIRouter()
Follow = Annotated[Posted, post_for(Permission.FOLLOW_PROJECTS)]
Manage = Annotated[Posted, post_for(Permission.MANAGE_PROJECTS)]


def _day(posted: Posted, field: str, name: str) -> date:
    day = parse_day(posted.text(field), field, name)
    if day is None:
        raise InvalidValue(f"请填写{name}", field)
    return day


def _done(posted: Posted, key: str, anchor: str, command: Callable[[], object]) -> Response:
    """Run the command; back to the project's section, or the page again with the refusal."""
    return posted.apply(
        command,
        f"/projects/{key}#{anchor}",
        lambda error: project_response(posted, key, failure=error, posted=posted.form),
    )


@router.post("/projects/{key}/milestones", summary="计划或调整节点", dependencies=[Depends(form_idempotency_key)])
def schedule_milestone(key: str, posted: Follow) -> Response:
    """A new milestone, or a new date for one of that name (with the reason)."""

    def command() -> int:
        version, name = expected_version(posted.form), posted.text("name")
        planned_on = _day(posted, "planned_on", "计划日期")
        projects = posted.services.projects
        return projects.schedule_milestone(posted.principal, key, version, name, planned_on, posted.text("reason"))

    return _done(posted, key, "milestones-title", command)


@router.post("/projects/{key}/milestones/achieved", summary="节点完成", dependencies=[Depends(form_idempotency_key)])
def achieve_milestone(key: str, posted: Follow) -> Response:
    """A milestone reached on a day (not in the future)."""

    def command() -> int:
        version, name = expected_version(posted.form), posted.text("name")
        achieved_on = _day(posted, "achieved_on", "完成日期")
        return posted.services.projects.achieve_milestone(posted.principal, key, version, name, achieved_on)

    return _done(posted, key, "milestones-title", command)


@router.post("/projects/{key}/stage", summary="更新项目阶段", dependencies=[Depends(form_idempotency_key)])
def change_stage(key: str, posted: Follow) -> Response:
    """The project moves on to another stage."""
    return _done(
        posted,
        key,
        "facts-title",
        lambda: posted.services.projects.change_project_stage(
            posted.principal, key, expected_version(posted.form), posted.text("stage"), posted.text("note")
        ),
    )


@router.post("/projects/{key}/secretaries", summary="任命或更换服务秘书", dependencies=[Depends(form_idempotency_key)])
def staff_tier(key: str, posted: Manage) -> Response:
    """Appoint to a vacant tier; with a reason, replace whoever holds it."""

    def command() -> int:
        details = SecretaryDetails(
            posted.text("tier"),
            posted.text("secretary_id"),
            posted.text("name"),
            posted.text("unit"),
            _day(posted, "appointed_on", "任职日期"),
            posted.text("phone"),
        )
        version = expected_version(posted.form)
        if posted.text("reason"):
            return posted.services.projects.replace_secretary(
                posted.principal, key, version, details, posted.text("reason")
            )
        return posted.services.projects.appoint_secretary(posted.principal, key, version, details)

    return _done(posted, key, "secretaries-title", command)
