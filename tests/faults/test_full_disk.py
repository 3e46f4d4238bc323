"""SQLite on a small filesystem that fills up: 503 (never 500), an intact database, and recovery once space is freed.

The filesystem is a size-limited tmpfs mounted for the test (root is needed; .ci/test.sh runs as root in CI and in
this sandbox). A machine where mounting is refused fails the test with the reason instead of skipping it.
"""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.faults.serving import Server, Writers, logged_case_ids, prepare, wait_for

SIZE_MB = 24
MIN_FREE_MB = 2  # /healthz's threshold in this test (GANXIN_HEALTH_MIN_FREE_MB)
WRITERS = 4


@pytest.fixture
def small_filesystem(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of SIZE_MB megabytes, unmounted afterwards."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE_MB}m,mode=0755", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    if done.returncode != 0:
        pytest.fail(f"cannot mount a small tmpfs here (root needed): {done.stderr.strip()}", pytrace=False)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False, timeout=30)


def fill(folder: Path) -> Path:
    """Write a file until the filesystem has no space left; the file."""
    filler = folder / "filler"
    chunk = b"\0" * (256 * 1024)
    with filler.open("wb", buffering=0) as out:
        while True:
            try:
                out.write(chunk)
            except OSError as error:
                assert error.errno == errno.ENOSPC, error
                return filler


def integrity(database: Path) -> str:
    """PRAGMA integrity_check's verdict."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def test_a_full_disk_answers_503_keeps_the_database_intact_and_recovers(small_filesystem: Path, tmp_path: Path):
    database = small_filesystem / "ganxin.db"
    url = f"sqlite:///{database}"
    tokens = prepare(url)
    server = Server(url, tmp_path / "serve.log", GANXIN_HEALTH_MIN_FREE_MB=str(MIN_FREE_MB))
    server.start()
    try:
        with Writers(server, tokens["cadre"], WRITERS) as writers:
            wait_for(lambda: len(writers.acknowledged()) >= 3 * WRITERS, 30, "writes before the disk fills")
            filler = fill(small_filesystem)
            full = time.monotonic()
            wait_for(lambda: writers.answered(503, sent_after=full), 30, "a refused write on the full disk")
            health = httpx.get(server.base_url + "/healthz", timeout=10)
            verdict = integrity(database)
            filler.unlink()
            freed = time.monotonic()
            recovery = wait_for(lambda: writers.answered(201, sent_after=freed), 30, "a write once space is freed")
            healthy_again = httpx.get(server.base_url + "/healthz", timeout=10)
        answers = writers.snapshot()
    finally:
        server.stop()

    refused = [a for a in answers if a.status != 201]
    assert refused, "the full disk refused nothing"
    assert {(a.status, a.code) for a in refused} == {(503, "database_unavailable")}, refused[:5]
    assert all(a.retry_after for a in refused)
    assert verdict == "ok"
    assert health.status_code == 503 and health.json()["free_mb"] < MIN_FREE_MB
    assert healthy_again.status_code == 200, healthy_again.text
    assert integrity(database) == "ok"
    acknowledged = {case_id for a in answers if a.status == 201 for case_id in a.case_ids}
    assert acknowledged <= logged_case_ids(url)
    print(
        f"\nfull disk: {len(answers)} requests, {len(refused)} refused with 503, "
        f"slowest {max(a.seconds for a in answers):.2f} s, recovery {recovery:.2f} s after freeing space"
    )
