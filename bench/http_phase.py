"""Phases 3-4: a real uvicorn server; POST /api/v1/visits, then request latencies on the loaded database."""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import httpx

from application.shared.clock import ControlledClock
from bench.board_phase import board_counts, board_targets
from bench.config import bench_settings
from bench.dataset import ADMIN, SEARCH_PHRASES, PlanMaker
from bench.server import run_server
from bench.stats import summarise
from tests.support.auth import login
from web.app import create_app

if TYPE_CHECKING:
    from application.services import Services
    from bench.bulk import Loaded

CADRE_USER = "bench-cadre-http"  # logs visits over HTTP
READER_USER = "bench-dispatch-http"  # the dispatch desk: sees every case, so lists span all N
HANDLER_USER = "bench-handler-http"  # a handler of the busiest unit: the list is limited to its scope
HANDLER_UNIT = "yingshang"
PASSWORD = "bench-pass-2026-压测"
WARM_UP = 10


def create_logins(ganxin: Services) -> None:
    """Accounts for the HTTP clients (Argon2id hashes, like any other account)."""
    ganxin.accounts.create_account(
        ADMIN, username=CADRE_USER, display_name="压测HTTP干部", role="cadre", password=PASSWORD
    )
    ganxin.accounts.create_account(
        ADMIN, username=READER_USER, display_name="压测HTTP分办台", role="task_force_lead", password=PASSWORD
    )
    ganxin.accounts.change_membership(ADMIN, READER_USER, dispatch_all=True)
    ganxin.accounts.create_account(
        ADMIN,
        username=HANDLER_USER,
        display_name="压测HTTP承办人",
        role="unit_handler",
        password=PASSWORD,
        unit=HANDLER_UNIT,
    )


@contextmanager
def serving(database_url: str, at: datetime) -> Iterator[str]:
    """A real server on 127.0.0.1 (uvicorn thread); its base URL."""
    clock = ControlledClock(at)
    with run_server(lambda: create_app(bench_settings(database_url), clock=clock)) as base_url:
        yield base_url


@contextmanager
def logged_in(base_url: str, username: str) -> Iterator[httpx.Client]:
    """A keep-alive client logged in through the real forms.

    tests/support/auth.login is the login flow as its owner keeps it (GET /login for the CSRF token,
    POST /login, a second factor where the role needs one) and makes the client send X-CSRF-Token and
    Origin on every POST, as the site's pages do.
    """
    with httpx.Client(base_url=base_url, timeout=60) as client:
        login(client, username, PASSWORD)
        yield client


def post_visits(client: httpx.Client, loaded: Loaded, count: int, rng: random.Random, day: str) -> dict:
    """POST /api/v1/visits `count` times, one or two problems each (same enterprise)."""
    maker = PlanMaker(rng, loaded.unit_keys, loaded.usccs)
    cases = 0
    started = time.perf_counter()
    for serial in range(count):
        plans = [maker.plan(2_000_000 + serial * 2 + k) for k in range(rng.choice((1, 2)))]
        body = {
            "channel": plans[0].channel,
            "occurred_on": day,
            "enterprise": {"uscc": plans[0].enterprise_uscc},
            "problems": [{"category": p.category, "description": p.description, "request": p.request} for p in plans],
        }
        response = client.post("/api/v1/visits", json=body)
        if response.status_code != HTTPStatus.CREATED:
            raise SystemExit(f"POST /api/v1/visits answered {response.status_code}: {response.text[:300]}")
        cases += len(response.json()["case_ids"])
        if (serial + 1) % max(1, count // 5) == 0:
            print(f"  … http visits: {serial + 1:,}/{count:,}", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    return {
        "visits": count,
        "cases": cases,
        "seconds": seconds,
        "visits_per_s": count / seconds,
        "cases_per_s": cases / seconds,
    }


def latency_targets(
    reader: httpx.Client, handler: httpx.Client, loaded: Loaded, rng: random.Random
) -> dict[str, tuple[httpx.Client, Callable[[], str]]]:
    """Each measured request: the client that sends it and a function giving the next URL."""
    ids, units = loaded.case_ids, loaded.unit_keys
    return {
        "GET /api/v1/cases?lead_unit=…&page=1": (reader, lambda: f"/api/v1/cases?lead_unit={rng.choice(units)}&page=1"),
        "GET /api/v1/cases": (reader, lambda: "/api/v1/cases"),
        "GET /api/v1/cases?q=…": (reader, lambda: f"/api/v1/cases?q={rng.choice(SEARCH_PHRASES)}"),
        "GET /cases/{id} (HTML)": (reader, lambda: f"/cases/{rng.choice(ids)}"),
        "GET /api/v1/cases/{id}/history": (reader, lambda: f"/api/v1/cases/{rng.choice(ids)}/history"),
        "GET /api/v1/cases as unit handler": (handler, lambda: "/api/v1/cases"),
    }


def _fetch(client: httpx.Client, url: str) -> tuple[float, Any]:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    if response.status_code != HTTPStatus.OK:
        raise SystemExit(f"GET {url} answered {response.status_code}: {response.text[:300]}")
    return elapsed, response


def measure_latencies(base_url: str, loaded: Loaded, queries: int, rng: random.Random) -> tuple[dict, dict]:
    """p50/p95/p99/mean of each request over `queries` requests, after WARM_UP unmeasured ones; and the
    deadline board's counts per light as the dispatch desk sees them."""
    with logged_in(base_url, READER_USER) as reader, logged_in(base_url, HANDLER_USER) as handler:
        targets = latency_targets(reader, handler, loaded, rng) | board_targets(reader, loaded.unit_keys, rng)
        return _measure(targets, queries), board_counts(reader)


def _measure(targets: dict[str, tuple[httpx.Client, Callable[[], str]]], queries: int) -> dict:
    results = {}
    for label, (client, next_url) in targets.items():
        for _ in range(WARM_UP):
            _fetch(client, next_url())
        timings, totals = [], []
        for _ in range(queries):
            elapsed, response = _fetch(client, next_url())
            timings.append(elapsed)
            if "json" in response.headers.get("content-type", "") and "total" in response.json():
                totals.append(response.json()["total"])
        results[label] = summarise(timings)
        if totals:
            results[label]["mean_total_matched"] = round(sum(totals) / len(totals), 1)
        print(f"  … latency: {label} done", file=sys.stderr, flush=True)
    return results
