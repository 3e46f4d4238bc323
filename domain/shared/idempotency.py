"""An idempotency key: which request (by its fingerprint) a client's key was first used for, and what it wrote."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

# Fixed forever: every key's id and every id derived from it hang on this namespace.
IDEMPOTENCY_NAMESPACE = UUID("6c0f7a52-3d1e-5b8e-9a4c-2f1d0e7b9c31")

# One write of the request: [aggregate id, version before, version after]; a list, as the stored event holds it.
Write = list[Any]


class IdempotencyKey(Aggregate):
    """A key one person sent with a request; saved in the same transaction as what the request wrote."""

    TOPIC = "ganxin:IdempotencyKey"

    class Event(Aggregate.Event):
        """Base of idempotency key events."""

        TOPIC = "ganxin:IdempotencyKey.Event"

    @staticmethod
    def create_id(user_id: str, key: str) -> UUID:
        """The same person and key always name the same record (another person's key never does)."""
        return uuid5(IDEMPOTENCY_NAMESPACE, f"{user_id}\n{key}")

    @event("Used", topic="ganxin:IdempotencyKey.Used")
    def __init__(self, user_id: str, key: str, fingerprint: str, writes: list[Write], timestamp: datetime) -> None:
        self.user_id, self.key, self.fingerprint = user_id, key, fingerprint
        self.writes: list[Write] = [list(w) for w in writes]

    def record_writes(self, writes: list[Write], at: datetime) -> None:
        """A further commit of the same request (saved with it)."""
        self._wrote(writes=[list(w) for w in writes], timestamp=at)

    @event("Wrote", topic="ganxin:IdempotencyKey.Wrote")
    def _wrote(self, writes: list[Write], timestamp: datetime) -> None:
        self.writes.extend(list(w) for w in writes)

    def version_before(self, aggregate_id: UUID) -> int | None:
        """The version an aggregate had before this request first wrote it (0: the request created it)."""
        for written_id, before, _after in self.writes:
            if written_id == str(aggregate_id):
                return int(before)
        return None

    def wrote(self, aggregate_id: UUID, before: int, after: int) -> bool:
        """Whether this request took the aggregate from `before` to `after`."""
        return [str(aggregate_id), before, after] in self.writes
