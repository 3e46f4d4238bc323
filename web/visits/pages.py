"""The visit form: a cadre logs a sitting and every problem raised at it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from application.services import Services
from application.shared import CATEGORIES, STREETS, Actor, Channel, DomainError, parse_count
from application.shared.access import Permission, Principal
from application.shared.errors import FieldError, ValidationFailed
from web.deps import ServicesDep, page_allow
from web.idempotency import form_idempotency_key
from web.shared.page_helpers import read_form, saved
from web.templating import render
from web.visits.forms import DEFAULT_ROWS, MAX_ROWS, VisitForm, summary

router = APIRouter()


def _render_form(
    request: Request,
    services: Services,
    actor: Actor,
    form: VisitForm,
    errors: dict[str, list[str]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    context = {
        "actor": actor,
        "form": form,
        "errors": errors or {},
        "summary": summary(errors or {}),
        "today": services.store.today().isoformat(),
        "channels": Channel.choices(),
        "categories": CATEGORIES,
        "streets": STREETS,
        "more_rows": min(len(form.rows) + 2, MAX_ROWS),
    }
    return render(request, "visit_form.html", context, status_code=status_code)


@router.get("/visits/new", response_class=HTMLResponse, summary="登记走访")
def new_visit(
    request: Request,
    services: ServicesDep,
    rows: str = str(DEFAULT_ROWS),
    principal: Principal = Depends(page_allow(Permission.LOG_VISIT)),
) -> HTMLResponse:
    """The empty visit form (?rows=N gives more problem rows without JavaScript)."""
    count = parse_count(rows, "rows", "问题行数", default=DEFAULT_ROWS)
    return _render_form(request, services, principal.actor, VisitForm.blank(services.store.today(), count))


@router.post(
    "/visits", response_class=HTMLResponse, summary="提交走访登记", dependencies=[Depends(form_idempotency_key)]
)
def submit_visit(
    request: Request,
    services: ServicesDep,
    posted: FormData = Depends(read_form),
    principal: Principal = Depends(page_allow(Permission.LOG_VISIT)),
) -> Response:
    """Log the visit and its cases together; on bad input show the form again with every error."""
    form = VisitForm.from_form(posted)
    try:
        logged = services.visits.log_visit(principal, form.to_input())
    except ValidationFailed as failure:
        return _render_form(request, services, principal.actor, form, form.field_errors(failure.errors), failure.status)
    except DomainError as error:
        failed = [FieldError(error.code, error.message, error.field)]
        return _render_form(request, services, principal.actor, form, form.field_errors(failed), error.status)
    return saved(request, "/cases?created=" + ",".join(str(case_id) for case_id in logged.case_ids))
