"""Who is behind a request (session cookie or API bearer token), and the cookies that carry a session."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from application.shared import Actor
from application.shared.access import Principal
from web.security import CSRF_COOKIE, PENDING_COOKIE, SESSION_COOKIE, bearer_token, cookie


def https_of(request: Request) -> bool:
    """Whether the app is served over HTTPS (cookies then `__Host-` prefixed and Secure)."""
    return bool(request.app.state.settings.https)


def cookie_name(request: Request) -> str:
    """The session cookie's name: `__Host-` prefixed when served over HTTPS, so it is bound to this host."""
    return cookie(SESSION_COOKIE, https_of(request))


def resolve_principal(request: Request) -> Principal | None:
    """Who is behind the request (looked up once per request).

    A bearer token, when sent, is the only credential considered: a bad one is not rescued by a cookie.
    """
    if not hasattr(request.state, "principal"):
        services = request.app.state.ganxin
        token = bearer_token(request)
        if token is not None:
            principal = services.tokens.token_principal(token)
        else:
            principal = services.accounts.session_principal(request.cookies.get(cookie_name(request), ""))
        request.state.principal = principal
        request.state.actor = principal.actor if principal else None
    return request.state.principal


def resolve_actor(request: Request) -> Actor | None:
    """The actor behind the request, if any."""
    principal = resolve_principal(request)
    return principal.actor if principal else None


def client_address(request: Request) -> str | None:
    """The peer address (behind a proxy, uvicorn must be told to trust it: see README, GANXIN_TRUSTED_PROXY)."""
    return request.client.host if request.client else None


def set_cookie(request: Request, response: Response, base: str, value: str, **options: Any) -> None:
    """Set one of the site's cookies (HttpOnly and SameSite=Lax unless told otherwise)."""
    options.setdefault("httponly", True)
    options.setdefault("samesite", "lax")
    response.set_cookie(cookie(base, https_of(request)), value, secure=https_of(request), path="/", **options)


def drop_cookie(request: Request, response: Response, base: str) -> None:
    """Clear one of the site's cookies."""
    response.delete_cookie(cookie(base, https_of(request)), path="/", secure=https_of(request), httponly=True)


def drop_session_cookies(request: Request, response: Response) -> None:
    """Clear the session, its CSRF cookie and any half-finished login from the browser."""
    for base in (SESSION_COOKIE, CSRF_COOKIE, PENDING_COOKIE):
        drop_cookie(request, response, base)
