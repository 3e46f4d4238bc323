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
from uuid import UUID, uuid4, uuid5

from eventsourcing.domain import Aggregate

from application.shared.errors import ApplicationError
from domain.shared.idempotency import IdempotencyKey, Write

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
        super().__init__(
            "该 Idempotency-Key 的请求已经处理完成，但无法重现当时的答复，请刷新后查看结果", "Idempotency-Key"
        )


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
