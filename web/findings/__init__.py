"""Findings (认定) and the manifestation list (问题表现清单) they are classified by."""

from fastapi import APIRouter

from web.findings import api, pages, taxonomy_api, taxonomy_pages

api_router = APIRouter()
api_router.include_router(api.router)
api_router.include_router(taxonomy_api.router)
pages_router = APIRouter()
pages_router.include_router(pages.router)
pages_router.include_router(taxonomy_pages.router)

__all__ = ["api_router", "pages_router"]
