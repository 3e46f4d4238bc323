"""Creating accounts and logging in, for tests that go through HTTP.

`login(client, username)` walks the real login flow (GET /login for the pre-session CSRF token, POST /login,
and for inspectors and admins the one-time-code step) and then installs httpx request hooks on the client
that add `X-CSRF-Token` (from the `ganxin_csrf` cookie) and `Origin` (the client's base URL) to every
POST/PUT/PATCH/DELETE, so a logged-in client posts like a browser on the site does.
"""

from __future__ import annotations

import re
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from html import unescape
from typing import Any

import httpx
import pyotp

from application.shared.access import Principal
from application.shared.clock import ControlledClock
from domain.accounts.account import SECOND_FACTOR_ROLES
from domain.shared.actor import Actor
from infrastructure.settings import Settings
from tests.support.app import CLOCK_START, register_units
from tests.support.server import run_server
from web.app import create_app

TEST_PASSWORD = "ganxin-test-pass-2026"
ADMIN = Principal(Actor("test-admin", "测试管理员", "admin"))
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_COOKIES = ("ganxin_csrf", "__Host-ganxin_csrf")
STEP = 30
# username -> (TOTP secret, the application whose clock the server checks codes against)
TOTP_SECRETS: dict[str, tuple[str, Any]] = {}


def create_user(
    ganxin: Any,
    username: str,
    role: str = "cadre",
    display_name: str | None = None,
    unit: str | None = None,
    password: str = TEST_PASSWORD,
    *,
    task_forces: list[str] | None = None,
    dispatch_all: bool = False,
) -> str:
    """Open an account directly through the application, with its remit (and TOTP if the role needs it)."""
    name = ganxin.accounts.create_account(
        ADMIN,
        username=username,
        display_name=display_name or f"测试{username}",
        role=role,
        password=password,
        unit=unit,
    )
    if task_forces or dispatch_all:
        ganxin.accounts.change_membership(
            ADMIN, name, unit=unit, task_forces=task_forces or [], dispatch_all=dispatch_all
        )
    if role in SECOND_FACTOR_ROLES:
        TOTP_SECRETS[name] = (ganxin.credentials.provision_totp(ADMIN, name), ganxin)
    return name


def csrf_origin(client: httpx.Client) -> str:
    """The origin a browser on the client's base URL would send."""
    base = client.base_url
    return f"{base.scheme}://{base.netloc.decode('ascii')}"


def csrf_cookie(client: httpx.Client) -> str:
    """The session's CSRF token as the site hands it to scripts ('' when not logged in)."""
    for cookie in client.cookies.jar:
        if cookie.name in CSRF_COOKIES and cookie.value:
            return cookie.value
    return ""


_WITH_CSRF_HOOKS: weakref.WeakSet[httpx.Client] = weakref.WeakSet()


def install_csrf_hooks(client: httpx.Client) -> None:
    """Make every unsafe request of the client carry Origin and X-CSRF-Token (once per client)."""
    if client in _WITH_CSRF_HOOKS:
        return
    origin = csrf_origin(client)

    def add_csrf(request: httpx.Request) -> None:
        if request.method in UNSAFE:
            request.headers.setdefault("Origin", origin)
            token = csrf_cookie(client)
            if token:
                request.headers.setdefault("X-CSRF-Token", token)

    hooks = dict(client.event_hooks)
    hooks["request"] = [*hooks.get("request", []), add_csrf]
    client.event_hooks = hooks
    _WITH_CSRF_HOOKS.add(client)


def hidden_csrf(html: str) -> str:
    """The csrf_token hidden field of a page's (first) form."""
    match = re.search(r'name="csrf_token" value="([^"]*)"', html)
    assert match, "the page has no csrf_token field"
    return unescape(match[1])


def totp_code(username: str, secret: str | None = None, ganxin: Any = None) -> str:
    """A code the server will accept now: the earliest step around the app's clock not used yet."""
    known_secret, known_app = TOTP_SECRETS.get(username, (None, None))
    secret, ganxin = secret or known_secret, ganxin or known_app
    assert secret, f"no TOTP secret known for {username}: create it with create_user"
    now: datetime | float = ganxin.store.clock.now() if ganxin is not None else time.time()
    now_step = int(now.timestamp() if isinstance(now, datetime) else now) // STEP
    last = ganxin.accounts.get_account(username).totp_last_step if ganxin is not None else 0
    step = max(now_step - 1, last + 1)
    assert step <= now_step + 1, f"{username} used every TOTP code valid at this clock time; advance the clock"
    return pyotp.TOTP(secret).at(step * STEP)


def _second_step(client: httpx.Client, username: str, location: str) -> httpx.Response:
    page = client.get(location)
    assert page.status_code == 200, f"TOTP step for {username}: {page.status_code} {page.text[:200]}"
    enrol = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.text)
    code = totp_code(username, secret=enrol[1] if enrol else None)
    return client.post(
        "/login/totp",
        data={"code": code, "next": "/cases", "csrf_token": hidden_csrf(page.text)},
        follow_redirects=False,
    )


def login(client: Any, username: str, password: str = TEST_PASSWORD) -> Any:
    """Log in through the real forms (second step included); the client then posts like the site's pages."""
    install_csrf_hooks(client)
    form = client.get("/login")
    assert form.status_code == 200, f"GET /login: {form.status_code}"
    response = client.post(
        "/login",
        data={"username": username, "password": password, "next": "/cases", "csrf_token": hidden_csrf(form.text)},
        follow_redirects=False,
    )
    location = response.headers.get("location", "")
    if response.status_code == 303 and location.startswith("/login/totp"):
        response = _second_step(client, username, location)
    assert response.status_code == 303, f"login failed for {username}: {response.status_code} {response.text[:200]}"
    return response


@dataclass
class Served:
    """An app served for real on a test database, with its controlled clock."""

    base_url: str
    ganxin: Any
    clock: Any

    def client(self, **options: Any) -> httpx.Client:
        """A fresh client with no session and no CSRF hooks; the caller closes it."""
        return httpx.Client(base_url=self.base_url, timeout=30, **options)

    def events_written(self) -> int:
        """How many events the store holds: what a refused request must never change."""
        return self.ganxin.store.event_log.recorder.max_notification_id() or 0


@contextmanager
def serve(database_url: str, **settings: Any) -> Iterator[Served]:
    """create_app on the database (8 April 2026, 09:00 Dalian, controlled clock), served by uvicorn."""
    clock = ControlledClock(CLOCK_START)
    app = create_app(Settings(database_url=database_url, **settings), clock=clock)
    try:
        register_units(app.state.ganxin)
        with run_server(app) as base_url:
            yield Served(base_url, app.state.ganxin, clock)
    finally:
        app.state.ganxin.store.close()
