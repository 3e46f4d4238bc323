"""Cases (问题): the list, one case, its history and the actions on it, by API and by page."""

from fastapi import APIRouter

from web.cases import actions_api, actions_pages, api, pages
from web.cases.convert import summary_out
from web.cases.schemas import CaseSummaryOut

api_router = APIRouter()
api_router.include_router(api.router)
api_router.include_router(actions_api.router)
pages_router = APIRouter()
pages_router.include_router(pages.router)
pages_router.include_router(actions_pages.router)

__all__ = ["CaseSummaryOut", "api_router", "pages_router", "summary_out"]
