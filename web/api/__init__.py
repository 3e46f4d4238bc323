"""The JSON API under /api/v1; every route needs a logged-in actor (401 JSON otherwise)."""

from fastapi import APIRouter, Depends

from web.api import case_actions, cases, registry, visits
from web.api.health import router as health_router
from web.api.schemas import INVALID, UNAUTHENTICATED
from web.deps import api_actor

router = APIRouter(prefix="/api/v1", dependencies=[Depends(api_actor)], responses={**UNAUTHENTICATED, **INVALID})
for _module in (visits, cases, case_actions, registry):
    router.include_router(_module.router)

__all__ = ["health_router", "router"]
