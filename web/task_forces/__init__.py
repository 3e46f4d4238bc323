"""Task forces (工作专班): the overview, one task force, its meetings and ledger."""

from web.shared.routing import joined
from web.task_forces import api, forms, pages

api_router = joined(api.router)
pages_router = joined(pages.router, forms.router)

__all__ = ["api_router", "pages_router"]
