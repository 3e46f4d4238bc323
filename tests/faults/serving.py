"""`ganxin serve` as a real process, clients with API tokens, writers that keep logging visits under load."""

from __future__ import annotations

import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from application.cases.ports import PER_PAGE_MAX, CaseFilter
from application.shared.clock import SystemClock
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from tests.support.app import DISPATCH, register_units
from tests.support.auth import ADMIN, create_user

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "fault-tests-secret-key-not-for-production-0123456789"
STARTUP_SECONDS = 60.0
CADRE, LEAD = ("fault-cadre", "故障干部", "cadre"), ("fault-lead", "故障调度", "task_force_lead")
TOKEN_KEYS = {"cadre": "cadre", "task_force_lead": "lead"}


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(database_url: str) -> dict[str, str]:
    """Units, a cadre and a dispatch-desk lead on the database; their API tokens ("cadre", "lead")."""
    ganxin = build_services(Settings(database_url=database_url, secret_key=SECRET_KEY), clock=SystemClock())
    try:
        register_units(ganxin)
        tokens = {}
        for username, name, role in (CADRE, LEAD):
            create_user(ganxin, username, role, display_name=name, dispatch_all=role == "task_force_lead")
            tokens[TOKEN_KEYS[role]] = ganxin.tokens.issue_token(ADMIN, username, "fault tests").token
        return tokens
    finally:
        ganxin.store.close()


def visit(description: str) -> dict[str, Any]:
    """A valid one-problem visit to Huarun."""
    return {
        "enterprise": {"uscc": "91210211983690064E", "name": "华润置地（大连）有限公司", "street": "中华路街道"},
        "channel": "visit",
        "occurred_on": "2026-04-08",
        "cadres": [CADRE[1]],
        "place": "企业会议室",
        "problems": [{"category": "市政配套", "description": description, "request": "请协调解决"}],
    }


class Server:
    """One `ganxin serve` process on a database; start, kill -9, start again."""

    def __init__(self, database_url: str, log_path: Path, **env: str) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("GANXIN_")},
            "GANXIN_DATABASE_URL": database_url,
            "GANXIN_SECRET_KEY": SECRET_KEY,
            "GANXIN_TICK_SECONDS": "3600",
            **env,
        }
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Run `ganxin serve` and wait until /healthz answers 200."""
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "web.cli", "serve", "--port", str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"ganxin serve exited with {self.process.returncode}: {self.log()}")
            try:
                if httpx.get(self.base_url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)  # polling a process that is starting: nothing to wait on but time
        raise TimeoutError(f"ganxin serve did not become healthy: {self.log()}")

    def kill(self) -> None:
        """kill -9: no shutdown of any kind."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        """End the process (SIGTERM, then SIGKILL)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.kill()

    def rss_kb(self) -> int:
        """The process's resident memory."""
        assert self.process is not None
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))

    def log(self) -> str:
        """The end of the server's output."""
        return self.log_path.read_text(errors="replace")[-3000:]

    def client(self, token: str, timeout: float = 30.0) -> httpx.Client:
        """A client with a bearer token; the caller closes it."""
        return httpx.Client(base_url=self.base_url, timeout=timeout, headers={"Authorization": f"Bearer {token}"})


@dataclass
class Answer:
    """One request: when it started and ended (monotonic), its status and error code (or transport error)."""

    started: float
    ended: float
    status: int
    code: str = ""
    retry_after: str | None = None
    case_ids: list[str] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        """How long the client waited."""
        return self.ended - self.started


class Writers:
    """Threads that log visits one after another until stopped; every answer is kept."""

    def __init__(self, server: Server, token: str, count: int, timeout: float = 30.0) -> None:
        self.server, self.token, self.count, self.timeout = server, token, count, timeout
        self.answers: list[Answer] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._write, args=(n,), daemon=True) for n in range(count)]

    def __enter__(self) -> Writers:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(self.timeout + 5)

    def _write(self, number: int) -> None:
        with self.server.client(self.token, self.timeout) as client:
            sequence = 0
            while not self._stop.is_set():
                sequence += 1
                answer = post_visit(client, f"第{number}号写入者的第{sequence}个问题：道路破损")
                with self._lock:
                    self.answers.append(answer)

    def snapshot(self) -> list[Answer]:
        """The answers so far."""
        with self._lock:
            return list(self.answers)

    def answered(self, status: int, *, sent_after: float = -math.inf, answered_after: float = -math.inf) -> bool:
        """Whether a write sent after one moment and answered after another (time.monotonic) got this status."""
        return any(a.status == status and a.started > sent_after and a.ended > answered_after for a in self.snapshot())

    def acknowledged(self) -> list[str]:
        """The case ids of every visit answered 201."""
        return [case_id for a in self.snapshot() if a.status == 201 for case_id in a.case_ids]


def post_visit(client: httpx.Client, description: str) -> Answer:
    """Log one visit; a transport error (reset, timeout) is status 0 with its class as the code."""
    started = time.monotonic()
    try:
        response = client.post("/api/v1/visits", json=visit(description))
    except httpx.TransportError as error:
        return Answer(started, time.monotonic(), 0, type(error).__name__)
    ended = time.monotonic()
    if response.status_code == 201:
        return Answer(started, ended, 201, case_ids=response.json()["case_ids"])
    code = (
        response.json()["error"]["code"]
        if response.headers.get("content-type", "").startswith("application/json")
        else response.text[:80]
    )
    return Answer(started, ended, response.status_code, code, response.headers.get("retry-after"))


def wait_for(condition: Any, seconds: float, what: str, step: float = 0.05) -> float:
    """Poll condition() until true; how long that took (fails after `seconds`)."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(step)  # polling an outside process: there is nothing to wait on
    return time.monotonic() - started


def logged_case_ids(database_url: str) -> set[str]:
    """Every case id in the event log (the truth, whatever the read models say)."""
    return set(case_versions(database_url)[0])


def case_versions(database_url: str) -> tuple[dict[str, int], dict[str, int]]:
    """Each case's version in the event log, and in the read models (as left by whoever projected them)."""
    ganxin = build_services(
        Settings(database_url=database_url, secret_key=SECRET_KEY),
        clock=SystemClock(),
        catch_up=False,
        sync_calendar=False,
    )
    try:
        in_log: dict[str, int] = {}
        start = 1
        while notifications := ganxin.store.event_log.recorder.select_notifications(start=start, limit=1000):
            for n in notifications:
                if n.topic.startswith("ganxin:Case."):
                    in_log[str(n.originator_id)] = max(in_log.get(str(n.originator_id), 0), n.originator_version)
            start = notifications[-1].id + 1
        in_read_models: dict[str, int] = {}
        page = 1
        while items := ganxin.case_queries.list_cases(DISPATCH, CaseFilter(page=page, per_page=PER_PAGE_MAX)).items:
            in_read_models |= {str(item.case_id): item.version for item in items}
            page += 1
        return in_log, in_read_models
    finally:
        ganxin.store.close()
