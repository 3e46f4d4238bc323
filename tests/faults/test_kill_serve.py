"""kill -9 of `ganxin serve` under 8 writers: no acknowledged write lost, read models equal to the log after restart."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from tests.faults.serving import Server, Writers, case_versions, prepare, wait_for

WRITERS = 8


def test_kill_9_under_load_loses_no_acknowledged_write(database_url: str, tmp_path: Path):
    tokens = prepare(database_url)
    server = Server(database_url, tmp_path / "serve.log")
    server.start()
    try:
        with Writers(server, tokens["cadre"], WRITERS, timeout=10) as writers:
            wait_for(lambda: len(writers.acknowledged()) >= 4 * WRITERS, 60, "writes before the kill")
            server.kill()
            killed = time.monotonic()
        answers = writers.snapshot()
        server.start()
        restarted = time.monotonic() - killed
        health = httpx.get(server.base_url + "/healthz", timeout=10).json()
    finally:
        server.stop()

    acknowledged = {case_id for a in answers if a.status == 201 for case_id in a.case_ids}
    assert {a.status for a in answers} <= {201, 0}, [a for a in answers if a.status not in (201, 0)][:5]
    in_log, in_read_models = case_versions(database_url)
    assert acknowledged <= set(in_log)
    assert in_read_models == in_log  # every case, at its last version: nothing projected twice or skipped
    assert health["lag_events"] == 0 and health["projected_up_to"] == health["last_event"]
    print(
        f"\nkill -9: {len(acknowledged)} acknowledged, {len(in_log)} cases in the log, "
        f"healthy and caught up {restarted:.1f} s after the kill"
    )
