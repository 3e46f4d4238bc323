"""The inspectors' findings pages: the list, the form, one finding with its cited cases and events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response

from application.findings import BEHAVIOUR, FIELD, FindingFilter
from application.services import Services
from application.shared import DomainError
from application.shared.access import Permission, Principal
from application.shared.errors import NotFound
from web.findings.form_input import finding_input, form_values
from web.findings.history import amend_values, choices, history_rows
from web.idempotency import form_idempotency_key
from web.shared.page import Page, Posted, page_for, post_for, query_texts
from web.shared.page_helpers import expected_version, not_found, saved

router = APIRouter()
Record = Annotated[Posted, post_for(Permission.RECORD_FINDINGS)]
FINDING_MISSING = "您要找的认定不存在，可能链接有误。"
DONE = {
    "amend": "已修改认定，修改前的内容保留在下方的记录中。",
    "typical": "已列为典型案例。",
    "untypical": "已取消典型案例。",
    "withdraw": "已撤销认定。",
}


@dataclass(frozen=True)
class Refusal:
    """A refused change from the finding's page: which form, why, and what was typed in it."""

    form: str
    error: DomainError
    values: dict


def labels(services: Services, principal: Principal) -> dict[str, tuple[str, bool]]:
    """Item key → (current name, retired), for showing what findings were classified under."""
    return {m.key: (m.label, m.retired) for m in services.finding_queries.manifestations(principal)}


def _form_page(page: Page, values: dict, error: DomainError | None = None) -> HTMLResponse:
    services = page.services
    items = services.finding_queries.manifestations(page.principal)
    return page.render(
        "finding_form.html",
        {
            "values": values,
            "error": error,
            "units": [(u.key, u.name) for u in services.registry_queries.list_units()],
            "fields": [(m.key, m.label) for m in items if m.kind == FIELD and not m.retired],
            "behaviours": [(m.key, m.label) for m in items if m.kind == BEHAVIOUR and not m.retired],
        },
        status_code=error.status if error else 200,
    )


@router.get("/findings", response_class=HTMLResponse, summary="认定")
def finding_list(
    page: Annotated[Page, page_for(Permission.VIEW_FINDINGS)],
    asked: Annotated[dict[str, str], query_texts("unit", "field", "typical")],
) -> HTMLResponse:
    """Findings, newest first, filtered by unit, field or typical cases."""
    services, principal = page.services, page.principal
    unit, field, typical = asked["unit"], asked["field"], asked["typical"]
    rows = services.finding_queries.list_findings(
        principal,
        FindingFilter(unit=unit.strip() or None, field=field.strip() or None, typical=True if typical == "1" else None),
    )
    items = services.finding_queries.manifestations(principal)
    return page.render(
        "findings.html",
        {
            "findings": rows,
            "labels": labels(services, principal),
            "units": [(u.key, u.name) for u in services.registry_queries.list_units()],
            "fields": [(m.key, m.label) for m in items if m.kind == FIELD],
            "chosen": {"unit": unit, "field": field, "typical": typical},
        },
    )


@router.get("/findings/new", response_class=HTMLResponse, summary="记录认定")
def new_finding(page: Annotated[Page, page_for(Permission.RECORD_FINDINGS)], case: str = "") -> HTMLResponse:
    """The form; the taxonomy's active items are the choices, a case can be filled in from its page."""
    return _form_page(page, {"cases": case.strip()[:200]})


@router.post("/findings", summary="记录认定", dependencies=[Depends(form_idempotency_key)])
def record_finding(posted: Record) -> Response:
    """Record the finding and show it; a refusal keeps what was typed, with the message."""
    values = form_values(posted.form)
    try:
        finding_id = posted.services.findings.record_finding(
            posted.principal, finding_input(values, unit=values["unit"], person=values["person"])
        )
    except DomainError as error:
        return _form_page(posted, values, error)
    return saved(posted.request, f"/findings/{finding_id}")


def _detail_page(page: Page, finding_id: UUID, refused: Refusal | None = None) -> HTMLResponse:
    """The finding with its history; after a refusal, the message and what was typed (no read recorded again)."""
    services, principal = page.services, page.principal
    finding = services.finding_queries.get_finding(principal, finding_id, record_read=refused is None)
    units = services.registry_queries.unit_names()
    items = services.finding_queries.manifestations(principal)
    names = {m.key: (m.label, m.retired) for m in items}
    typed = refused.values if refused else {}
    amend = typed if refused and refused.form == "amend" else amend_values(finding)
    return page.render(
        "finding.html",
        {
            "finding": finding,
            "unit_name": units.get(finding.unit, finding.unit),
            "labels": names,
            "history": history_rows(services.finding_queries.finding_history(principal, finding_id), finding, names),
            "error": refused.error if refused else None,
            "open_form": refused.form if refused else "",
            "typed_note": typed.get("note", ""),
            "amend": amend,
            "fields": choices(items, FIELD, [finding.field]),
            "behaviours": choices(items, BEHAVIOUR, finding.behaviours),
            "done": DONE.get(page.request.query_params.get("done", ""), ""),
            "can_record": principal.can(Permission.RECORD_FINDINGS),
        },
        status_code=refused.error.status if refused else 200,
    )


def _refused(page: Page, finding_id: UUID, refused: Refusal) -> Response:
    try:
        return _detail_page(page, finding_id, refused)
    except NotFound:
        return not_found(page.request, FINDING_MISSING)


def _finding_id(raw: str) -> UUID | None:
    try:
        return UUID(raw)
    except ValueError:
        return None


@router.get("/findings/{finding_id}", response_class=HTMLResponse, summary="认定详情")
def finding_detail(finding_id: str, page: Annotated[Page, page_for(Permission.VIEW_FINDINGS)]) -> Response:
    """One finding: whom it is against, the cited cases and events (linked), its amendments and notice."""
    parsed = _finding_id(finding_id)
    try:
        if parsed is None:
            raise NotFound(FINDING_MISSING)
        return _detail_page(page, parsed)
    except NotFound:
        return not_found(page.request, FINDING_MISSING)


def _change(posted: Posted, finding_id: str, change: str) -> Response:
    """Apply one change from the finding's page; a refusal shows the finding with the message and the note."""
    parsed = _finding_id(finding_id)
    if parsed is None:
        return not_found(posted.request, FINDING_MISSING)
    note = posted.text("note")
    findings = posted.services.findings
    try:
        version = expected_version(posted.form)
        if change == "withdraw":
            findings.withdraw_finding(posted.principal, parsed, version, note)
        else:
            findings.mark_finding_typical(posted.principal, parsed, version, change == "typical", note)
    except NotFound:
        return not_found(posted.request, FINDING_MISSING)
    except DomainError as error:
        form = "withdraw" if change == "withdraw" else "typical"
        return _refused(posted, parsed, Refusal(form, error, {"note": note}))
    return saved(posted.request, f"/findings/{parsed}?" + urlencode({"done": change}))


@router.post("/findings/{finding_id}/amend", summary="修改认定", dependencies=[Depends(form_idempotency_key)])
def amend(finding_id: str, posted: Record) -> Response:
    """Correct the citations, classification or wording, with a reason; what it replaced stays in the history."""
    parsed = _finding_id(finding_id)
    if parsed is None:
        return not_found(posted.request, FINDING_MISSING)
    values = {**form_values(posted.form), "reason": posted.text("reason")}
    try:
        posted.services.findings.amend_finding(
            posted.principal, parsed, expected_version(posted.form), finding_input(values, reason=values["reason"])
        )
    except NotFound:
        return not_found(posted.request, FINDING_MISSING)
    except DomainError as error:
        return _refused(posted, parsed, Refusal("amend", error, values))
    return saved(posted.request, f"/findings/{parsed}?" + urlencode({"done": "amend"}))


@router.post(
    "/findings/{finding_id}/typical", summary="列为或取消典型案例", dependencies=[Depends(form_idempotency_key)]
)
def mark_typical(finding_id: str, posted: Record) -> Response:
    """A typical case for public notice, with a note (typical=0 takes it back, with the reason)."""
    return _change(posted, finding_id, "untypical" if posted.text("typical") == "0" else "typical")


@router.post("/findings/{finding_id}/withdraw", summary="撤销认定", dependencies=[Depends(form_idempotency_key)])
def withdraw(finding_id: str, posted: Record) -> Response:
    """The finding does not stand; it is kept, marked withdrawn."""
    return _change(posted, finding_id, "withdraw")
