"""What the calendar needs from the read models: which open cases have a deadline a publication may move."""

from __future__ import annotations

from datetime import date
from typing import Protocol
from uuid import UUID


class OpenDeadlines(Protocol):
    """Open cases by their due day (the cases read model answers it)."""

    def open_cases_due_from(self, day: date) -> list[UUID]:
        """Open cases due on or after the day, or with a provisional deadline."""
        ...
