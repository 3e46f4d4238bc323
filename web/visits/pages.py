"""The visit form: a cadre logs a sitting and every problem raised at it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response

from application.shared import CATEGORIES, STREETS, Channel, DomainError, parse_count
from application.shared.access import Permission
from application.shared.errors import FieldError, ValidationFailed
from web.idempotency import form_idempotency_key
from web.shared.page import Page, Posted, page_for, post_for
from web.shared.page_helpers import saved
from web.visits.forms import DEFAULT_ROWS, MAX_ROWS, VisitForm, summary

router = APIRouter()


def _render_form(
    page: Page, form: VisitForm, errors: dict[str, list[str]] | None = None, status_code: int = 200
) -> HTMLResponse:
    context = {
        "form": form,
        "errors": errors or {},
        "summary": summary(errors or {}),
        "today": page.services.store.today().isoformat(),
        "channels": Channel.choices(),
        "categories": CATEGORIES,
        "streets": STREETS,
        "more_rows": min(len(form.rows) + 2, MAX_ROWS),
    }
    return page.render("visit_form.html", context, status_code=status_code)


@router.get("/visits/new", response_class=HTMLResponse, summary="登记走访")
def new_visit(page: Annotated[Page, page_for(Permission.LOG_VISIT)], rows: str = str(DEFAULT_ROWS)) -> HTMLResponse:
    """The empty visit form (?rows=N gives more problem rows without JavaScript)."""
    count = parse_count(rows, "rows", "问题行数", default=DEFAULT_ROWS)
    return _render_form(page, VisitForm.blank(page.services.store.today(), count))


@router.post(
    "/visits", response_class=HTMLResponse, summary="提交走访登记", dependencies=[Depends(form_idempotency_key)]
)
def submit_visit(posted: Annotated[Posted, post_for(Permission.LOG_VISIT)]) -> Response:
    """Log the visit and its cases together; on bad input show the form again with every error."""
    form = VisitForm.from_form(posted.form)
    try:
        logged = posted.services.visits.log_visit(posted.principal, form.to_input())
    except ValidationFailed as failure:
        return _render_form(posted, form, form.field_errors(failure.errors), failure.status)
    except DomainError as error:
        failed = [FieldError(error.code, error.message, error.field)]
        return _render_form(posted, form, form.field_errors(failed), error.status)
    return saved(posted.request, "/cases?created=" + ",".join(str(case_id) for case_id in logged.case_ids))
