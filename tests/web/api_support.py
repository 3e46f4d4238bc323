"""The JSON API served for real: app on a test database, units registered, people of each role logged in over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

import httpx

from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from tests.support.app import CLOCK_START, register_units
from tests.web.people import Person
from tests.web.serving import CaseTeam, serve_app
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
class Api(CaseTeam):
    """A served app on a controlled clock, with a logged-in client per person (created on first use)."""

    clock: ControlledClock
    cadre: ClassVar[Person] = CADRE

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
    with serve_app(app, register_units) as logins:
        api = Api(app.state.ganxin, logins, clock)
        api.logins.client_of(CADRE)
        yield api


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


def accepted_case(api: Api) -> tuple[str, int]:
    """A case logged, classified, assigned to 住建局 (ten working days) and accepted; its id and version."""
    case_id = log_case(api)
    version = 1
    for action, fields in [
        ("classify", {"disposition": "immediate"}),
        ("assign", {"lead_unit": "zhujian", "working_days": 10}),
        ("accept", {}),
    ]:
        response = act(api, case_id, action, version, **fields)
        assert response.status_code == 200, response.text
        version = response.json()["version"]
    return case_id, version


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
