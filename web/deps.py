"""Request dependencies: the application, and who is asking with the permission each route declares.

Every route that is not public declares its permission with `Depends(page_allow(...))` or
`Depends(api_allow(...))`; tests/web/test_access_matrix.py fails the build for a route that does not.
"""

from __future__ import annotations

from fastapi import Request

from application.access import Permission, Principal, require
from application.app import Ganxin
from web.auth import resolve_principal


class LoginRequired(Exception):
    """Nobody is logged in on a page; answered with a redirect to /login."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


class ApiUnauthenticated(Exception):
    """The API request carries no valid session or token; answered 401 JSON."""


def get_ganxin(request: Request) -> Ganxin:
    """The application create_app built."""
    return request.app.state.ganxin


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
            query = f"?{request.url.query}" if request.url.query else ""
            raise LoginRequired(request.url.path + query)
        require(principal, self.permission)
        return principal

    def __repr__(self) -> str:
        return f"Allow({self.permission.value}, api={self.api})"


def page_allow(permission: Permission) -> Allow:
    """Declare a page's permission (redirects to login when nobody is logged in)."""
    return Allow(permission, api=False)


def api_allow(permission: Permission) -> Allow:
    """Declare an API route's permission (401 JSON when nobody is logged in)."""
    return Allow(permission, api=True)
