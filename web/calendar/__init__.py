"""The deadline board (督办看板) and the working-day calendar behind every deadline."""

from web.calendar import api, pages
from web.shared.routing import joined

api_router = joined(api.router)
pages_router = joined(pages.router)

__all__ = ["api_router", "pages_router"]
