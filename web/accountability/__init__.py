"""The 中梗阻 report and the cannot-do ledger."""

from fastapi import APIRouter

from web.accountability import api, pages

api_router = APIRouter()
api_router.include_router(api.router)
pages_router = APIRouter()
pages_router.include_router(pages.router)

__all__ = ["api_router", "pages_router"]
