"""Ports every area shares: what keeps the read models up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Projector(Protocol):
    """Brings the read models up to date with the event log, exactly once per event."""

    def catch_up(self) -> int:
        """Process every event not yet projected; return the last notification id projected."""
        ...

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Empty the read models and project the whole log again; how many events were projected."""
        ...

    @property
    def projected_in_last_run(self) -> int:
        """How many events the last catch-up projected (0: the read models were idle)."""
        ...
