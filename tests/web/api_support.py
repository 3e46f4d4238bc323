"""The JSON API served for real: app on a test database, units registered, people of each role logged in over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from application.services import Services
from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from tests.support import run_server
from tests.support.app import CLOCK_START, register_units
from tests.web.people import CADRE_ACTIONS, HANDLER, HANDLER_ACTIONS, LEAD, Logins, Person
from web.app import create_app

HUARUN = {
    "uscc": "91210211983690064E",
    "name": "华润置地（大连）有限公司",
    "street": "中华路街道",
    "industry": "现代服务业",
}
MEILUO = {"uscc": "91210211026773546P", "name": "大连美罗药业股份有限公司", "street": "营城子街道"}
CADRE = Person("cadre-wang", "王干部", "cadre")  # logs the visits, and goes back to ask (回访)
CADRE_USERNAME, CADRE_NAME = CADRE.username, CADRE.name


@dataclass
class Api:
    """A served app with a logged-in client per person (created on first use)."""

    ganxin: Services
    clock: ControlledClock
    logins: Logins

    @property
    def base_url(self) -> str:
        """Where the app is served."""
        return self.logins.base_url

    def events_written(self) -> int:
        """How many events the store holds: what bad input must never change."""
        return self.ganxin.store.event_log.recorder.max_notification_id() or 0

    @property
    def client(self) -> httpx.Client:
        """The cadre's client: logs visits, reads their cases."""
        return self.logins.client_of(CADRE)

    @property
    def lead(self) -> httpx.Client:
        """The dispatch desk's client: classifies, assigns and directs every case."""
        return self.logins.client_of(LEAD)

    @property
    def handler(self) -> httpx.Client:
        """住建局's handler's client: accepts, works and resolves what is assigned to 住建局."""
        return self.logins.client_of(HANDLER)

    def client_for(self, action: str) -> httpx.Client:
        """The client of whoever takes this action in these tests."""
        if action in HANDLER_ACTIONS:
            return self.handler
        return self.client if action in CADRE_ACTIONS else self.lead

    def logged_in_client(
        self, username: str, display_name: str, role: str = "cadre", unit: str | None = None
    ) -> httpx.Client:
        """Another person's client, closed with the server."""
        return self.logins.client_of(Person(username, display_name, role, unit))


@contextmanager
def serve_api(database_url: str) -> Iterator[Api]:
    """create_app on the database with a controlled clock, served by uvicorn; a cadre logged in."""
    clock = ControlledClock(CLOCK_START)
    app = create_app(Settings(database_url=database_url), clock=clock)
    ganxin: Services = app.state.ganxin
    try:
        register_units(ganxin)
        with run_server(app) as base_url, ExitStack() as stack:
            api = Api(ganxin, clock, Logins(base_url, ganxin, stack))
            api.logins.client_of(CADRE)
            yield api
    finally:
        ganxin.store.close()


def visit_body(*descriptions: str, **overrides: Any) -> dict[str, Any]:
    """A valid visit to Huarun on the clock's day, one problem per description."""
    body: dict[str, Any] = {
        "enterprise": dict(HUARUN),
        "channel": "visit",
        "occurred_on": "2026-04-08",
        "problems": [{"category": "市政配套", "description": d, "request": "请协调解决"} for d in descriptions],
        "cadres": [CADRE_NAME],
        "place": "企业会议室",
    }
    body.update(overrides)
    return body


def log_case(client: httpx.Client | Api, description: str = "厂区门前道路破损，货车进出困难") -> str:
    """Log a one-problem visit over HTTP (as the cadre, given the Api); the new case's id."""
    client = client.client if isinstance(client, Api) else client
    response = client.post("/api/v1/visits", json=visit_body(description))
    assert response.status_code == 201, response.text
    return response.json()["case_ids"][0]


def act(who: httpx.Client | Api, case_id: str, action: str, version: int, **fields: Any) -> httpx.Response:
    """POST one action with the version the caller saw: given the Api, as whoever takes that action."""
    client = who.client_for(action) if isinstance(who, Api) else who
    return client.post(f"/api/v1/cases/{case_id}/{action}", json={"expected_version": version, **fields})


def history(client: httpx.Client | Api, case_id: str) -> list[dict[str, Any]]:
    """The case's events as the API lists them (to the dispatch desk, given the Api)."""
    client = client.lead if isinstance(client, Api) else client
    response = client.get(f"/api/v1/cases/{case_id}/history")
    assert response.status_code == 200, response.text
    return response.json()["events"]


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The error envelope's content, after checking the answer is a JSON error."""
    assert response.headers["content-type"].startswith("application/json"), response.text
    return response.json()["error"]
