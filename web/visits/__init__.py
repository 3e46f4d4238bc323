"""Visits (走访): logging a visit or call with its problems, by API and by the page form."""

from fastapi import APIRouter

from web.visits import api, pages

api_router = APIRouter()
api_router.include_router(api.router)
pages_router = APIRouter()
pages_router.include_router(pages.router)

__all__ = ["api_router", "pages_router"]
