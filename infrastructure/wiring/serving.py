"""What a running server adds to the services: background jobs, the health probe and outage classification."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from application.services import Services
from infrastructure.exports import OpenpyxlTableWriter, ReportlabTableWriter
from infrastructure.projections.engine import Poller
from infrastructure.settings import Settings
from infrastructure.storage import DatabaseUnavailable, HealthProbe, is_outage, keep_wal_small, warn_if_rewritable

# A request's catch-up waits at most this long for another's (see CatchUpProjector.lock_wait).
CATCH_UP_LOCK_WAIT = 1.0

__all__ = [
    "DatabaseUnavailable",
    "HealthProbe",
    "OpenpyxlTableWriter",
    "Poller",
    "ReportlabTableWriter",
    "background_jobs",
    "is_outage",
    "prepare_serving",
]


def prepare_serving(services: Services, settings: Settings) -> HealthProbe:
    """Ready the services for serving requests: a short catch-up lock wait, a warning on SQLite; the health probe."""
    services.store.projector.lock_wait = CATCH_UP_LOCK_WAIT  # type: ignore[attr-defined]  # CatchUpProjector's
    warn_if_rewritable(settings)  # SQLite: only the signed checkpoints stand
    return HealthProbe(services, settings)


def background_jobs(
    services: Services, settings: Settings, poll_interval: float, tick: Callable[[], Any]
) -> list[Poller]:
    """A poller projecting what other processes wrote (then keeping SQLite's WAL small), and the deadline watch."""
    database = settings.sqlite_path

    def project() -> None:
        services.store.catch_up()
        if database is not None:
            keep_wal_small(database, idle=services.store.projector.projected_in_last_run == 0)

    return [
        Poller(project, interval=poll_interval),  # fresh threads per start-up
        Poller(tick, interval=settings.tick_seconds, first_at_start=True, name="ganxin-deadline-watch"),
    ]
