"""Request dependencies shared by pages and the API: the application and who is asking."""

from __future__ import annotations

from fastapi import Request

from application.app import Ganxin
from domain.actor import Actor
from web.auth import resolve_actor


class LoginRequired(Exception):
    """Raised by page_actor when nobody is logged in; answered with a redirect to /login."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


class ApiUnauthenticated(Exception):
    """Raised by api_actor when the request carries no valid session or token; answered 401 JSON."""


def get_ganxin(request: Request) -> Ganxin:
    """The application create_app built."""
    return request.app.state.ganxin


def page_actor(request: Request) -> Actor:
    """The logged-in person, or a redirect to the login page."""
    actor = resolve_actor(request)
    if actor is None:
        raise LoginRequired(str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))
    return actor


def api_actor(request: Request) -> Actor:
    """The logged-in person (or token holder), or 401."""
    actor = resolve_actor(request)
    if actor is None:
        raise ApiUnauthenticated()
    return actor
