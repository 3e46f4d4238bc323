"""The `ganxin` command run as a real process: rebuilding projections, loading the scenario, the demo."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyotp
import pytest

from application.cases.ports import CaseFilter
from tests.support.app import DISPATCH, SETUP, ganxin_on, log_problems, register_units
from tests.support.auth import login
from web.cli.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from web.cli.main import main

GANXIN = Path(sys.executable).with_name("ganxin")  # the console script pip installed
DEMO_STARTUP_SECONDS = 90


def run(
    args: list[str], cwd: Path, database_url: str | None = None, secret_key: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run the installed `ganxin` console script to completion."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GANXIN_")}
    if database_url:
        env["GANXIN_DATABASE_URL"] = database_url
    if secret_key:
        env["GANXIN_SECRET_KEY"] = secret_key
    return subprocess.run(
        [str(GANXIN), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120
    )


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    usage = capsys.readouterr().out
    for command in ("serve", "demo", "projections", "load-scenario", "users"):
        assert command in usage


def test_projections_rebuild_shows_progress_and_the_event_count(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ganxin.db'}"
    with ganxin_on(url) as ganxin:
        register_units(ganxin)
        case_ids = log_problems(ganxin, "需迁移树木", "需迁改电源箱", "需道路挖掘许可")
        events = ganxin.store.event_log.recorder.max_notification_id()
        before = ganxin.case_queries.list_cases(DISPATCH, CaseFilter()).items

    done = run(["projections", "rebuild"], tmp_path, url)

    assert done.returncode == 0, done.stderr
    assert f"[{'#' * 30}] {events}/{events}" in done.stderr
    assert f"{events} 个事件" in done.stdout and f"from {events} events" in done.stdout
    with ganxin_on(url) as ganxin:
        assert ganxin.case_queries.list_cases(DISPATCH, CaseFilter()).items == before
        assert {row.case_id for row in before} == set(case_ids)


def test_load_scenario_loads_once_and_refuses_a_second_time(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'district.db'}"

    first = run(["load-scenario", "--database-url", url], tmp_path)
    second = run(["load-scenario"], tmp_path, database_url=url)

    assert first.returncode == 0, first.stderr
    assert "34 个问题" in first.stdout
    assert second.returncode == 1
    assert "已载入过" in second.stderr
    with ganxin_on(url) as ganxin:
        assert ganxin.case_queries.list_cases(DISPATCH, CaseFilter(per_page=100)).total == 34


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(process: subprocess.Popen[str], base_url: str) -> None:
    """Poll GET /healthz until it answers 200; fail if the process dies or the deadline passes."""
    deadline = time.monotonic() + DEMO_STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            if httpx.get(base_url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        try:  # waiting on the process is the pause between polls, and notices if it exits
            process.wait(timeout=0.25)
        except subprocess.TimeoutExpired:
            continue
        output = process.stdout.read() if process.stdout else ""
        pytest.fail(f"ganxin demo exited with {process.returncode}: {output}")
    pytest.fail(f"ganxin demo did not answer /healthz within {DEMO_STARTUP_SECONDS} s")


def test_demo_serves_the_district_scenario_with_demo_accounts(tmp_path: Path) -> None:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GANXIN_")}
    command = [
        sys.executable,
        "-m",
        "web.cli",
        "demo",
        "--port",
        str(port),
        "--database-url",
        f"sqlite:///{tmp_path / 'demo.db'}",
    ]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        wait_until_healthy(process, base_url)
        with httpx.Client(base_url=base_url, timeout=10) as client:
            assert client.get("/login").status_code == 200
            # 城管执法局's handler sees the Wanxianghui problems their unit leads, and nothing else.
            login(client, "demo-handler", DEMO_PASSWORD)
            page = client.get("/cases", params={"q": "万象汇"})
            assert page.status_code == 200
            assert "华润万象汇项目建设中需迁移施工红线内树木" in page.text
            assert "华润万象汇项目建设中需迁改电源箱" not in page.text  # 住建局 leads that one
        # The dispatch desk's board shows every light; Hengji is overdue and the watch escalated it.
        with httpx.Client(base_url=base_url, timeout=10) as desk:
            login(desk, "demo-lead", DEMO_PASSWORD)
            counts = desk.get("/api/v1/board").json()["counts"]
            assert all(counts[light] > 0 for light in ("red", "yellow", "blue", "green")), counts
            hengji = desk.get("/api/v1/cases", params={"q": "恒基"}).json()["items"][0]
            assert hengji["light"] == "red" and hengji["escalation_level"] is not None
            assert "light-badge" in desk.get(f"/cases/{hengji['case_id']}").text
        # The demo secretary follows the Wanxianghui project (street tier) and sees it under "my projects".
        with httpx.Client(base_url=base_url, timeout=10) as secretary:
            login(secretary, "demo-secretary", DEMO_PASSWORD)
            mine = secretary.get("/api/v1/my-projects").json()["items"]
            assert [p["key"] for p in mine] == ["kp-wanxianghui"]
            assert "华润万象汇项目" in secretary.get("/my-projects").text
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    # uvicorn shuts down cleanly on SIGTERM, then re-raises the signal so the exit says why it stopped
    assert process.returncode in (0, -signal.SIGTERM), output
    assert "Application shutdown complete" in output
    assert "34 个问题" in output
    assert f"http://127.0.0.1:{port}/" in output
    for username, *_ in DEMO_ACCOUNTS:
        assert username in output
    assert not (tmp_path / "var").exists()  # --database-url was used, not the default ./var/demo.db


def test_enable_totp_makes_a_cadre_log_in_with_a_code(tmp_path):
    """TOTP is optional for other roles: an admin turns it on for an account from the command line."""
    url = f"sqlite:///{tmp_path / 'ganxin.db'}"
    with ganxin_on(url) as ganxin:
        register_units(ganxin)
        ganxin.accounts.create_account(
            SETUP, username="li.cadre", display_name="李干部", role="cadre", password="river-stone-2026x"
        )
    refused = run(["users", "enable-totp", "li.cadre"], tmp_path, url)  # no GANXIN_SECRET_KEY: never unsealed
    assert refused.returncode == 2 and "错误（totp_needs_secret_key）：服务器未设置 GANXIN_SECRET_KEY" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = run(["users", "enable-totp", "li.cadre"], tmp_path, url, secret_key="a-test-secret-key-2026")
    assert done.returncode == 0, done.stderr
    secret = done.stdout.split("secret: ")[1].split()[0]
    with ganxin_on(url) as ganxin:
        step = ganxin.credentials.login("li.cadre", "river-stone-2026x")
        assert not hasattr(step, "token")  # a second step is needed now
        assert pyotp.TOTP(secret).now().isdigit()
