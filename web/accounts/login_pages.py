"""The login pages: logging in (password, then a one-time code when needed) and out.

Login: POST /login checks the password (throttled per account name and client address). Accounts with
TOTP, or whose role requires it, then get a short-lived server-side challenge (cookie `ganxin_pending`,
5 minutes) instead of a session, and POST /login/totp finishes with a one-time code — after showing the
secret to enrol it when the account has none yet. Only then is a session opened.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlparse

import segno
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from application.accounts import (
    AuthenticationFailed,
    ChallengeExpired,
    LoginSession,
    LoginThrottled,
    SecondFactorNeeded,
    TotpUnreadable,
    WrongCode,
)
from web.security import (
    CSRF_COOKIE,
    LOGIN_COOKIE,
    PENDING_COOKIE,
    SESSION_COOKIE,
    cookie,
    login_csrf_token,
    session_csrf_token,
)
from web.sessions import client_address, cookie_name, drop_cookie, drop_session_cookies, https_of, set_cookie
from web.templating import TEMPLATE_DIR

router = APIRouter(tags=["登录"])
PENDING_SECONDS = 5 * 60
LOGIN_FAILURES = (AuthenticationFailed, LoginThrottled, ChallengeExpired, TotpUnreadable)


@lru_cache(maxsize=1)
def _templates() -> Jinja2Templates:
    return Jinja2Templates(directory=TEMPLATE_DIR)


def safe_next(next_url: str | None) -> str:
    """Only same-site paths are followed after login (no open redirect)."""
    if not next_url:
        return "/cases"
    parsed = urlparse(next_url)
    if parsed.scheme or parsed.netloc or not next_url.startswith("/") or next_url.startswith("//") or "\\" in next_url:
        return "/cases"
    return next_url


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    """A login-flow page whose forms carry the pre-session CSRF token (the cookie is set if missing)."""
    nonce = request.cookies.get(cookie(LOGIN_COOKIE, https_of(request))) or ""
    fresh = not nonce
    nonce = nonce or secrets.token_urlsafe(32)
    context = {"login_csrf": login_csrf_token(request.app.state.csrf_key, nonce), **context}
    response = _templates().TemplateResponse(request, name, context, status_code=status_code)
    if fresh:
        set_cookie(request, response, LOGIN_COOKIE, nonce, samesite="strict")
    return response


def _login_form(
    request: Request,
    next_url: str,
    error: str | None = None,
    username: str = "",
    status_code: int = 200,
    expired: bool = False,
) -> Response:
    context = {"next": safe_next(next_url), "error": error, "username": username, "expired": expired}
    return _page(request, "login.html", context, status_code)


def _failed(request: Request, next_url: str, error: Exception, username: str = "") -> Response:
    """The login form again with the reason: the same words whether or not the account exists."""
    response = _login_form(request, next_url, error.message, username, error.status)  # type: ignore[attr-defined]
    drop_cookie(request, response, PENDING_COOKIE)
    return response


def _logged_in(request: Request, session: LoginSession, next_url: str) -> Response:
    """A fresh session cookie, the script-readable CSRF cookie, and on to where the person was going."""
    response = RedirectResponse(safe_next(next_url), status_code=303)
    set_cookie(request, response, SESSION_COOKIE, session.token)
    set_cookie(
        request,
        response,
        CSRF_COOKIE,
        session_csrf_token(request.app.state.csrf_key, session.token),
        httponly=False,
        samesite="strict",
    )
    drop_cookie(request, response, PENDING_COOKIE)
    return response


@router.get("/login", response_class=HTMLResponse, summary="登录页")
def login_page(request: Request, next: str = "/cases", expired: str = "") -> Response:  # noqa: A002
    """The login form (expired=1: the session ran out while the person was working)."""
    return _login_form(request, next, expired=expired == "1")


@router.post("/login", response_class=HTMLResponse, summary="登录")
def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/cases")) -> Response:  # noqa: A002
    """Check the password; then a session, or the one-time-code step."""
    try:
        result = request.app.state.ganxin.credentials.login(username, password, client_address(request))
    except LOGIN_FAILURES as error:
        return _failed(request, next, error, username)
    if isinstance(result, SecondFactorNeeded):
        response = RedirectResponse(f"/login/totp?next={quote(safe_next(next), safe='')}", status_code=303)
        set_cookie(request, response, PENDING_COOKIE, result.challenge, max_age=PENDING_SECONDS)
        return response
    return _logged_in(request, result, next)


def _totp_page(
    request: Request, prompt: SecondFactorNeeded, next_url: str, error: str | None = None, status_code: int = 200
) -> Response:
    enrolment = prompt.enrolment
    qr = segno.make(enrolment.uri, error="m").svg_data_uri(scale=4, border=2) if enrolment else None
    context = {
        "next": safe_next(next_url),
        "error": error,
        "username": prompt.username,
        "enrolment": enrolment,
        "qr": qr,
    }
    return _page(request, "login_totp.html", context, status_code)


def _pending(request: Request) -> str:
    return request.cookies.get(cookie(PENDING_COOKIE, https_of(request)), "")


@router.get("/login/totp", response_class=HTMLResponse, summary="登录第二步：动态验证码")
def totp_page(request: Request, next: str = "/cases") -> Response:  # noqa: A002
    """Ask for the one-time code (showing the secret first if the account must enrol)."""
    try:
        prompt = request.app.state.ganxin.credentials.second_factor_prompt(_pending(request))
    except LOGIN_FAILURES as error:
        return _failed(request, next, error)
    return _totp_page(request, prompt, next)


@router.post("/login/totp", response_class=HTMLResponse, summary="提交动态验证码")
def totp_submit(request: Request, code: str = Form(""), next: str = Form("/cases")) -> Response:  # noqa: A002
    """Check the code; a right one (used for the first time) opens the session."""
    services, challenge = request.app.state.ganxin, _pending(request)
    try:
        session = services.credentials.complete_login(challenge, code, client_address(request))
    except WrongCode as error:
        try:
            prompt = services.credentials.second_factor_prompt(challenge)
        except LOGIN_FAILURES as gone:
            return _failed(request, next, gone)
        return _totp_page(request, prompt, next, error.message, error.status)
    except LOGIN_FAILURES as error:
        return _failed(request, next, error)
    return _logged_in(request, session, next)


@router.post("/logout", summary="退出登录")
def logout(request: Request) -> Response:
    """End this session (and any half-finished login) on the server and clear the cookies."""
    services = request.app.state.ganxin
    services.accounts.logout(request.cookies.get(cookie_name(request), ""))
    services.credentials.cancel_login(_pending(request))
    response = RedirectResponse("/login", status_code=303)
    drop_session_cookies(request, response)
    return response
