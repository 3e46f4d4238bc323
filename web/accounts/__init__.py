"""Accounts: API tokens, and the login pages (outside the API document)."""

from web.accounts import api, login_pages
from web.shared.routing import joined

api_router = joined(api.router)
login_router = login_pages.router

__all__ = ["api_router", "login_router"]
