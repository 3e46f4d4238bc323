"""Visits (走访): logging a visit or call with its problems, by API and by the page form."""

from web.shared.routing import joined
from web.visits import api, pages

api_router = joined(api.router)
pages_router = joined(pages.router)

__all__ = ["api_router", "pages_router"]
