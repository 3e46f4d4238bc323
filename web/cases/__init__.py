"""Cases (问题): the list, one case, its history and the actions on it, by API and by page."""

from web.cases import actions_api, actions_pages, api, pages
from web.cases.convert import summary_out
from web.cases.schemas import CaseSummaryOut
from web.shared.routing import joined

api_router = joined(api.router, actions_api.router)
pages_router = joined(pages.router, actions_pages.router)

__all__ = ["CaseSummaryOut", "api_router", "pages_router", "summary_out"]
