"""What /healthz reports: can the database be reached and written, and how far behind are the read models.

The probe runs in a thread of its own and is given PROBE_SECONDS: a database that hangs makes the
answer 503 in time instead of holding the load balancer. One probe runs at a time; a check that comes
while one is still out waits for that one instead of piling up threads on a dead server.
"""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

from infrastructure.settings import Settings

PROBE_SECONDS = 1.5
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Health:
    """One health check's findings; healthy when there are no problems."""

    database: str
    last_event: int = -1
    projected_up_to: int = -1
    lag_events: int = 0
    lag_seconds: float = 0.0
    free_mb: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """Whether every check passed."""
        return not self.problems


class HealthProbe:
    """Checks the database within PROBE_SECONDS; see the module's docstring."""

    def __init__(self, ganxin: Any, settings: Settings) -> None:
        self.ganxin = ganxin
        self.settings = settings
        self.database = "postgres" if settings.is_postgres else "sqlite"
        self._lock = threading.Lock()
        self._running: Future[Health] | None = None

    def check(self) -> Health:
        """The findings, or 'database did not answer in time'."""
        with self._lock:
            if self._running is None or self._running.done():
                self._running = Future()
                threading.Thread(target=self._probe, args=(self._running,), name="ganxin-health", daemon=True).start()
            running = self._running
        try:
            return running.result(timeout=PROBE_SECONDS)
        except FutureTimeout:
            return Health(self.database, problems=[f"database did not answer within {PROBE_SECONDS} s"])

    def _probe(self, result: Future[Health]) -> None:
        try:
            result.set_result(self._measure())
        except Exception as error:  # noqa: BLE001 - any failure to read means "not healthy"
            result.set_result(Health(self.database, problems=[f"database unreachable: {type(error).__name__}"]))

    def _measure(self) -> Health:
        last_event = self.ganxin.store.event_log.recorder.max_notification_id() or 0
        position = self.ganxin.store.projector.position()
        lag_seconds = self.ganxin.store.projector.seconds_behind(last_event, position)
        problems = []
        if lag_seconds > self.settings.health_max_lag_seconds:
            problems.append(f"read models {lag_seconds:.0f} s behind the event log")
        free_mb = self._free_mb()
        if free_mb is not None and free_mb < self.settings.health_min_free_mb:
            problems.append(f"{free_mb:.1f} MB free for the database, below {self.settings.health_min_free_mb} MB")
        return Health(
            self.database, last_event, position, max(0, last_event - position), round(lag_seconds, 3), free_mb, problems
        )

    def _free_mb(self) -> float | None:
        """Free space where the SQLite file lives (writes fail without it); None on PostgreSQL."""
        path = self.settings.sqlite_path
        if path is None:
            return None
        return round(shutil.disk_usage(path.resolve().parent).free / MEGABYTE, 1)
