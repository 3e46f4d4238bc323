"""The JSON API under /api/v1; every route declares its permission (401 JSON when not logged in)."""

from fastapi import APIRouter, Depends

from web.api import (
    accountability,
    accounts,
    audit,
    case_actions,
    cases,
    deadlines,
    findings,
    projects,
    registry,
    service_stars,
    task_forces,
    taxonomy,
    visits,
)
from web.api.health import router as health_router
from web.api.schemas import FORBIDDEN, INVALID, UNAUTHENTICATED
from web.idempotency import idempotency_key

# Every POST accepts an Idempotency-Key (web/idempotency.py).
router = APIRouter(prefix="/api/v1", responses={**UNAUTHENTICATED, **FORBIDDEN, **INVALID},
                   dependencies=[Depends(idempotency_key)])
for _module in (visits, cases, case_actions, deadlines, registry, accounts, task_forces, projects, service_stars,
                findings, taxonomy, accountability, audit):
    router.include_router(_module.router)

__all__ = ["health_router", "router"]
