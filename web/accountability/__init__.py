"""The 中梗阻 report and the cannot-do ledger."""

from web.accountability import api, pages
from web.shared.routing import joined

api_router = joined(api.router)
pages_router = joined(pages.router)

__all__ = ["api_router", "pages_router"]
