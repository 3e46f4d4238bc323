"""Every request's security: CSRF tokens bound to the session, the Origin check and security headers.

CSRF scheme: the token is HMAC-SHA256(server key, "session:" + SHA-256 of the session cookie), so it is
bound to the session, needs no storage and dies with it. Pages carry it as the hidden form field
`csrf_token`; fetch/API calls send it as `X-CSRF-Token` (the non-HttpOnly `ganxin_csrf` cookie holds it
for scripts). Every cookie-authenticated POST/PUT/PATCH/DELETE must also come from our own origin
(Origin, else Referer; neither at all is refused). Bearer-token requests carry no ambient credential and
need neither. Logging in has no session yet: GET /login sets a random pre-session cookie and the form
carries HMAC(key, "login:" + its SHA-256), checked together with the Origin on POST /login and
POST /login/totp (login CSRF).
"""

from __future__ import annotations

import hashlib
import hmac
import inspect
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.body_limit import MAX_FORM_BYTES, PayloadTooLarge, is_form, limited
from web.error_answers import error_answer, error_json, error_page, is_api

log = logging.getLogger("ganxin.security")
ErrorAnswer = Callable[[Request, Exception], "Response | Awaitable[Response]"]

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
LOGIN_PATHS = frozenset({"/login", "/login/totp"})
UNCACHED_PATHS = LOGIN_PATHS | {"/logout"}
CACHEABLE_PREFIXES = ("/static/", "/docs/assets/")
CSRF_CODE = "csrf_failed"
CSRF_MESSAGE = "安全校验失败（页面已过期或请求来源不明），请刷新页面后重试"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
HSTS = "max-age=31536000; includeSubDomains"
DEFAULT_PORTS = {"http": "80", "https": "443"}

# Cookie names; with HTTPS each gets the `__Host-` prefix, which binds it to this host and path /.
SESSION_COOKIE = "ganxin_session"
CSRF_COOKIE = "ganxin_csrf"
LOGIN_COOKIE = "ganxin_login"
PENDING_COOKIE = "ganxin_pending"


def cookie(base: str, https: bool) -> str:
    """A cookie's name as served: `__Host-` prefixed over HTTPS."""
    return f"__Host-{base}" if https else base


def csrf_key(secret_key: str) -> bytes:
    """The CSRF signing key: derived from GANXIN_SECRET_KEY, else random for this process (logged)."""
    if secret_key:
        return hashlib.sha256(b"ganxin csrf\0" + secret_key.encode("utf-8")).digest()
    log.warning(
        "GANXIN_SECRET_KEY is not set: CSRF tokens use a random per-process key, so open pages "
        "and sessions' tokens stop working after a restart (set it in production)"
    )
    return secrets.token_bytes(32)


def _sign(key: bytes, purpose: str, value: str) -> str:
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()
    return hmac.new(key, f"{purpose}:{digest}".encode(), hashlib.sha256).hexdigest()


def session_csrf_token(key: bytes, session_token: str) -> str:
    """The CSRF token of a session (of its cookie value)."""
    return _sign(key, "session", session_token)


def login_csrf_token(key: bytes, login_nonce: str) -> str:
    """The CSRF token of the login forms, bound to the pre-session cookie."""
    return _sign(key, "login", login_nonce)


def bearer_token(request: Request) -> str | None:
    """The token of an `Authorization: Bearer …` header, if the request has one."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    host, _, port = (parts.netloc or "").lower().partition(":")
    scheme = (parts.scheme or "").lower()
    return f"{scheme}://{host}" + (f":{port}" if port and port != DEFAULT_PORTS.get(scheme) else "")


class SecurityMiddleware:
    """Pure ASGI: limits body sizes, checks CSRF and Origin on unsafe requests, adds security headers to every
    response — a 413 or a 500 included, which this middleware then answers itself (it sits inside Starlette's
    error middleware, whose own 500 would go out without them)."""

    def __init__(self, app: ASGIApp, *, key: bytes, https: bool, on_error: ErrorAnswer | None = None) -> None:
        self.app = app
        self.key = key
        self.https = https
        self.on_error = on_error  # the app's own handler for an unexpected error (None: a plain 500)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse oversized and forged requests; otherwise pass them on with the headers added on the way out."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        session = request.cookies.get(cookie(SESSION_COOKIE, self.https), "")
        request.state.csrf_token = session_csrf_token(self.key, session) if session else ""
        started: list[bool] = []
        send = self._with_headers(request, send, started)
        too_large, receive = limited(scope, receive)
        try:
            if too_large:  # Content-Length says so: answer before reading a byte of the body
                raise PayloadTooLarge()
            await self._pass(request, receive, send)
        except PayloadTooLarge:
            if started:
                raise
            await _answer(request, 413)(scope, receive, send)
        except Exception as error:
            if not started:
                await (await self._error_answer(request, error))(scope, receive, send)
            raise  # Starlette's error middleware logs it, and sends nothing more after our answer

    async def _error_answer(self, request: Request, error: Exception) -> Response:
        """What the app's handler for unexpected errors answers (it may be sync or async)."""
        if self.on_error is None:
            return _answer(request, 500)
        answer = self.on_error(request, error)
        return await answer if inspect.isawaitable(answer) else answer

    async def _pass(self, request: Request, receive: Receive, send: Send) -> None:
        """The CSRF and Origin check on unsafe requests, then the app."""
        if request.method in UNSAFE_METHODS:
            allowed, receive = await self._check(request, receive)
            if not allowed:
                await _refusal(request)(request.scope, receive, send)
                return
        await self.app(request.scope, receive, send)

    async def _check(self, request: Request, receive: Receive) -> tuple[bool, Receive]:
        """Whether an unsafe request passes (and the receive that replays any body read for it)."""
        if bearer_token(request) is not None:
            return True, receive
        expected = self._expected_token(request)
        if expected is None:  # no ambient credential at all: the route itself answers 401 or /login
            return True, receive
        if not self._same_origin(request):
            return False, receive
        offered = [request.headers.get(CSRF_HEADER, "")]
        if is_form(request.headers):
            body = await _read_body(receive)
            if body is None:
                return False, receive
            receive = _replay(body, receive)
            offered.append(await _form_field(request.scope, body, CSRF_FIELD))
        return any(t and expected and hmac.compare_digest(t, expected) for t in offered), receive

    def _expected_token(self, request: Request) -> str | None:
        """The token this request must carry; '' when one is owed but cannot exist; None if none is owed."""
        if request.url.path in LOGIN_PATHS:
            nonce = request.cookies.get(cookie(LOGIN_COOKIE, self.https), "")
            return login_csrf_token(self.key, nonce) if nonce else ""
        session = request.cookies.get(cookie(SESSION_COOKIE, self.https), "")
        return session_csrf_token(self.key, session) if session else None

    def own_origin(self, request: Request) -> str:
        """This app's origin as the browser sees it (the Host header; https when settings say so)."""
        scheme = "https" if self.https else request.url.scheme
        return _origin_of(f"{scheme}://{request.headers.get('host', '')}")

    def _same_origin(self, request: Request) -> bool:
        origin = request.headers.get("origin")
        if origin is None:
            origin = request.headers.get("referer")
        if not origin or origin == "null":
            return False
        return _origin_of(origin) == self.own_origin(request)

    def _with_headers(self, request: Request, send: Send, started: list[bool]) -> Send:
        path = request.url.path
        private = not path.startswith(CACHEABLE_PREFIXES) and (
            path in UNCACHED_PATHS
            or bearer_token(request) is not None
            or any(request.cookies.get(cookie(name, self.https)) for name in (SESSION_COOKIE, PENDING_COOKIE))
        )

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.append(True)
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if self.https:
                    headers["strict-transport-security"] = HSTS
                if private or "set-cookie" in headers:
                    # After logout the back button must show nothing a logged-in person saw.
                    headers["cache-control"] = "no-store"
            await send(message)

        return send_with_headers


async def _read_body(receive: Receive) -> bytes | None:
    """The whole request body, or None if it is larger than any form of ours."""
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return None
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the already-read body to the app once, then waits as the original would."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _form_field(scope: Scope, body: bytes, name: str) -> str:
    """One text field of a urlencoded or multipart body ('' if absent or unreadable)."""
    request = Request(scope, _replay(body, _no_more))
    try:
        form = await request.form()
    except Exception:  # noqa: BLE001 - a malformed form simply carries no token
        return ""
    try:
        value = form.get(name)
        return value if isinstance(value, str) else ""
    finally:
        await form.close()


async def _no_more() -> Message:
    return {"type": "http.disconnect"}


def _refusal(request: Request) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """403 csrf_failed: JSON under /api/, a Chinese page elsewhere."""
    if is_api(request):
        return error_json(403, CSRF_CODE, CSRF_MESSAGE)
    return error_page(403, CSRF_MESSAGE, request=request)


def _answer(request: Request, status: int) -> Response:
    """The app's own 413 or 500 answer: JSON under /api/, a Chinese page elsewhere."""
    return error_answer(request, status)


def install_security(app: Any, secret_key: str, https: bool) -> None:
    """Add the middleware and keep the CSRF key on app.state for the login pages."""
    app.state.csrf_key = csrf_key(secret_key)

    def on_error(request: Request, error: Exception) -> Any:
        # Looked up per error, so whichever handler the app registers for Exception answers, with our headers.
        handler = app.exception_handlers.get(Exception) or app.exception_handlers.get(500)
        return handler(request, error) if handler else _answer(request, 500)

    app.add_middleware(SecurityMiddleware, key=app.state.csrf_key, https=https, on_error=on_error)
