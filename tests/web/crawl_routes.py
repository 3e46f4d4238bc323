"""Every GET route of the app, read from FastAPI's own route table, and where each of its parameters comes from.

A path or query parameter is filled either from a *kind* of id the crawl harvests from earlier answers (case
ids, task-force keys, project keys, unit codes, finding ids …) or from a fixed value (a day, a period, a page).
A parameter with neither is reported by `unfillable`, so a route added later with a new parameter fails the
crawl's tests loudly instead of escaping it; a route that truly holds no case content is listed in
NO_CASE_CONTENT with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fastapi.routing import iter_route_contexts

from domain.shared.vocabulary import CATEGORIES, CaseStatus, Channel

PAST_DAY = "2026-04-20"  # between the Wanxianghui task force's first and second meetings
RECENT_DAY = "2026-11-19"  # the day before the crawl's today: every live case logged, the escalations recorded
# Path parameters: which kind of harvested id fills them ("key" depends on the route: see path_kind).
PATH_KINDS = {"case_id": "case", "finding_id": "finding", "notification_id": "event", "username": "account"}
KEY_KINDS = {"/task-forces/": "task_force", "/projects/": "project"}
# Query parameters filled with harvested ids.
QUERY_KINDS = {
    "case_id": "case",
    "case": "case",
    "created": "case",
    "lead_unit": "unit",
    "unit": "unit",
    "task_force": "task_force",
    "enterprise_uscc": "enterprise",
    "uscc": "enterprise",
    "street": "street",
    "field": "field",
}
# Parameters that are not ids: fixed values (the vocabulary from the domain, days around the scenario's).
FIXED_VALUES: dict[str, tuple[str, ...]] = {
    "as_of": (PAST_DAY,),
    "at": (RECENT_DAY,),
    "start": ("2026-03-01",),
    "end": ("2026-04-30",),
    "year": ("2026",),
    "working_days": ("10",),
    "stall_days": ("3",),
    "page": ("2",),
    "per_page": ("100",),
    "limit": ("50",),
    "q": ("大连",),
    "typical": ("true",),
    "rows": ("3",),
    "next": ("/cases",),
    "status": tuple(s.value for s in CaseStatus)[:2],
    "channel": tuple(c.value for c in Channel)[:1],
    "category": tuple(CATEGORIES)[:1],
}
# Optional parameters that only mean something together: also requested as one variant.
TOGETHER = (("start", "end"),)
# GET routes the crawl does not request, each with the reason it cannot show a case.
NO_CASE_CONTENT: dict[str, str] = {
    "/openapi.json": "the API's schema, generated from the code: the same for everyone, no data",
    "/docs": "the API documentation page: a static shell around /openapi.json",
    "/healthz": "the health check: status words only, public",
    "/login": "the login form: public, shows nothing of the database",
    "/login/totp": "the second login step: answers only to a login in progress, shows its enrolment secret",
}


@dataclass(frozen=True)
class Param:
    """One parameter of a route: its name, whether the route needs it, what fills it."""

    name: str
    required: bool
    kind: str | None  # a harvested kind of id, or None for FIXED_VALUES (or nothing: unfillable)


@dataclass(frozen=True)
class GetRoute:
    """A GET route: its path template, path parameters and query parameters."""

    path: str
    path_params: tuple[Param, ...]
    query_params: tuple[Param, ...]

    @property
    def api(self) -> bool:
        """Part of the JSON API (what API tokens are for)."""
        return self.path.startswith("/api/")

    @property
    def pattern(self) -> re.Pattern[str]:
        """Matches a concrete path of this route (for links found in answers)."""
        parts = re.split(r"(\{[^}]+\})", self.path)
        return re.compile(
            "".join(f"(?P<{p[1:-1]}>[^/?#]+)" if p.startswith("{") else re.escape(p) for p in parts) + "$"
        )

    def __str__(self) -> str:
        return self.path


def path_kind(path: str, name: str) -> str | None:
    """The kind of id a path parameter takes."""
    if name == "key":
        return next((kind for prefix, kind in KEY_KINDS.items() if prefix in path), None)
    return PATH_KINDS.get(name)


def _flat(dependant: Any, attribute: str) -> list[Any]:
    """A dependant's parameters of one sort, its sub-dependencies' included."""
    found = list(getattr(dependant, attribute))
    for sub in dependant.dependencies:
        found += _flat(sub, attribute)
    return found


def get_routes(app: Any) -> list[GetRoute]:
    """Every GET route the app serves (mounted static files aside), from FastAPI's route table."""
    routes = []
    for route in iter_route_contexts(app.routes):
        if "GET" not in (getattr(route, "methods", None) or ()):
            continue
        dependant = getattr(route, "dependant", None)
        path_fields = _flat(dependant, "path_params") if dependant else []
        query_fields = _flat(dependant, "query_params") if dependant else []
        path_params = tuple(Param(f.alias, True, path_kind(route.path, f.alias)) for f in path_fields)
        query_params = tuple(Param(f.alias, f.field_info.is_required(), QUERY_KINDS.get(f.alias)) for f in query_fields)
        routes.append(GetRoute(route.path, path_params, query_params))
    return sorted({r.path: r for r in routes}.values(), key=lambda r: (len(r.path_params), r.path))


def unfillable(routes: list[GetRoute]) -> list[str]:
    """'route: parameter' for every parameter the crawl has no source for (routes in NO_CASE_CONTENT aside)."""
    return [
        f"{route.path}: {param.name}"
        for route in routes
        if route.path not in NO_CASE_CONTENT
        for param in (*route.path_params, *route.query_params)
        if param.kind is None and param.name not in FIXED_VALUES
    ]


def query_variants(route: GetRoute, values: dict[str, list[str]], *, base_only: bool = False) -> list[dict[str, str]]:
    """The query strings to request: the required parameters alone, then each optional one with each value
    (optional parameters that go together: once, together)."""
    base = {p.name: values[p.name][0] for p in route.query_params if p.required and values.get(p.name)}
    variants = [base]
    optional = {p.name for p in route.query_params if not p.required}
    groups = [group for group in TOGETHER if set(group) <= optional]
    if base_only:
        return variants
    for name in sorted(optional - {name for group in groups for name in group}):
        variants += [{**base, name: value} for value in values.get(name, [])]
    for group in groups:
        if all(values.get(n) for n in group):
            variants.append({**base, **{n: values[n][0] for n in group}})
    return variants
