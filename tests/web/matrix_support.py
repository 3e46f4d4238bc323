"""The access matrix's world: the route table as declared, one person per role, cases in and out of scope."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
from fastapi.routing import iter_route_contexts

from application.projects.commands import ProjectDetails, SecretaryDetails
from application.registry.commands import EnterpriseDetails
from application.services import Services
from application.shared.access import Permission, Principal
from application.shared.clock import ControlledClock
from domain.cases.actions import CASE_ACTIONS
from domain.shared.actor import Actor
from infrastructure.settings import Settings
from tests.support.app import CLOCK_START, DISPATCH, HUARUN, SETUP, handler, log_problems, register_units
from tests.support.case_actions import DIRECTING_ACTIONS, TASK_FORCE
from tests.web.people import Logins, Person, open_account
from tests.web.serving import serve_app
from web.app import create_app
from web.deps import Allow

ROLES = ["cadre", "unit_handler", "task_force_lead", "service_secretary", "inspector", "admin"]
ACTIONS = [action.code for action in CASE_ACTIONS]  # every action of the table has its route and form
# Routes anyone may call: logging in (with its second step), out, the health checks, static files and the
# API documentation (whose assets this FastAPI serves from a mount of its own).
PUBLIC = {
    ("GET", "/login"),
    ("POST", "/login"),
    ("GET", "/login/totp"),
    ("POST", "/login/totp"),
    ("POST", "/logout"),
    ("GET", "/healthz"),
    ("GET", "/livez"),
    ("GET", "/openapi.json"),
    ("GET", "/docs"),
    ("GET", "/docs/oauth2-redirect"),
    ("GET", "/redoc"),
    ("MOUNT", "/static"),
    ("MOUNT", "/docs/assets"),
}
OTHER_TASK_FORCE = "tf_land"
SPARE_TASK_FORCE = "tf_spare"  # the matrix lead's second task force: the one it may dissolve
PROJECT = "kp-matrix"  # a key project of TASK_FORCE with the matrix secretary on its street tier
MILESTONE = "矩阵节点"  # planned at setup, so that reaching it can be tried
FAGAI = ("fagai", "区发展和改革局", "发改局")  # a member unit of TASK_FORCE only so that it can be removed
MEILUO = EnterpriseDetails("91210211026773546P", "大连美罗药业股份有限公司", "营城子街道", "生物医药")
# One account per role, each with a remit that takes in the matrix's cases (and not the out-of-scope one).
PEOPLE = {
    "cadre": Person("m-cadre", "钱干部", "cadre", street=HUARUN.street),
    "unit_handler": Person("m-handler", "孙承办", "unit_handler", unit="zhujian"),
    "task_force_lead": Person("m-lead", "李专班", "task_force_lead", task_forces=(TASK_FORCE, SPARE_TASK_FORCE)),
    "service_secretary": Person("m-secretary", "吴秘书", "service_secretary"),
    "inspector": Person("m-inspector", "郑监察", "inspector"),
    "admin": Person("m-admin", "冯管理员", "admin"),
}
SECRETARY = Principal(Actor("m-secretary", "吴秘书", "service_secretary"))
SERVICE_ACCOUNT = Person("m-hotline", "12345热线", "cadre")  # an integration the admin issues tokens to


@dataclass(frozen=True)
class DeclaredRoute:
    """A route as the app serves it, with the Allow dependencies it declares (none: public or undeclared)."""

    method: str
    path: str
    allows: tuple[Allow, ...]
    action: str | None = None  # the {action} a page route is requested with

    @property
    def permission(self) -> Permission:
        """The one declared permission."""
        return self.allows[0].permission

    @property
    def api(self) -> bool:
        """Whether the route is part of the JSON API."""
        return self.path.startswith("/api/")

    @property
    def key(self) -> tuple[str, str]:
        """(method, path template)."""
        return self.method, self.path

    def __str__(self) -> str:
        return f"{self.method} {self.path.replace('{action}', self.action or '{action}')}"

    def __repr__(self) -> str:
        return str(self)


def _allows(dependant: Any) -> list[Allow]:
    """Every Allow among a route's dependencies, however deeply nested."""
    found = [dependant.call] if isinstance(dependant.call, Allow) else []
    for sub in dependant.dependencies:
        found.extend(_allows(sub))
    return found


def route_table(app: Any) -> list[DeclaredRoute]:
    """Every route of the app (mounts as MOUNT), from FastAPI's own route table."""
    table = []
    for route in iter_route_contexts(app.routes):
        methods = sorted(route.methods or []) or ["MOUNT"]
        dependant = getattr(route, "dependant", None)
        allows = tuple(_allows(dependant)) if dependant is not None else ()
        table.extend(DeclaredRoute(method, route.path, allows) for method in methods if method != "HEAD")
    return table


def undeclared(routes: Iterable[DeclaredRoute]) -> list[str]:
    """The routes that are not public yet do not declare exactly one permission."""
    return [str(r) for r in routes if r.key not in PUBLIC and len(r.allows) != 1]


@contextmanager
def throwaway_app() -> Iterator[Any]:
    """The real app on a throwaway SQLite file, never served."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(database_url=f"sqlite:///{Path(folder) / 'routes.db'}"))
        try:
            yield app
        finally:
            app.state.ganxin.store.close()


@cache
def served_routes() -> tuple[DeclaredRoute, ...]:
    """The app's route table (read once, at collection)."""
    with throwaway_app() as app:
        return tuple(route_table(app))


def matrix_routes() -> list[DeclaredRoute]:
    """The declared routes to request, a page route with an {action} once per action."""
    routes = []
    for route in served_routes():
        if route.key in PUBLIC or len(route.allows) != 1:
            continue
        if "{action}" in route.path:
            routes.extend(DeclaredRoute(route.method, route.path, route.allows, action) for action in ACTIONS)
        elif route.api and route.path.rsplit("/", 1)[-1] in ACTIONS:
            routes.append(DeclaredRoute(route.method, route.path, route.allows, route.path.rsplit("/", 1)[-1]))
        else:
            routes.append(route)
    return routes


# Enough for each action to succeed on a case prepared for it (see World.case_for).
# Who may take which case action: the spec the matrix checks the table and the access policy against.
EXPECTED_ACTIONS = {
    "cadre": {"feedback"},
    "unit_handler": {"accept", "return", "progress", "request_extension", "resolve"},
    "task_force_lead": set(DIRECTING_ACTIONS),
    "service_secretary": {"remind", "feedback"},
    "inspector": set(),
    "admin": set(),
}


def form_of(body: dict[str, Any]) -> dict[str, Any]:
    """A JSON body as an HTML form posts it (lists become repeated fields)."""
    return {k: v if isinstance(v, list) else str(v) for k, v in body.items()}


@dataclass
class World:
    """A served app, a logged-in client per role, and cases to ask about."""

    ganxin: Services
    logins: Logins
    clients: dict[str, httpx.Client]
    out_of_scope_case: UUID
    stranger: httpx.Client
    _shared: UUID | None = None

    def shared_case(self) -> UUID:
        """An accepted case inside every role's scope, for the routes that only read or log."""
        if self._shared is None:
            self._shared = self.case_for("accepted")
        return self._shared

    def events_written(self) -> int:
        """How many events the store holds."""
        return self.ganxin.store.event_log.recorder.max_notification_id() or 0

    def fresh_token(self) -> str:
        """The id of a token just issued to the service account (for a route that revokes one)."""
        return self.ganxin.tokens.issue_token(SETUP, SERVICE_ACCOUNT.username, "热线系统").token_id

    def version(self, case_id: UUID) -> int:
        """The case's current version (what a client that just read it would send)."""
        return self.ganxin.case_queries.get_case(DISPATCH, case_id).case.version

    def case_for(self, stage: str) -> UUID:
        """A fresh case in the stage, logged by the secretary for Huarun (the cadre's street) and, once
        assigned, with 住建局 on it and in the lead's task force: inside every role's scope."""
        case_id = log_problems(self.ganxin, "厂区门前道路破损，货车进出困难", by=SECRETARY)[0]
        g, version = self.ganxin, 1
        version = g.cases.classify_case(case_id, version, DISPATCH, "immediate", "无政策瓶颈")
        if stage == "returned":
            version = g.cases.assign_case(
                case_id,
                version,
                DISPATCH,
                lead_unit="chengguan",
                working_days=5,
                supporting_units=["zhujian"],
                task_force=TASK_FORCE,
            )
            g.cases.return_case(case_id, version, handler("chengguan"), "不属于本单位职责")
            return case_id
        version = g.cases.assign_case(
            case_id,
            version,
            DISPATCH,
            lead_unit="zhujian",
            working_days=5,
            supporting_units=["chengguan"],
            task_force=TASK_FORCE,
        )
        if stage != "assigned":
            version = g.cases.accept_case(case_id, version, handler("zhujian"))
        if stage == "extension_requested":
            g.cases.request_extension(case_id, version, handler("zhujian"), 3, "需等待检测报告")
        if stage == "resolved":
            g.cases.resolve_case(case_id, version, handler("zhujian"), "道路已修复")
        return case_id


def _out_of_scope_case(ganxin: Services) -> UUID:
    """A case none of the limited roles may know of: another street, unit, task force and author."""
    case_id = log_problems(ganxin, "用地审批久拖未决", enterprise=MEILUO, by=DISPATCH)[0]
    version = ganxin.cases.classify_case(case_id, 1, DISPATCH, "special", "需专班研究")
    version = ganxin.cases.assign_case(
        case_id, version, DISPATCH, lead_unit="city_ziranziyuan", working_days=10, task_force=OTHER_TASK_FORCE
    )
    ganxin.cases.accept_case(case_id, version, handler("city_ziranziyuan"))
    return case_id


def _prepare_remits(ganxin: Services) -> None:
    """Units, task forces and a key project whose remits take in the matrix's people."""
    register_units(ganxin)
    ganxin.registry.register_unit(SETUP, *FAGAI)
    for key, name, units in [
        (TASK_FORCE, "道路整治专班", ["zhujian", "chengguan", FAGAI[0]]),
        (OTHER_TASK_FORCE, "用地保障专班", ["city_ziranziyuan"]),
        (SPARE_TASK_FORCE, "备用专班", ["zhujian"]),
    ]:
        ganxin.registry.form_task_force(SETUP, key, name, "区领导", units, "专项推进", date(2026, 4, 1))
    ganxin.projects.register_project(
        SETUP, ProjectDetails(PROJECT, "华润矩阵项目", park="中华路街道", stage="在建", task_force=TASK_FORCE)
    )
    ganxin.projects.appoint_secretary(
        SETUP,
        PROJECT,
        1,
        SecretaryDetails("street", SECRETARY.actor.user_id, SECRETARY.actor.name, "zhujian", date(2026, 4, 1)),
    )
    ganxin.projects.plan_milestone(SETUP, PROJECT, 2, MILESTONE, date(2026, 6, 30))


@contextmanager
def serve_world(database_url: str) -> Iterator[World]:
    """The app on the database, its registry, a logged-in client per role, and an out-of-scope case."""
    app = create_app(Settings(database_url=database_url), clock=ControlledClock(CLOCK_START))
    ganxin: Services = app.state.ganxin
    with serve_app(app, _prepare_remits) as logins:
        clients = {role: logins.client_of(person) for role, person in PEOPLE.items()}
        open_account(ganxin, SERVICE_ACCOUNT)
        yield World(ganxin, logins, clients, _out_of_scope_case(ganxin), logins.stranger())
