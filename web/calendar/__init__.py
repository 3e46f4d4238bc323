"""The deadline board (督办看板) and the working-day calendar behind every deadline."""

from fastapi import APIRouter

from web.calendar import api, pages

api_router = APIRouter()
api_router.include_router(api.router)
pages_router = APIRouter()
pages_router.include_router(pages.router)

__all__ = ["api_router", "pages_router"]
