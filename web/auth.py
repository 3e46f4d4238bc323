"""Who is asking: sessions and logins (being written; see the auth module's docs)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from domain.actor import Actor

router = APIRouter()


def resolve_actor(request: Request) -> Actor | None:
    """The actor behind the request's session cookie, if any."""
    return None
