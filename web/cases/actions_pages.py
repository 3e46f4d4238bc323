"""POST /cases/{case_id}/{action}: one form per action, Post/Redirect/Get on success."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from application.services import Services
from application.shared import DomainError
from application.shared.access import Permission, Principal
from application.shared.errors import NotFound, VersionConflict
from web.cases.action_forms import ACTION_FORMS
from web.cases.detail_page import CONFLICT_MESSAGE, ActionFailure, render_case_page
from web.deps import ServicesDep, page_allow
from web.idempotency import form_idempotency_key
from web.shared.page_helpers import expected_version, not_found, parse_case_id, read_form, saved

router = APIRouter()


@router.post("/cases/{case_id}/{action}", summary="办理问题", dependencies=[Depends(form_idempotency_key)])
def act_on_case(
    case_id: str,
    action: str,
    request: Request,
    services: ServicesDep,
    posted: FormData = Depends(read_form),
    principal: Principal = Depends(page_allow(Permission.ACT_ON_CASES)),
) -> Response:
    """Run the action; a refusal shows the case page again with the message next to the form."""
    parsed, form = parse_case_id(case_id), ACTION_FORMS.get(action)
    if parsed is None or form is None:
        return not_found(request)
    values = form.values(posted)
    try:
        version = expected_version(posted)
        form.check_picked(values)
        form.call(services, parsed, version, principal, values)
    except NotFound:
        return not_found(request)
    except DomainError as error:
        return _refused(request, services, principal, parsed, action, error, values)
    return saved(request, f"/cases/{parsed}#timeline")


def _refused(
    request: Request,
    services: Services,
    principal: Principal,
    case_id: UUID,
    action: str,
    error: DomainError,
    values: dict[str, Any],
) -> Response:
    """The case page as it is now, with the action's form open, its message and the typed values."""
    if isinstance(error, VersionConflict):
        failure = ActionFailure(action, CONFLICT_MESSAGE, None, values)
    else:
        failure = ActionFailure(action, error.message, error.field, values)
    try:
        return render_case_page(request, services, principal, case_id, failure=failure, status_code=error.status)
    except NotFound:
        return not_found(request)
