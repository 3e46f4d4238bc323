"""Task forces (工作专班): the overview, one task force, its meetings and ledger."""

from fastapi import APIRouter

from web.task_forces import api, forms, pages

api_router = APIRouter()
api_router.include_router(api.router)
pages_router = APIRouter()
pages_router.include_router(pages.router)
pages_router.include_router(forms.router)

__all__ = ["api_router", "pages_router"]
