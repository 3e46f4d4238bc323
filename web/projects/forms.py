"""Page forms on a project: secretaries follow its milestones and stage; the desk staffs its tiers."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from application.projects import SecretaryDetails
from application.services import Services
from application.shared import DomainError, InvalidValue
from application.shared.access import Permission, Principal
from web.deps import ServicesDep, page_allow
from web.idempotency import form_idempotency_key
from web.projects.pages import project_response
from web.shared.page_helpers import expected_version, parse_day, read_form, saved, text

router = APIRouter()


def _day(posted: FormData, field: str, name: str):
    day = parse_day(text(posted, field), field, name)
    if day is None:
        raise InvalidValue(f"请填写{name}", field)
    return day


def _done(
    request: Request, services: Services, principal: Principal, key: str, posted: FormData, anchor: str, command
) -> Response:
    """Run the command; back to the project's section, or the page again with the refusal."""
    try:
        command()
    except DomainError as error:
        return project_response(request, services, principal, key, failure=error, posted=posted)
    return saved(request, f"/projects/{key}#{anchor}")


@router.post("/projects/{key}/milestones", summary="计划或调整节点", dependencies=[Depends(form_idempotency_key)])
def schedule_milestone(
    key: str,
    request: Request,
    services: ServicesDep,
    posted: FormData = Depends(read_form),
    principal: Principal = Depends(page_allow(Permission.FOLLOW_PROJECTS)),
) -> Response:
    """A new milestone, or a new date for one of that name (with the reason)."""
    return _done(
        request,
        services,
        principal,
        key,
        posted,
        "milestones-title",
        lambda: services.projects.schedule_milestone(
            principal,
            key,
            expected_version(posted),
            text(posted, "name"),
            _day(posted, "planned_on", "计划日期"),
            text(posted, "reason"),
        ),
    )


@router.post("/projects/{key}/milestones/achieved", summary="节点完成", dependencies=[Depends(form_idempotency_key)])
def achieve_milestone(
    key: str,
    request: Request,
    services: ServicesDep,
    posted: FormData = Depends(read_form),
    principal: Principal = Depends(page_allow(Permission.FOLLOW_PROJECTS)),
) -> Response:
    """A milestone reached on a day (not in the future)."""
    return _done(
        request,
        services,
        principal,
        key,
        posted,
        "milestones-title",
        lambda: services.projects.achieve_milestone(
            principal, key, expected_version(posted), text(posted, "name"), _day(posted, "achieved_on", "完成日期")
        ),
    )


@router.post("/projects/{key}/stage", summary="更新项目阶段", dependencies=[Depends(form_idempotency_key)])
def change_stage(
    key: str,
    request: Request,
    services: ServicesDep,
    posted: FormData = Depends(read_form),
    principal: Principal = Depends(page_allow(Permission.FOLLOW_PROJECTS)),
) -> Response:
    """The project moves on to another stage."""
    return _done(
        request,
        services,
        principal,
        key,
        posted,
        "facts-title",
        lambda: services.projects.change_project_stage(
            principal, key, expected_version(posted), text(posted, "stage"), text(posted, "note")
        ),
    )


@router.post("/projects/{key}/secretaries", summary="任命或更换服务秘书", dependencies=[Depends(form_idempotency_key)])
def staff_tier(
    key: str,
    request: Request,
    services: ServicesDep,
    posted: FormData = Depends(read_form),
    principal: Principal = Depends(page_allow(Permission.MANAGE_PROJECTS)),
) -> Response:
    """Appoint to a vacant tier; with a reason, replace whoever holds it."""

    def command() -> int:
        details = SecretaryDetails(
            text(posted, "tier"),
            text(posted, "secretary_id"),
            text(posted, "name"),
            text(posted, "unit"),
            _day(posted, "appointed_on", "任职日期"),
            text(posted, "phone"),
        )
        if text(posted, "reason"):
            return services.projects.replace_secretary(
                principal, key, expected_version(posted), details, text(posted, "reason")
            )
        return services.projects.appoint_secretary(principal, key, expected_version(posted), details)

    return _done(request, services, principal, key, posted, "secretaries-title", command)
