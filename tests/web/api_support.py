"""The JSON API served for real: app on a test database, units registered, a cadre logged in over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from application.app import Ganxin
from application.clock import ControlledClock
from infrastructure.settings import Settings
from tests.support import run_server
from tests.support.app import CLOCK_START, register_units
from tests.support.auth import create_user, login
from web.app import create_app

CADRE_USERNAME = "cadre-wang"
CADRE_NAME = "王干部"
HUARUN = {"uscc": "91210211983690064E", "name": "华润置地（大连）有限公司", "street": "中华路街道",
          "industry": "现代服务业"}
MEILUO = {"uscc": "91210211026773546P", "name": "大连美罗药业股份有限公司", "street": "营城子街道"}


@dataclass
class Api:
    """A served app and a logged-in client on it."""

    base_url: str
    ganxin: Ganxin
    clock: ControlledClock
    client: httpx.Client

    def events_written(self) -> int:
        """How many events the store holds: what bad input must never change."""
        return self.ganxin.recorder.max_notification_id() or 0

    def logged_in_client(self, username: str, display_name: str) -> httpx.Client:
        """Another person's client; the caller closes it."""
        create_user(self.ganxin, username, display_name=display_name)
        client = httpx.Client(base_url=self.base_url, timeout=30)
        login(client, username)
        return client


@contextmanager
def serve_api(database_url: str) -> Iterator[Api]:
    """create_app on the database with a controlled clock, served by uvicorn; a cadre logged in."""
    clock = ControlledClock(CLOCK_START)
    app = create_app(Settings(database_url=database_url), clock=clock)
    ganxin: Ganxin = app.state.ganxin
    try:
        register_units(ganxin)
        create_user(ganxin, CADRE_USERNAME, display_name=CADRE_NAME)
        with run_server(app) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
            login(client, CADRE_USERNAME)
            yield Api(base_url, ganxin, clock, client)
    finally:
        ganxin.close()


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


def log_case(client: httpx.Client, description: str = "厂区门前道路破损，货车进出困难") -> str:
    """Log a one-problem visit over HTTP; the new case's id."""
    response = client.post("/api/v1/visits", json=visit_body(description))
    assert response.status_code == 201, response.text
    return response.json()["case_ids"][0]


def act(client: httpx.Client, case_id: str, action: str, version: int, **fields: Any) -> httpx.Response:
    """POST one action with the version the caller saw."""
    return client.post(f"/api/v1/cases/{case_id}/{action}", json={"expected_version": version, **fields})


def history(client: httpx.Client, case_id: str) -> list[dict[str, Any]]:
    """The case's events as the API lists them."""
    response = client.get(f"/api/v1/cases/{case_id}/history")
    assert response.status_code == 200, response.text
    return response.json()["events"]


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The error envelope's content, after checking the answer is a JSON error."""
    assert response.headers["content-type"].startswith("application/json"), response.text
    return response.json()["error"]
