"""Findings (认定) and the manifestation list (问题表现清单) they are classified by."""

from web.findings import api, pages, taxonomy_api, taxonomy_pages
from web.shared.routing import joined

api_router = joined(api.router, taxonomy_api.router)
pages_router = joined(pages.router, taxonomy_pages.router)

__all__ = ["api_router", "pages_router"]
