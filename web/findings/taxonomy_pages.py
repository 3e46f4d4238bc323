"""The admin's page for the manifestation list (中梗阻问题表现清单): add, rename, retire."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from application.findings import KINDS
from application.services import Services
from application.shared import DomainError
from application.shared.access import Permission, Principal
from web.deps import ServicesDep, page_allow
from web.idempotency import form_idempotency_key
from web.shared.page_helpers import read_form, saved, text
from web.templating import render

router = APIRouter()


def _page(
    request: Request,
    services: Services,
    principal: Principal,
    error: DomainError | None = None,
    values: dict | None = None,
) -> HTMLResponse:
    items = services.finding_queries.manifestations(principal)
    return render(
        request,
        "taxonomy.html",
        {
            "actor": principal.actor,
            "groups": [(kind, label, [m for m in items if m.kind == kind]) for kind, label in KINDS.items()],
            "kinds": list(KINDS.items()),
            "error": error,
            "values": values or {},
        },
        status_code=error.status if error else 200,
    )


@router.get("/taxonomy", response_class=HTMLResponse, summary="问题表现清单")
def taxonomy_page(
    request: Request, services: ServicesDep, principal: Principal = Depends(page_allow(Permission.MANAGE_TAXONOMY))
) -> HTMLResponse:
    """Every field and behaviour, retired ones included, with the forms to change them."""
    return _page(request, services, principal)


def _apply(request: Request, services: Services, principal: Principal, posted: FormData, change) -> Response:  # type: ignore[no-untyped-def]
    try:
        change()
    except DomainError as error:
        return _page(request, services, principal, error, {k: text(posted, k) for k in posted})
    return saved(request, "/taxonomy")


@router.post("/taxonomy/items", summary="增加条目", dependencies=[Depends(form_idempotency_key)])
def add_item(
    request: Request,
    services: ServicesDep,
    posted: FormData = Depends(read_form),
    principal: Principal = Depends(page_allow(Permission.MANAGE_TAXONOMY)),
) -> Response:
    """A new field or behaviour."""
    return _apply(
        request,
        services,
        principal,
        posted,
        lambda: services.findings.add_taxonomy_item(
            principal, text(posted, "kind"), text(posted, "key"), text(posted, "label")
        ),
    )


@router.post("/taxonomy/items/{item_key}/rename", summary="条目改名", dependencies=[Depends(form_idempotency_key)])
def rename_item(
    item_key: str,
    request: Request,
    services: ServicesDep,
    posted: FormData = Depends(read_form),
    principal: Principal = Depends(page_allow(Permission.MANAGE_TAXONOMY)),
) -> Response:
    """A new name; findings classified under the item show it."""
    return _apply(
        request,
        services,
        principal,
        posted,
        lambda: services.findings.rename_taxonomy_item(principal, item_key, text(posted, "label")),
    )


@router.post("/taxonomy/items/{item_key}/retire", summary="停用条目", dependencies=[Depends(form_idempotency_key)])
def retire_item(
    item_key: str,
    request: Request,
    services: ServicesDep,
    posted: FormData = Depends(read_form),
    principal: Principal = Depends(page_allow(Permission.MANAGE_TAXONOMY)),
) -> Response:
    """No longer offered to new findings; old findings keep it."""
    return _apply(
        request,
        services,
        principal,
        posted,
        lambda: services.findings.retire_taxonomy_item(principal, item_key, text(posted, "reason")),
    )
