"""The one event store: an eventsourcing Application named "ganxin" (its tables and settings carry the name)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder, Transcoding


class DateAsISO(Transcoding):
    """Stores a date as 'YYYY-MM-DD' inside events."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        """The ISO text of the date."""
        return obj.isoformat()

    def decode(self, data: str) -> date:
        """The date back from its ISO text."""
        return date.fromisoformat(data)


class GanxinApplication(Application[UUID]):
    """Every aggregate's events, in one notification log the projections and the sealer follow."""

    name = "ganxin"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        """Add dates to what events may carry."""
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
