"""What already held when the faults were measured, kept as tests: 16 writers on one case, two servers on one
database (each sees the other's writes within 0.25 s)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from typing import Any

import httpx

from application.shared.clock import SystemClock
from infrastructure.settings import Settings
from tests.faults.serving import SECRET_KEY, prepare, visit
from tests.support import run_server
from tests.support.auth import ADMIN
from tests.web.api_support import accepted_case, act, history, serve_api
from tests.web.people import HANDLER
from web.app import create_app

WRITERS = 16
ATTEMPTS = 4  # per writer
# Measured 0.25 s on a quiet machine; the bound leaves room for CI's three test processes on two cores
# (0.28 s seen there once).
SEEN_WITHIN = 1.0


def _bearer(base_url: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=base_url, timeout=60, headers={"Authorization": f"Bearer {token}"})


def _note_progress(
    client: httpx.Client, case_id: str, version: int, barrier: threading.Barrier, who: int
) -> list[tuple[int, int, dict[str, Any]]]:
    """ATTEMPTS notes, each at the version last seen; (expected version, status, body) per attempt."""
    barrier.wait(timeout=60)
    tries = []
    for attempt in range(ATTEMPTS):
        response = act(client, case_id, "progress", version, note=f"第{who}人第{attempt}次进展")
        body = response.json()
        tries.append((version, response.status_code, body))
        version = body["version"] if response.status_code == 200 else body["error"].get("current_version", version)
    return tries


def test_sixteen_writers_on_one_case(database_url: str):
    with serve_api(database_url) as api:
        case_id, version = accepted_case(api)
        token = api.ganxin.tokens.issue_token(ADMIN, HANDLER.username, "16 writers").token
        barrier = threading.Barrier(WRITERS)
        with ExitStack() as stack, ThreadPoolExecutor(WRITERS) as pool:
            clients = [stack.enter_context(_bearer(api.base_url, token)) for _ in range(WRITERS)]
            tries = [
                t
                for ts in pool.map(lambda n: _note_progress(clients[n], case_id, version, barrier, n), range(WRITERS))
                for t in ts
            ]
        events = history(api.lead, case_id)

    won = [body["version"] for _, status, body in tries if status == 200]
    refused = [(expected, status, body["error"]) for expected, status, body in tries if status != 200]
    final = events[-1]["version"]
    assert [e["version"] for e in events] == list(range(1, final + 1))  # no gap, no duplicate
    assert sorted(won) == [e["version"] for e in events if e["type"] == "ProgressNoted"]  # every 2xx once
    assert won and refused
    for expected, status, error in refused:
        assert (status, error["code"]) == (409, "version_conflict"), error
        assert expected < error["current_version"] <= final


def _visible(client: httpx.Client, case_id: str, version: int) -> float:
    """How long until the case reads at `version` (fails after SEEN_WITHIN)."""
    started = time.monotonic()
    while client.get(f"/api/v1/cases/{case_id}").json().get("version") != version:
        assert time.monotonic() - started < SEEN_WITHIN, f"not seen within {SEEN_WITHIN} s"
    return time.monotonic() - started


@contextmanager
def _two_servers(database_url: str) -> Iterator[tuple[str, str]]:
    apps = [
        create_app(Settings(database_url=database_url, secret_key=SECRET_KEY), clock=SystemClock()) for _ in range(2)
    ]
    try:
        with run_server(apps[0]) as first, run_server(apps[1]) as second:
            yield first, second
    finally:
        for app in apps:
            app.state.ganxin.store.close()


def test_two_servers_on_one_database_see_each_others_writes(database_url: str):
    tokens = prepare(database_url)
    waits = []
    with (
        _two_servers(database_url) as (first, second),
        _bearer(first, tokens["cadre"]) as cadre_a,
        _bearer(second, tokens["cadre"]) as cadre_b,
        _bearer(first, tokens["lead"]) as lead_a,
        _bearer(second, tokens["lead"]) as lead_b,
    ):
        for writer, reader, lead in ((cadre_a, cadre_b, lead_a), (cadre_b, cadre_a, lead_b)):
            logged = writer.post("/api/v1/visits", json=visit("两台服务器之间的问题：路灯不亮"))
            assert logged.status_code == 201, logged.text
            case_id = logged.json()["case_ids"][0]
            waits.append(_visible(reader, case_id, 1))
            classified = act(lead, case_id, "classify", 1, disposition="immediate")
            assert classified.status_code == 200, classified.text
            waits.append(_visible(reader, case_id, 2))
    assert len(waits) == 4 and max(waits) < SEEN_WITHIN
