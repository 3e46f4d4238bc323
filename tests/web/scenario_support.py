"""The district scenario served for real: the people of its remits, and a fixture serving it on each database."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import httpx
import pytest

from application.cases.ports import CaseFilter
from application.shared.access import Principal
from domain.shared.actor import Actor
from domain.task_forces.task_force import TaskForce
from infrastructure.settings import Settings
from tests.support.scenario_copies import LoadedScenario, ScenarioCopies
from tests.web.people import LEAD, Person
from tests.web.serving import Served, serve_app
from web.app import create_app

TODAY = datetime(2026, 11, 20, 2, tzinfo=UTC)  # 10:00 in Dalian, long after the scenario's spring
SECRETARY = Person("secretary-01", "孙晓东", "service_secretary")  # district secretary of kp-wanxianghui
INSPECTOR = Person("inspector-qian", "钱监察", "inspector")
CADRE = Person("cadre-sun", "孙干部", "cadre")
DESK = Principal(Actor(LEAD.username, LEAD.name, LEAD.role), dispatch_all=True)
WANXIANGHUI = "tf-wanxianghui"  # the task force of the 华润万象汇 project


@dataclass
class Site(Served):
    """The app served on the loaded scenario, with logged-in clients opened on first use."""

    def client(self, person: Person) -> httpx.Client:
        """The person's logged-in client."""
        return self.logins.client_of(person)


@contextmanager
def serve_scenario(loaded: LoadedScenario) -> Iterator[Site]:
    """create_app on a database holding the replayed scenario, the clock set to 20 November 2026."""
    clock = loaded.clock()
    clock.set(TODAY)
    app = create_app(Settings(database_url=loaded.url), clock=clock)
    with serve_app(app) as logins:
        yield Site(app.state.ganxin, logins)


@contextmanager
def scenario_copy(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoadedScenario]:
    """A copy of the replayed scenario of its own on the fixture's backend (its param)."""
    copies: ScenarioCopies = request.getfixturevalue("scenario_copies")
    if request.param == "sqlite":
        with copies.on_sqlite(tmp_path_factory.mktemp("scenario")) as loaded:
            yield loaded
    else:
        with copies.on_postgres(request.getfixturevalue("postgres_url")) as loaded:
            yield loaded


def scenario_fixture(scope: Literal["module", "function"] = "module") -> Callable[..., Any]:
    """A fixture serving the loaded scenario on each database: once per module for tests that only read it."""

    @pytest.fixture(scope=scope, params=["sqlite", "postgres"])
    def scenario(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
        with scenario_copy(request, tmp_path_factory) as loaded, serve_scenario(loaded) as site:
            yield site

    return scenario


def unlisted_open_case(site: Site) -> Any:
    """An open case of the scenario that no task force holds yet (its row in the case list)."""
    cases = site.ganxin.case_queries.list_cases(DESK, CaseFilter(per_page=100)).items
    return next(c for c in cases if c.task_force is None and c.status in ("accepted", "assigned"))


def post_meeting(site: Site, client: httpx.Client, **fields: str) -> httpx.Response:
    """The 万象汇 task force's meeting form sent by the client, with its page's token and the current version."""
    page = client.get(f"/task-forces/{WANXIANGHUI}").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    version = site.ganxin.store.load(TaskForce.create_id(WANXIANGHUI), TaskForce).version
    data = {"csrf_token": token, "expected_version": str(version), **fields}
    return client.post(f"/task-forces/{WANXIANGHUI}/meetings", data=data)
