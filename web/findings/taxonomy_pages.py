"""The admin's page for the manifestation list (中梗阻问题表现清单): add, rename, retire."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response

from application.findings import KINDS
from application.shared import DomainError
from application.shared.access import Permission
from web.idempotency import form_idempotency_key
from web.shared.page import Page, Posted, page_for, post_for

router = APIRouter()
Manage = Annotated[Posted, post_for(Permission.MANAGE_TAXONOMY)]


def _page(page: Page, error: DomainError | None = None, values: dict | None = None) -> HTMLResponse:
    items = page.services.finding_queries.manifestations(page.principal)
    return page.render(
        "taxonomy.html",
        {
            "groups": [(kind, label, [m for m in items if m.kind == kind]) for kind, label in KINDS.items()],
            "kinds": list(KINDS.items()),
            "error": error,
            "values": values or {},
        },
        status_code=error.status if error else 200,
    )


@router.get("/taxonomy", response_class=HTMLResponse, summary="问题表现清单")
def taxonomy_page(page: Annotated[Page, page_for(Permission.MANAGE_TAXONOMY)]) -> HTMLResponse:
    """Every field and behaviour, retired ones included, with the forms to change them."""
    return _page(page)


def _apply(posted: Posted, change: Callable[[], object]) -> Response:
    """Make the change and show the list again; a refusal keeps what was typed."""
    return posted.apply(
        change, "/taxonomy", lambda error: _page(posted, error, {k: posted.text(k) for k in posted.form})
    )


@router.post("/taxonomy/items", summary="增加条目", dependencies=[Depends(form_idempotency_key)])
def add_item(posted: Manage) -> Response:
    """A new field or behaviour."""
    kind, key, label = posted.text("kind"), posted.text("key"), posted.text("label")
    return _apply(posted, lambda: posted.services.findings.add_taxonomy_item(posted.principal, kind, key, label))


@router.post("/taxonomy/items/{item_key}/rename", summary="条目改名", dependencies=[Depends(form_idempotency_key)])
def rename_item(item_key: str, posted: Manage) -> Response:
    """A new name; findings classified under the item show it."""
    label = posted.text("label")
    return _apply(posted, lambda: posted.services.findings.rename_taxonomy_item(posted.principal, item_key, label))


@router.post("/taxonomy/items/{item_key}/retire", summary="停用条目", dependencies=[Depends(form_idempotency_key)])
def retire_item(item_key: str, posted: Manage) -> Response:
    """No longer offered to new findings; old findings keep it."""
    reason = posted.text("reason")
    return _apply(posted, lambda: posted.services.findings.retire_taxonomy_item(posted.principal, item_key, reason))
