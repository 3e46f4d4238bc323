"""Tamper evidence: inclusion proofs of events in the signed log."""

from fastapi import APIRouter

from web.audit import api

api_router = APIRouter()
api_router.include_router(api.router)

__all__ = ["api_router"]
