"""Idempotent writes: a request sent again with the same key meets what its first attempt stored.

A request carrying an idempotency key is a KeyedRequest for as long as it runs (a context variable the web
layer sets). Its first commit saves an IdempotencyKey record in the same transaction as the aggregates, naming
what it wrote; ids it creates are derived from the key and the person (UUID v5). When the same key comes again
with the same request, the use case runs again on the aggregates as they stood before the first attempt, and
its commit checks that the stored events are the ones it would write instead of writing them twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4, uuid5

from eventsourcing.domain import Aggregate

from application.shared.errors import ApplicationError
from domain.shared.idempotency import IdempotencyKey, Write

if TYPE_CHECKING:
    from application.shared.store import Ganxin

KEY_PATTERN = re.compile(r"[\x21-\x7e]{1,200}")


class InvalidIdempotencyKey(ApplicationError):
    """The key is not 1–200 visible ASCII characters."""

    code = "invalid_idempotency_key"
    status = 422

    def __init__(self) -> None:
        super().__init__("Idempotency-Key 须为 1–200 个可见 ASCII 字符", "Idempotency-Key")


class IdempotencyKeyReused(ApplicationError):
    """The key was already used for a different request."""

    code = "idempotency_key_reused"
    status = 422

    def __init__(self) -> None:
        super().__init__("该 Idempotency-Key 已用于另一个不同的请求，请为新的请求使用新的键", "Idempotency-Key")


class IdempotentReplayDiffers(ApplicationError):
    """The key's request was done, but doing it again now would write something else (e.g. a new token)."""

    code = "idempotent_replay_differs"
    status = 409

    def __init__(self) -> None:
        super().__init__("该 Idempotency-Key 的请求已经处理完成，但无法重现当时的答复，请刷新后查看结果", "Idempotency-Key")


@dataclass
class KeyedRequest:
    """One request with its key, the person's id and the request's fingerprint (method, path, body)."""

    user_id: str
    key: str
    fingerprint: str
    record: IdempotencyKey | None = None  # the stored record, once this request (or an earlier attempt) wrote
    replaying: bool = False  # an earlier attempt already stored its writes

    @property
    def key_id(self) -> UUID:
        """The id of this key's record (and the seed of the ids the request creates)."""
        return IdempotencyKey.create_id(self.user_id, self.key)


@dataclass
class WriteNotes:
    """What the answer to a write must say: the events are stored, but the read models are not caught up."""

    read_models_behind: bool = False


@dataclass(frozen=True)
class IdSource:
    """Ids for what a request creates: derived from its key (the same on every attempt), else random."""

    seed: UUID = field(default_factory=uuid4)

    def id_for(self, label: str) -> UUID:
        """The id of the thing the request names `label` (e.g. "visit", "case:0")."""
        return uuid5(self.seed, label)


_keyed_request: ContextVar[KeyedRequest | None] = ContextVar("ganxin_keyed_request", default=None)
_write_notes: ContextVar[WriteNotes | None] = ContextVar("ganxin_write_notes", default=None)


def check_idempotency_key(key: str) -> str:
    """The key, if it is 1–200 visible ASCII characters."""
    if not KEY_PATTERN.fullmatch(key):
        raise InvalidIdempotencyKey()
    return key


def begin_write_notes() -> WriteNotes:
    """Start noting, for the current request, what its answer must say about its writes."""
    notes = WriteNotes()
    _write_notes.set(notes)
    return notes


def note_read_models_behind() -> None:
    """The events are stored but the read models could not be caught up (the poller will)."""
    notes = _write_notes.get()
    if notes is not None:
        notes.read_models_behind = True


def serve_keyed_request(request: KeyedRequest) -> None:
    """The rest of the current request (and what it calls) runs under this key."""
    _keyed_request.set(request)


@contextmanager
def keyed_request_scope(request: KeyedRequest) -> Iterator[KeyedRequest]:
    """Run a block under this key (the command line and tests; the web sets it for the whole request)."""
    token = _keyed_request.set(request)
    try:
        yield request
    finally:
        _keyed_request.reset(token)


def current_keyed_request() -> KeyedRequest | None:
    """The keyed request being served, if any."""
    return _keyed_request.get()


def pending_writes(aggregates: tuple[Aggregate, ...]) -> list[Write]:
    """[id, version before, version after] of each aggregate about to be saved."""
    return [[str(a.id), a.version - len(a.pending_events), a.version] for a in aggregates]


class IdempotentWrites:
    """The application's side of idempotency keys: begin a keyed request, derive ids, recognise own writes."""

    def keyed_request(self: "Ganxin", user_id: str, key: str, fingerprint: str) -> KeyedRequest:
        """A request under its key (to serve with serve_keyed_request); a key used for another request is refused."""
        request = KeyedRequest(user_id, check_idempotency_key(key), fingerprint)
        record = self._key_record(request)
        request.record, request.replaying = record, record is not None
        return request

    def id_source(self: "Ganxin") -> IdSource:
        """Where the ids of what this request creates come from."""
        request = _keyed_request.get()
        return IdSource(request.key_id) if request else IdSource()

    def version_before_request(self: "Ganxin", aggregate_id: UUID) -> int | None:
        """When replaying a keyed request: the version an aggregate had before its first attempt wrote it."""
        request = _keyed_request.get()
        if request is None or not request.replaying or request.record is None:
            return None
        return request.record.version_before(aggregate_id)

    def _key_record(self: "Ganxin", request: KeyedRequest) -> IdempotencyKey | None:
        """The stored record of the request's key; another request's fingerprint there is refused."""
        if request.key_id not in self.repository:
            return None
        record: IdempotencyKey = self.repository.get(request.key_id)
        if record.fingerprint != request.fingerprint:
            raise IdempotencyKeyReused()
        return record

    def _with_key_record(self: "Ganxin", request: KeyedRequest, writes: list[Write]) -> IdempotencyKey:
        """The key's record, noting these writes (to be saved in the same transaction)."""
        record = request.record or self._key_record(request)
        if record is None:
            return IdempotencyKey(user_id=request.user_id, key=request.key, fingerprint=request.fingerprint,
                                  writes=writes, timestamp=self.clock.now())
        record.record_writes(writes, self.clock.now())
        return record

    def _already_written(self: "Ganxin", request: KeyedRequest, aggregates: tuple[Aggregate, ...]) -> bool:
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

    def _own_write_stored(self: "Ganxin", request: KeyedRequest | None, events: list[Any],
                          aggregates: tuple[Aggregate, ...]) -> bool:
        """After the insert met the unique key: whether what is stored there is this write.

        Either the very rows sent (the connection dropped after COMMIT and the library's retry met them), or,
        for a keyed request, the same changes written by another attempt with the same key.
        """
        if all(self._stored_as_sent(e) for e in events):
            return True
        if request is None:
            return False
        record = self._key_record(request)
        if record is None:
            return False
        own = [e for e in events if e.originator_id != request.key_id]
        if all(record.wrote(UUID(w[0]), w[1], w[2]) for w in pending_writes(aggregates)) \
                and self._all_equivalent(own):
            request.record, request.replaying = record, True
            return True
        return False

    def _stored_as_sent(self: "Ganxin", event: Any) -> bool:
        """Whether the store holds, at this event's place, exactly this event."""
        return self._stored_matches(event, ignore_time=False)

    def _all_equivalent(self: "Ganxin", events: list[Any]) -> bool:
        """Whether the store holds, at each event's place, the same event but for its time."""
        return all(self._stored_matches(e, ignore_time=True) for e in events)

    def _stored_matches(self: "Ganxin", event: Any, *, ignore_time: bool) -> bool:
        """Compared as decoded (both through the mapper), so a cipher's random nonce does not matter."""
        stored = self._stored_at(event)
        sent = self.mapper.to_stored_event(event)
        if stored is None or stored.topic != sent.topic:
            return False
        ours, theirs = dict(vars(self.mapper.to_domain_event(sent))), dict(vars(self.mapper.to_domain_event(stored)))
        if ignore_time:
            ours.pop("timestamp", None)
            theirs.pop("timestamp", None)
        return ours == theirs

    def _stored_at(self: "Ganxin", event: Any) -> Any:
        version = event.originator_version
        found = self.recorder.select_events(event.originator_id, gt=version - 1, lte=version)
        return found[0] if found else None
