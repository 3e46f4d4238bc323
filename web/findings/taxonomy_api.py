"""The manifestation list (中梗阻问题表现清单) findings are classified under: read it, and admins keep it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from application.services import Services
from application.shared.access import Permission, Principal
from web.deps import ServicesDep, api_allow
from web.shared.bodies import Body

router = APIRouter(tags=["问题表现清单 Manifestation list"])
ItemKey = Annotated[str, Path(description="条目代码")]


class ItemIn(Body):
    """A new field or behaviour."""

    kind: str = Field(
        description="field（领域）或 behaviour（问题表现）", json_schema_extra={"enum": ["field", "behaviour"]}
    )
    key: str = Field(description="稳定的代码（小写字母、数字、下划线），不可重复使用")
    label: str = Field(description="名称（至多40字）")


class RenameIn(Body):
    """A new name."""

    label: str


class RetireIn(Body):
    """Why the item is no longer offered."""

    reason: str


class ItemOut(BaseModel):
    """One item, retired or not."""

    key: str
    kind: str
    label: str
    retired: bool


class TaxonomyOut(BaseModel):
    """The whole list: fields first, then behaviours; retired items included."""

    items: list[ItemOut]


def _list(services: Services, principal: Principal) -> TaxonomyOut:
    return TaxonomyOut(items=[ItemOut(**row.__dict__) for row in services.finding_queries.manifestations(principal)])


@router.get("/taxonomy", summary="问题表现清单 The list", response_model=TaxonomyOut)
def taxonomy(services: ServicesDep, principal: Principal = Depends(api_allow(Permission.VIEW_REGISTRY))) -> TaxonomyOut:
    """The district's published list (findings themselves are for inspectors only)."""
    return _list(services, principal)


@router.post("/taxonomy/items", summary="增加条目 Add an item", response_model=TaxonomyOut, status_code=201)
def add_item(
    body: ItemIn, services: ServicesDep, principal: Principal = Depends(api_allow(Permission.MANAGE_TAXONOMY))
) -> TaxonomyOut:
    """A new field or behaviour, offered to new findings at once."""
    services.findings.add_taxonomy_item(principal, body.kind, body.key, body.label)
    return _list(services, principal)


@router.post("/taxonomy/items/{item_key}/rename", summary="条目改名 Rename", response_model=TaxonomyOut)
def rename_item(
    item_key: ItemKey,
    body: RenameIn,
    services: ServicesDep,
    principal: Principal = Depends(api_allow(Permission.MANAGE_TAXONOMY)),
) -> TaxonomyOut:
    """Findings classified under the item show its new name."""
    services.findings.rename_taxonomy_item(principal, item_key, body.label)
    return _list(services, principal)


@router.post("/taxonomy/items/{item_key}/retire", summary="停用条目 Retire", response_model=TaxonomyOut)
def retire_item(
    item_key: ItemKey,
    body: RetireIn,
    services: ServicesDep,
    principal: Principal = Depends(api_allow(Permission.MANAGE_TAXONOMY)),
) -> TaxonomyOut:
    """No longer offered to new findings; old findings keep it."""
    services.findings.retire_taxonomy_item(principal, item_key, body.reason)
    return _list(services, principal)
