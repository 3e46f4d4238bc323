"""Logging in and out, and finding who is behind a request (server-side session cookie)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from application.access import Principal
from application.account_commands import AuthenticationFailed
from domain.actor import Actor

router = APIRouter(tags=["登录"])
PLAIN_COOKIE = "ganxin_session"
HTTPS_COOKIE = "__Host-ganxin_session"


@lru_cache(maxsize=1)
def _templates() -> Jinja2Templates:
    return Jinja2Templates(directory=Path(__file__).parent / "templates")


def cookie_name(request: Request) -> str:
    """`__Host-` prefixed when served over HTTPS, so the cookie is bound to this host."""
    return HTTPS_COOKIE if request.app.state.settings.https else PLAIN_COOKIE


def resolve_principal(request: Request) -> Principal | None:
    """Who is behind the request's session cookie, if the session is alive (looked up once per request)."""
    if not hasattr(request.state, "principal"):
        principal = request.app.state.ganxin.session_principal(request.cookies.get(cookie_name(request), ""))
        request.state.principal = principal
        request.state.actor = principal.actor if principal else None
    return request.state.principal


def resolve_actor(request: Request) -> Actor | None:
    """The actor behind the request's session cookie, if the session is alive."""
    principal = resolve_principal(request)
    return principal.actor if principal else None


def safe_next(next_url: str | None) -> str:
    """Only same-site paths are followed after login (no open redirect)."""
    if not next_url:
        return "/cases"
    parsed = urlparse(next_url)
    if parsed.scheme or parsed.netloc or not next_url.startswith("/") or next_url.startswith("//"):
        return "/cases"
    return next_url


@router.get("/login", response_class=HTMLResponse, summary="登录页")
def login_page(request: Request, next: str = "/cases") -> Response:  # noqa: A002
    """The login form."""
    return _templates().TemplateResponse(request, "login.html", {"next": safe_next(next), "error": None, "username": ""})


@router.post("/login", response_class=HTMLResponse, summary="登录")
def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/cases")) -> Response:  # noqa: A002
    """Check the password; on success set a fresh session cookie and go on."""
    try:
        session = request.app.state.ganxin.login(username, password)
    except AuthenticationFailed as error:
        context = {"next": safe_next(next), "error": error.message, "username": username}
        return _templates().TemplateResponse(request, "login.html", context, status_code=401)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        cookie_name(request), session.token, httponly=True, samesite="lax",
        secure=request.app.state.settings.https, path="/",
    )
    return response


@router.post("/logout", summary="退出登录")
def logout(request: Request) -> Response:
    """End this session on the server and clear the cookie."""
    request.app.state.ganxin.logout(request.cookies.get(cookie_name(request), ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(cookie_name(request), path="/")
    return response
