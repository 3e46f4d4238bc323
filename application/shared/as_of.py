"""Aggregates as they stood at a past moment or at the end of a past day, replayed from their own events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.shared.clock import SHANGHAI
from application.shared.store import Store

A = TypeVar("A", bound=Aggregate)


def end_of_local_day(day: date) -> datetime:
    """The first moment after the day, Beijing time."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=SHANGHAI)


@dataclass(frozen=True)
class AsOf:
    """One aggregate at a past moment: for exports 'as of' a date and a case's own page, never for lists."""

    store: Store

    def as_of(self, aggregate_id: UUID, day: date, kind: type[A]) -> A | None:
        """The aggregate after its last event recorded before the end of the day; None if it did not exist."""
        return self.as_at(aggregate_id, end_of_local_day(day), kind)

    def as_at(self, aggregate_id: UUID, cutoff: datetime, kind: type[A]) -> A | None:
        """The aggregate after its last event recorded before cutoff (exclusive); None if it did not exist."""
        version = None
        for stored in self.store.stored_events_of(aggregate_id):
            if stored.timestamp >= cutoff:
                break
            version = stored.originator_version
        if version is None:
            return None
        aggregate = self.store.get(aggregate_id, version=version)
        return aggregate if isinstance(aggregate, kind) else None
