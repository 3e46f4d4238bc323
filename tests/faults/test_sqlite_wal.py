"""SQLite's write-ahead log stays bounded under writes and is truncated once the server is idle.

SQLite only: PostgreSQL's WAL is the server's own business. Before, the WAL was never checkpointed back and
grew past the database file; it also never shrank, since SQLite reuses a WAL file at its largest size.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from application.shared.clock import SystemClock
from infrastructure.settings import Settings
from infrastructure.storage.sqlite_wal import WAL_LIMIT_BYTES, wal_size
from tests.faults.serving import SECRET_KEY, prepare, visit, wait_for
from tests.support import run_server
from web.app import create_app

WRITERS, VISITS_EACH = 4, 30
POLL_SECONDS = 0.2
TRUNCATED_WITHIN = 5.0


def test_wal_bounded_under_writes_and_truncated_when_idle(tmp_path: Path):
    database = tmp_path / "ganxin.db"
    url = f"sqlite:///{database}"
    tokens = prepare(url)
    app = create_app(Settings(database_url=url, secret_key=SECRET_KEY), clock=SystemClock(), poll_interval=POLL_SECONDS)
    sizes: list[int] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            sizes.append(wal_size(database))

    try:
        with run_server(app) as base_url:

            def write(number: int) -> list[int]:
                with httpx.Client(
                    base_url=base_url, timeout=60, headers={"Authorization": f"Bearer {tokens['cadre']}"}
                ) as client:
                    return [
                        client.post("/api/v1/visits", json=visit(f"WAL测试{number}-{n}：排水不畅")).status_code
                        for n in range(VISITS_EACH)
                    ]

            sampler = threading.Thread(target=sample)
            sampler.start()
            with ThreadPoolExecutor(WRITERS) as pool:
                statuses = [s for batch in pool.map(write, range(WRITERS)) for s in batch]
            done.set()
            sampler.join(10)
            grown = max(sizes)
            truncated = wait_for(lambda: wal_size(database) == 0, TRUNCATED_WITHIN, "the WAL truncated when idle")
    finally:
        app.state.ganxin.store.close()

    assert statuses == [201] * (WRITERS * VISITS_EACH)
    assert 0 < grown <= WAL_LIMIT_BYTES
    print(f"\nWAL: at most {grown // 1024} KB during {len(statuses)} writes, truncated {truncated:.2f} s after")
