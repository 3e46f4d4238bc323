"""Schemathesis against /openapi.json with an API token: no 5xx, every response as documented."""

import re
import subprocess
import sys
from pathlib import Path

from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from tests.support import run_server
from tests.support.app import CLOCK_START, DISPATCH, SETUP, log_problems, register_units
from web.app import create_app

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance"


def test_generated_requests_get_documented_answers_and_never_a_server_error(database_url, tmp_path):
    app = create_app(Settings(database_url=database_url, secret_key="s" * 48), clock=ControlledClock(CLOCK_START))
    ganxin = app.state.ganxin
    try:
        register_units(ganxin)
        ganxin.accounts.create_account(
            SETUP, username="desk", display_name="调度台", role="task_force_lead", password="river-stone-2026x"
        )
        ganxin.accounts.change_membership(SETUP, "desk", dispatch_all=True)
        token = ganxin.tokens.issue_token(SETUP, "desk", "schemathesis").token
        log_problems(ganxin, "厂区门前道路破损", by=DISPATCH)
        with run_server(app) as base_url:
            result = subprocess.run(
                [
                    SCHEMATHESIS,
                    "run",
                    f"{base_url}/openapi.json",
                    "-H",
                    f"Authorization: Bearer {token}",
                    "--checks",
                    CHECKS,
                    "--max-examples",
                    "30",
                    "--seed",
                    "20261122",
                    "--phases",
                    "examples,coverage,fuzzing,stateful",
                    "--no-color",
                ],
                capture_output=True,
                text=True,
                check=False,
                timeout=900,
                cwd=tmp_path,
            )
    finally:
        ganxin.store.close()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    generated = int(re.search(r"(\d+) generated", output).group(1))
    assert generated >= 1000, output[-3000:]
