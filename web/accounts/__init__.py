"""Accounts: API tokens, and the login pages (outside the API document)."""

from fastapi import APIRouter

from web.accounts import api, login_pages

api_router = APIRouter()
api_router.include_router(api.router)
login_router = login_pages.router

__all__ = ["api_router", "login_router"]
