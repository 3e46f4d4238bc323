"""The store the services write through: load at a version, save atomically, catch the read models up."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate, DomainEvent
from eventsourcing.persistence import IntegrityError

from application.shared.access import Principal
from application.shared.clock import Clock, local_date
from application.shared.errors import NotFound, VersionConflict
from application.shared.event_log import GanxinApplication
from application.shared.idempotency import IdSource, current_keyed_request, note_read_models_behind, pending_writes
from application.shared.own_writes import OwnWrites
from application.shared.ports import Projector
from domain.audit import SensitiveRead

A = TypeVar("A", bound=Aggregate)
R = TypeVar("R")
log = logging.getLogger(__name__)


class Store:
    """One event log behind get → command → save, with idempotency keys and read models kept in step."""

    def __init__(self, event_log: GanxinApplication, clock: Clock, projector: Projector) -> None:
        self.event_log = event_log
        self.clock = clock
        self.projector = projector
        self.own_writes = OwnWrites(event_log, clock)

    def today(self) -> date:
        """The district's calendar day now."""
        return local_date(self.clock.now())

    def get(self, aggregate_id: UUID, version: int | None = None) -> Any:
        """The aggregate as stored (at a version, if given); AggregateNotFoundError if it never existed."""
        return self.event_log.repository.get(aggregate_id, version=version)

    def __contains__(self, aggregate_id: UUID) -> bool:
        """Whether any event was recorded for this id (now, whatever request is being served)."""
        return aggregate_id in self.event_log.repository

    def events_of(self, aggregate_id: UUID) -> list[DomainEvent]:
        """Every event of one aggregate, oldest first."""
        # Every aggregate here is an eventsourcing Aggregate, whose events are DomainEvents (with a timestamp).
        return [e for e in self.event_log.events.get(aggregate_id) if isinstance(e, DomainEvent)]

    def stored_events_of(self, aggregate_id: UUID) -> list[Any]:
        """One aggregate's events as stored (with their recording times), oldest first."""
        return list(self.event_log.repository.event_store.get(aggregate_id))

    def load(self, aggregate_id: UUID, kind: type[A], label: str = "对象") -> A:
        """Get an aggregate by id, or NotFound (replaying a keyed request: as it stood before the first attempt)."""
        before = self.own_writes.version_before_request(aggregate_id)
        try:
            if before == 0:
                raise AggregateNotFoundError(aggregate_id)
            aggregate: object = self.event_log.repository.get(aggregate_id, version=before)
        except AggregateNotFoundError:
            raise NotFound(f"{label}不存在", "id") from None
        if not isinstance(aggregate, kind):
            raise NotFound(f"{label}不存在", "id")
        return aggregate

    def exists(self, aggregate_id: UUID) -> bool:
        """Whether any event was recorded for this id (replaying: before the first attempt)."""
        return self.own_writes.version_before_request(aggregate_id) != 0 and aggregate_id in self

    def load_expected(self, aggregate_id: UUID, kind: type[A], expected_version: int, label: str) -> A:
        """Get an aggregate and insist it is still at the version the caller saw."""
        aggregate = self.load(aggregate_id, kind, label)
        if aggregate.version != expected_version:
            raise VersionConflict(aggregate.version, expected_version)
        return aggregate

    def id_source(self) -> IdSource:
        """Where the ids of what the current request creates come from."""
        return self.own_writes.id_source()

    def commit(self, *aggregates: Aggregate) -> None:
        """Save atomically (with the request's idempotency key, if any), then update the read models.

        An insert that meets the unique key is a conflict only if what is stored there is not this write:
        after a lost commit acknowledgement the library's retry meets its own rows.
        """
        request = current_keyed_request()
        if request is not None and request.replaying and self.own_writes.already_written(request, aggregates):
            return
        to_save = list(aggregates)
        if request is not None:
            to_save.append(self.own_writes.with_key_record(request, pending_writes(aggregates)))
        events = [e for a in to_save for e in a.pending_events]
        stored_up_to = 0
        try:
            recordings = self.event_log.save(*to_save)
            stored_up_to = max((r.notification.id for r in recordings), default=0)
        except IntegrityError:
            if request is not None:
                request.record = None  # not saved by this call: read it again if needed
            if not self.own_writes.own_write_stored(request, events, aggregates):
                first = aggregates[0]
                raise VersionConflict(self.get(first.id).version if first.id in self else 0) from None
            log.warning("commit acknowledgement lost; the stored events are this write's own (%d events)", len(events))
        else:
            if request is not None:
                request.record = to_save[-1]  # type: ignore[assignment]  # the key record appended above
        self.catch_up_after_write(stored_up_to)

    def commit_version(self, aggregate: Aggregate) -> int:
        """Commit one aggregate's changes; the version it is at now."""
        self.commit(aggregate)
        return aggregate.version

    def catch_up_after_write(self, stored_up_to: int = 0) -> None:
        """Catch the read models up; the write is committed whatever happens here (the poller catches up later)."""
        try:
            if self.projector.catch_up() < stored_up_to:  # skipped behind a stuck run: say so
                note_read_models_behind()
        except Exception:
            log.exception("read models not caught up after a committed write; the poller will catch up")
            note_read_models_behind()

    def catch_up(self) -> int:
        """Project any events written by other processes."""
        return self.projector.catch_up()

    def rebuild_read_models(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Empty the read models and project the whole log again; how many events were projected."""
        return self.projector.rebuild(progress)

    def is_empty(self) -> bool:
        """Whether no event was ever stored."""
        return not self.event_log.recorder.max_notification_id()

    def close(self) -> None:
        """Release the database connections."""
        self.event_log.close()

    def record_sensitive_read(self, principal: Principal, resource: str, subject: str) -> None:
        """Note who read which history or report (an event of its own)."""
        self.commit(SensitiveRead.record(resource, subject, principal.actor, self.clock.now()))

    def with_retry(self, command: Callable[[], R], attempts: int = 3) -> R:
        """Run a creating command again if another writer raced it (no version was promised).

        A lost commit acknowledgement is not a race (commit recognises its own rows), and a creating command
        derives its ids once per call (id_source), so a retry never stores the same thing twice.
        """
        for attempt in range(attempts):
            try:
                return command()
            except VersionConflict:
                if attempt == attempts - 1:
                    raise
        raise ValueError("with_retry needs at least one attempt")
