"""What every area needs from the outside: read models kept up to date with the event log."""

from __future__ import annotations

from typing import Protocol


class Projector(Protocol):
    """Brings the read models up to date with the event log, exactly once per event."""

    def catch_up(self) -> int:
        """Process every event not yet projected; return the last notification id projected."""
        ...
