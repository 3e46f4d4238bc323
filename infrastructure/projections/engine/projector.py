"""Catching the read models up with the event log; safe with many threads and processes."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import IntegrityError, Tracking

from infrastructure.projections.engine.recorders import PROJECTION_NAME, ReadModelRecording

BATCH_SIZE = 500
log = logging.getLogger(__name__)


class CatchUpProjector:
    """Reads notifications after the tracked position and projects them in batches.

    SQLite has no subscription in the library, so every process catches up itself: after each
    command it saves, and from a poller for events written by other processes.
    """

    def __init__(self, app: Application, recorder: ReadModelRecording) -> None:
        self.app = app
        self.recorder = recorder
        self._lock = threading.Lock()
        self.projected_in_last_run = 0
        self.caught_up_at = time.monotonic()  # when a run last reached the end of the log
        # None: wait as long as another run takes. A server sets a bound: a run stuck on an unreachable
        # database must not queue every request behind it (measured: 3, 6, 9, 12 s); the waiter skips,
        # since the run it waited for, or the next poll, projects its events.
        self.lock_wait: float | None = None
        self._reached = 0

    def seconds_behind(self, last_event: int, position: int) -> float:
        """0 when the read models hold every event; else how long since they last did."""
        return 0.0 if position >= last_event else max(0.0, time.monotonic() - self.caught_up_at)

    def position(self) -> int:
        """The last notification id projected."""
        return self.recorder.max_tracking_id(PROJECTION_NAME) or 0  # type: ignore[attr-defined]

    def catch_up(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Project everything not yet projected; return the position reached (or last reached, if skipped)."""
        if not self._lock.acquire(timeout=-1 if self.lock_wait is None else self.lock_wait):
            log.info("catch-up skipped: another run has held the projector for %s s", self.lock_wait)
            return self._reached
        try:
            self._reached = self._catch_up(progress)
            return self._reached
        finally:
            self._lock.release()

    def _catch_up(self, progress: Callable[[int, int], None] | None) -> int:
        self.projected_in_last_run = 0
        while True:
            position = self.position()
            notifications = self.app.recorder.select_notifications(
                start=position, limit=BATCH_SIZE, inclusive_of_start=False
            )
            if not notifications:
                self.caught_up_at = time.monotonic()
                return position
            events = [self.app.mapper.to_domain_event(n) for n in notifications]
            try:
                self.recorder.apply_batch(events, Tracking(PROJECTION_NAME, notifications[-1].id))
            except IntegrityError:
                continue  # another process projected this batch first; read the position again
            self.projected_in_last_run += len(notifications)
            if progress is not None:
                progress(notifications[-1].id, self.app.recorder.max_notification_id() or 0)
            if len(notifications) < BATCH_SIZE:
                self.caught_up_at = time.monotonic()
                return notifications[-1].id  # a short batch reached the end of the log

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Empty the read models and project the whole log again; return how many events it projected."""
        with self._lock:
            self.recorder.reset()
        self.catch_up(progress)
        return self.projected_in_last_run


class Poller:
    """Runs a job every few seconds in a background thread: catching up the read models, or the
    deadline watch; a failed run is logged and the next one tries again."""

    def __init__(
        self,
        job: Callable[[], Any],
        interval: float = 2.0,
        *,
        first_at_start: bool = False,
        name: str = "ganxin-projector",
    ) -> None:
        self.job = job
        self.interval = interval
        self.first_at_start = first_at_start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        """Begin running in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop and wait for the thread."""
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        if self.first_at_start:
            self._run_once()
        while not self._stop.wait(self.interval):
            self._run_once()

    def _run_once(self) -> None:
        try:
            self.job()
        except Exception:
            log.exception("%s failed; will retry", self._thread.name)
