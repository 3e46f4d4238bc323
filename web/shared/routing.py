"""Putting an area's routers together."""

from __future__ import annotations

from fastapi import APIRouter


def joined(*routers: APIRouter) -> APIRouter:
    """One router serving the routes of the given routers, matched in the order given."""
    together = APIRouter()
    for router in routers:
        together.include_router(router)
    return together
