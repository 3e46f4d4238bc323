"""What sealing and checking the event log need from the outside: the seal tables, a signing key, a
place to push checkpoints out to. Infrastructure implements these (infrastructure/audit/)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from application.shared.errors import ApplicationError
from domain.audit import Checkpoint, SealedLeaf, StoredEvent

READ_BATCH = 2000


class AuditError(ApplicationError):
    """Sealing, exporting or proving cannot go on (no checkpoint yet, unknown event, bad input)."""

    code = "audit_error"


class EventLog(Protocol):
    """The events table in notification order (the library's recorder, or infrastructure's raw reader)."""

    def select_notifications(self, start: int | None, limit: int, stop: int | None = None) -> Sequence[Any]:
        """Rows with id, originator_id, originator_version, topic and state, start ≤ id ≤ stop."""
        ...


class SealStore(Protocol):
    """The append-only tables `audit_leaves` and `audit_checkpoints`."""

    def sealed_count(self) -> int:
        """How many leaves are stored."""
        ...

    def leaves(self, first: int = 0, end: int | None = None) -> list[SealedLeaf]:
        """The stored leaves with first ≤ position < end, in position order."""
        ...

    def leaf_for_notification(self, notification_id: int) -> SealedLeaf | None:
        """The leaf that sealed a notification, if any."""
        ...

    def append(self, leaves: Sequence[SealedLeaf], checkpoint: Checkpoint | None) -> None:
        """Store new leaves (and a checkpoint over them) in one transaction."""
        ...

    def checkpoints(self) -> list[Checkpoint]:
        """Every stored checkpoint, smallest tree first."""
        ...


class Signer(Protocol):
    """The sealer's private key."""

    key_id: str

    def sign(self, message: bytes) -> bytes:
        """The signature of message."""
        ...


class SignatureChecker(Protocol):
    """A public key that checks checkpoint signatures."""

    key_id: str

    def verify(self, checkpoint: Checkpoint) -> bool:
        """Whether the checkpoint's signature is this key's over its signed bytes."""
        ...


class CheckpointPublisher(Protocol):
    """A second place checkpoints are pushed to, so that a rewrite on the server cannot hide."""

    def publish(self, checkpoint: Checkpoint) -> None:
        """Deliver one checkpoint (never overwriting an earlier one)."""
        ...


def read_events(log: EventLog, after: int = 0, batch: int = READ_BATCH) -> Iterator[list[StoredEvent]]:
    """The stored events with notification id > after, in notification order, a batch at a time."""
    start = after + 1
    while True:
        notifications = log.select_notifications(start=start, limit=batch)
        if not notifications:
            return
        yield [
            StoredEvent(n.id, str(n.originator_id), n.originator_version, n.topic, bytes(n.state))
            for n in notifications
        ]
        start = notifications[-1].id + 1


def all_events(log: EventLog) -> list[StoredEvent]:
    """Every stored event, in notification order.

    Starts below 1 so that a row an owner slipped in with id 0 or less is still seen.
    """
    first = log.select_notifications(start=None, limit=1)
    if not first:
        return []
    events: list[StoredEvent] = []
    for chunk in read_events(log, after=min(first[0].id, 1) - 1):
        events.extend(chunk)
    return events
