"""Every route of the app, in the order they are matched: the JSON API under /api/v1, then the pages."""

from fastapi import APIRouter, Depends

from web import accountability, accounts, audit, calendar, cases, findings, projects, registry, task_forces, visits
from web.idempotency import idempotency_key
from web.shared.health import router as health_router
from web.shared.schemas import FORBIDDEN, INVALID, UNAUTHENTICATED

# Every POST accepts an Idempotency-Key (web/idempotency.py).
api_router = APIRouter(
    prefix="/api/v1", responses={**UNAUTHENTICATED, **FORBIDDEN, **INVALID}, dependencies=[Depends(idempotency_key)]
)
for _area in (visits, cases, calendar, registry, accounts, task_forces, projects, findings, accountability, audit):
    api_router.include_router(_area.api_router)

# Server-rendered Chinese pages: every route declares its permission (a redirect to /login when not logged in).
pages_router = APIRouter()
for _area in (visits, cases, calendar, task_forces, projects, accountability, findings):
    pages_router.include_router(_area.pages_router)

login_router = accounts.login_router

__all__ = ["api_router", "health_router", "login_router", "pages_router"]
