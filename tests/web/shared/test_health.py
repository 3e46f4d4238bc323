"""/healthz says what it checked (database, last event, read-model lag, free disk) and 503 when a check fails;
/livez answers for the process alone. The database outages themselves are in tests/faults."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from tests.support import run_server
from tests.support.app import CLOCK_START, ganxin_on, log_problems, register_units
from web.app import create_app

MAX_LAG_SECONDS = 0.0  # any lag at all counts: no waiting for the clock in the test


@contextmanager
def served(database_url: str, **settings: float) -> Iterator[tuple[str, object]]:
    """The app served without its background projector (the poll never comes), with these settings."""
    app = create_app(
        Settings(database_url=database_url, **settings), clock=ControlledClock(CLOCK_START), poll_interval=3600
    )
    try:
        register_units(app.state.ganxin)
        with run_server(app, health_path="/livez") as base_url:  # /healthz may be 503 by design here
            yield base_url, app.state.ganxin
    finally:
        app.state.ganxin.store.close()


def test_healthz_reports_the_log_the_read_models_and_the_disk(database_url: str):
    postgres = database_url.startswith("postgresql")
    with served(database_url) as (base_url, ganxin):
        log_problems(ganxin, "路灯不亮")
        health = httpx.get(base_url + "/healthz")
        live = httpx.get(base_url + "/livez")
        last = ganxin.store.event_log.recorder.max_notification_id()
    body = health.json()
    assert health.status_code == 200 and body["status"] == "ok" and body["problems"] == []
    assert body["database"] == ("postgres" if postgres else "sqlite")
    assert body["last_event"] == body["projected_up_to"] == last and body["lag_events"] == 0
    assert body["lag_seconds"] == 0
    assert (body["free_mb"] is None) if postgres else body["free_mb"] > 0
    assert (live.status_code, live.json()) == (200, {"status": "alive"})


def test_healthz_is_503_while_the_read_models_lag_and_200_once_caught_up(database_url: str):
    with (
        served(database_url, health_max_lag_seconds=MAX_LAG_SECONDS) as (base_url, ganxin),
        ganxin_on(database_url) as other_process,
    ):
        before = httpx.get(base_url + "/healthz")
        # Another process writes, and its projector is stuck: read models are shared, so nobody projects the event.
        other_process.store.projector.catch_up = lambda *args, **kwargs: 0
        log_problems(other_process, "另一进程登记的问题")
        lagging = httpx.get(base_url + "/healthz")
        ganxin.store.catch_up()
        caught_up = httpx.get(base_url + "/healthz")
    assert before.status_code == 200
    assert lagging.status_code == 503 and lagging.headers["retry-after"]
    body = lagging.json()
    assert body["status"] == "unavailable" and body["lag_events"] >= 1 and body["lag_seconds"] > MAX_LAG_SECONDS
    assert any("behind" in problem for problem in body["problems"])
    assert caught_up.status_code == 200 and caught_up.json()["lag_events"] == 0


def test_healthz_is_503_when_the_sqlite_disk_is_below_the_threshold(tmp_path):
    with served(f"sqlite:///{tmp_path / 'ganxin.db'}", health_min_free_mb=1e12) as (base_url, _):
        health = httpx.get(base_url + "/healthz")
    assert health.status_code == 503
    assert health.json()["free_mb"] < 1e12 and any("free" in p for p in health.json()["problems"])
