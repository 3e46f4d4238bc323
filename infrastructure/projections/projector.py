"""Catching the read models up with the event log; safe with many threads and processes."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import IntegrityError, Tracking

from infrastructure.projections.recorders import PROJECTION_NAME, ReadModelRecording

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

    def position(self) -> int:
        """The last notification id projected."""
        return self.recorder.max_tracking_id(PROJECTION_NAME) or 0  # type: ignore[attr-defined]

    def catch_up(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Project everything not yet projected; return the position reached."""
        with self._lock:
            self.projected_in_last_run = 0
            while True:
                position = self.position()
                notifications = self.app.recorder.select_notifications(
                    start=position, limit=BATCH_SIZE, inclusive_of_start=False
                )
                if not notifications:
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

    def __init__(self, job: Callable[[], Any], interval: float = 2.0, *, first_at_start: bool = False,
                 name: str = "ganxin-projector") -> None:
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
        except Exception:  # noqa: BLE001 - a failed run must not kill the thread; the next one retries
            log.exception("%s failed; will retry", self._thread.name)
