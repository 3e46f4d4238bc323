"""Recognising a store's own writes: a keyed request's earlier attempt, or rows a lost acknowledgement hid."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate

from application.shared.clock import Clock
from application.shared.idempotency import (
    IdempotencyKeyReused,
    IdempotentReplayDiffers,
    IdSource,
    KeyedRequest,
    check_idempotency_key,
    current_keyed_request,
    pending_writes,
)
from domain.shared.idempotency import IdempotencyKey, Write


class OwnWrites:
    """Idempotency keys against the event store: begin a keyed request, derive ids, recognise own writes."""

    def __init__(self, log: Application[UUID], clock: Clock) -> None:
        self.log = log
        self.clock = clock

    def keyed_request(self, user_id: str, key: str, fingerprint: str) -> KeyedRequest:
        """A request under its key (to serve with serve_keyed_request); a key used for another request is refused."""
        request = KeyedRequest(user_id, check_idempotency_key(key), fingerprint)
        record = self.key_record(request)
        request.record, request.replaying = record, record is not None
        return request

    def id_source(self) -> IdSource:
        """Where the ids of what this request creates come from."""
        request = current_keyed_request()
        return IdSource(request.key_id) if request else IdSource()

    def version_before_request(self, aggregate_id: UUID) -> int | None:
        """When replaying a keyed request: the version an aggregate had before its first attempt wrote it."""
        request = current_keyed_request()
        if request is None or not request.replaying or request.record is None:
            return None
        return request.record.version_before(aggregate_id)

    def key_record(self, request: KeyedRequest) -> IdempotencyKey | None:
        """The stored record of the request's key; another request's fingerprint there is refused."""
        if request.key_id not in self.log.repository:
            return None
        record: IdempotencyKey = self.log.repository.get(request.key_id)
        if record.fingerprint != request.fingerprint:
            raise IdempotencyKeyReused()
        return record

    def with_key_record(self, request: KeyedRequest, writes: list[Write]) -> IdempotencyKey:
        """The key's record, noting these writes (to be saved in the same transaction)."""
        record = request.record or self.key_record(request)
        if record is None:
            return IdempotencyKey(
                user_id=request.user_id,
                key=request.key,
                fingerprint=request.fingerprint,
                writes=writes,
                timestamp=self.clock.now(),
            )
        record.record_writes(writes, self.clock.now())
        return record

    def already_written(self, request: KeyedRequest, aggregates: tuple[Aggregate, ...]) -> bool:
        """Replaying: the first attempt wrote exactly these changes (nothing is saved again), or 409."""
        record = request.record
        if record is None:
            return False
        writes = pending_writes(aggregates)
        events = [e for a in aggregates for e in a.pending_events]
        # Something the first attempt did not write (a fresh token, a deadline from another day): never store it.
        if not all(record.wrote(UUID(w[0]), w[1], w[2]) for w in writes) or not self._all_equivalent(events):
            raise IdempotentReplayDiffers()
        for aggregate in aggregates:
            aggregate.collect_events()  # stored by the first attempt
        return True

    def own_write_stored(
        self, request: KeyedRequest | None, events: list[Any], aggregates: tuple[Aggregate, ...]
    ) -> bool:
        """After the insert met the unique key: whether what is stored there is this write.

        Either the very rows sent (the connection dropped after COMMIT and the library's retry met them), or,
        for a keyed request, the same changes written by another attempt with the same key.
        """
        if all(self._stored_as_sent(e) for e in events):
            return True
        if request is None:
            return False
        record = self.key_record(request)
        if record is None:
            return False
        own = [e for e in events if e.originator_id != request.key_id]
        if all(record.wrote(UUID(w[0]), w[1], w[2]) for w in pending_writes(aggregates)) and self._all_equivalent(own):
            request.record, request.replaying = record, True
            return True
        return False

    def _stored_as_sent(self, event: Any) -> bool:
        """Whether the store holds, at this event's place, exactly this event."""
        return self._stored_matches(event, ignore_time=False)

    def _all_equivalent(self, events: list[Any]) -> bool:
        """Whether the store holds, at each event's place, the same event but for its time."""
        return all(self._stored_matches(e, ignore_time=True) for e in events)

    def _stored_matches(self, event: Any, *, ignore_time: bool) -> bool:
        """Compared as decoded (both through the mapper), so a cipher's random nonce does not matter."""
        stored = self._stored_at(event)
        sent = self.log.mapper.to_stored_event(event)
        if stored is None or stored.topic != sent.topic:
            return False
        ours = dict(vars(self.log.mapper.to_domain_event(sent)))
        theirs = dict(vars(self.log.mapper.to_domain_event(stored)))
        if ignore_time:
            ours.pop("timestamp", None)
            theirs.pop("timestamp", None)
        return ours == theirs

    def _stored_at(self, event: Any) -> Any:
        version = event.originator_version
        found = self.log.recorder.select_events(event.originator_id, gt=version - 1, lte=version)
        return found[0] if found else None
