"""Where to send a person back to: a page they can open (GET), never a form's POST target."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from fastapi.routing import iter_route_contexts
from starlette.requests import Request
from starlette.routing import compile_path

HOME = "/cases"


def _get_patterns(request: Request) -> tuple[re.Pattern[str], ...]:
    """The path patterns of the app's GET routes, compiled once per app (matching routes one by one is slow)."""
    state = request.app.state
    patterns = getattr(state, "get_route_patterns", None)
    if patterns is None:
        patterns = tuple(
            compile_path(route.path)[0]
            for route in iter_route_contexts(request.app.routes)
            if "GET" in (route.methods or ())
        )
        state.get_route_patterns = patterns
    return patterns


def is_page(request: Request, path: str) -> bool:
    """Whether GET `path` reaches a route of this app (a page or a download, not only a POST target)."""
    return any(pattern.match(path) for pattern in _get_patterns(request))


def _same_site(request: Request, url: str) -> str | None:
    """The path and query of a URL on this host (the Host header's), or None."""
    parts = urlsplit(url)
    if (
        parts.netloc.lower() != request.headers.get("host", "").lower()
        or not parts.path.startswith("/")
        or parts.path.startswith("//")
        or "\\" in url
    ):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def referring_page(request: Request) -> str | None:
    """The page the request came from (Referer, sent for same-origin requests), if it can be opened again."""
    referer = _same_site(request, request.headers.get("referer", ""))
    if referer is None or not is_page(request, urlsplit(referer).path):
        return None
    return referer


def form_page(request: Request) -> str:
    """The page that shows the form of this POST: where it was sent from, else the nearest page above
    its path (`/visits` → `/visits/new`, `/cases/{id}/accept` → `/cases/{id}`), else the home page."""
    referer = referring_page(request)
    if referer is not None:
        return referer
    path = request.url.path.rstrip("/")
    while path:
        for candidate in (f"{path}/new", path):
            if is_page(request, candidate):
                return candidate
        path = path.rsplit("/", 1)[0]
    return HOME
