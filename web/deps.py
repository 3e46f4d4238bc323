"""Request dependencies: the application's services, and who is asking with the permission each route declares.

A route takes the services as `services: ServicesDep`. Every route that is not public declares its permission
with `Depends(page_allow(...))` or `Depends(api_allow(...))`; tests/web/shared/test_access_matrix.py fails the build
for a route that does not.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from application.services import Services
from application.shared.access import Permission, Principal, require
from web.back_links import form_page
from web.sessions import cookie_name, resolve_principal


class LoginRequired(Exception):
    """Nobody is logged in on a page; answered with a redirect to /login (saying so when a session ran out)."""

    def __init__(self, next_url: str, expired: bool = False) -> None:
        super().__init__(next_url)
        self.next_url = next_url
        self.expired = expired


class ApiUnauthenticated(Exception):
    """The API request carries no valid session or token; answered 401 JSON."""


def get_services(request: Request) -> Services:
    """The application services create_app built."""
    return request.app.state.ganxin


ServicesDep = Annotated[Services, Depends(get_services)]


class Allow:
    """A route's declared permission: resolves the principal, or 401/redirect, or 403."""

    def __init__(self, permission: Permission, *, api: bool) -> None:
        self.permission = permission
        self.api = api

    def __call__(self, request: Request) -> Principal:
        """The principal, if logged in and allowed."""
        principal = resolve_principal(request)
        if principal is None:
            if self.api:
                raise ApiUnauthenticated()
            raise LoginRequired(_return_to(request), expired=bool(request.cookies.get(cookie_name(request))))
        require(principal, self.permission)
        return principal

    def __repr__(self) -> str:
        return f"Allow({self.permission.value}, api={self.api})"


def _return_to(request: Request) -> str:
    """Where to go after logging in: this page, or for a form sent after the session ran out the page
    showing that form (a POST is never replayed: the person sends it again, drafts.js refills it)."""
    if request.method in ("GET", "HEAD"):
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return form_page(request)


def page_allow(permission: Permission) -> Allow:
    """Declare a page's permission (redirects to login when nobody is logged in)."""
    return Allow(permission, api=False)


def api_allow(permission: Permission) -> Allow:
    """Declare an API route's permission (401 JSON when nobody is logged in)."""
    return Allow(permission, api=True)
