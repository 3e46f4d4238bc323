"""The Ganxin application: one event store, thin use-case methods, read models kept in step."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding

from application.accounts.access import Principal
from application.accounts.commands import AccountCommands, CommonPasswords
from application.accountability.queries import AccountabilityReports
from application.cases.board import BoardQueries
from application.calendar.commands import CalendarCommands
from application.cases.commands import CaseCommands
from application.cases.deadline_watch import DeadlineWatch
from application.shared.clock import Clock, SystemClock, local_date
from application.accounts.credentials import CredentialCommands
from application.shared.errors import NotFound, VersionConflict
from application.findings.commands import FindingCommands
from application.shared.idempotency import IdempotentWrites, current_keyed_request, note_read_models_behind, pending_writes
from application.accounts.ports import CredentialStores, PasswordHasher, SessionStore
from application.cases.ports import CaseReadModel
from application.shared.ports import Projector
from application.cases.queries import CaseQueries
from application.registry.commands import RegistryCommands
from application.visits.commands import VisitCommands
from application.shared.as_of import AsOfReads
from application.audit.proof import EventProofs
from application.projects.ledger import LedgerReads
from application.projects.commands import ProjectCommands
from application.projects.as_of import ProjectTimeTravel
from application.projects.queries import ProjectViews
from application.projects.service_stars import ServiceStars
from application.task_forces.commands import TaskForceCommands
from application.cases.as_of import TimeTravel
from domain.audit.sensitive_read import SensitiveRead
from domain.calendar.working_days import WorkingCalendar

A = TypeVar("A", bound=Aggregate)
log = logging.getLogger(__name__)
ReadSideBuilder = Callable[["Ganxin"], tuple[CaseReadModel, Projector, SessionStore]]
CredentialsBuilder = Callable[["Ganxin"], CredentialStores]


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


class Ganxin(CaseCommands, VisitCommands, RegistryCommands, CredentialCommands, AccountCommands, CalendarCommands,
             DeadlineWatch, BoardQueries, CaseQueries, TaskForceCommands, ProjectCommands, ProjectViews, LedgerReads,
             ServiceStars, AsOfReads, TimeTravel, ProjectTimeTravel, FindingCommands, AccountabilityReports,
             EventProofs, IdempotentWrites, Application):
    """Every use case of the case tracker, over one event store."""

    name = "ganxin"

    def __init__(
        self,
        env: dict[str, str],
        read_side: ReadSideBuilder,
        clock: Clock | None = None,
        calendar: WorkingCalendar | None = None,
        password_hasher: PasswordHasher | None = None,
        credentials: CredentialsBuilder | None = None,
        common_passwords: CommonPasswords | None = None,
    ) -> None:
        super().__init__(env=env)
        self.clock: Clock = clock or SystemClock()
        self.fixed_calendar: WorkingCalendar | None = calendar  # tests only; else the published schedules
        self.password_hasher = password_hasher
        self.common_passwords = common_passwords
        self.read_model, self.projector, self.sessions = read_side(self)
        self.credentials: CredentialStores | None = credentials(self) if credentials else None

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        """Add dates to what events may carry."""
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    # --- helpers shared by the use cases ------------------------------------------------------
    def today(self) -> date:
        """The district's calendar day now."""
        return local_date(self.clock.now())

    def load(self, aggregate_id: UUID, kind: type[A], label: str = "对象") -> A:
        """Get an aggregate by id, or NotFound (replaying a keyed request: as it stood before the first attempt)."""
        before = self.version_before_request(aggregate_id)
        try:
            if before == 0:
                raise AggregateNotFoundError(aggregate_id)
            aggregate = self.repository.get(aggregate_id, version=before)
        except AggregateNotFoundError:
            raise NotFound(f"{label}不存在", "id") from None
        if not isinstance(aggregate, kind):
            raise NotFound(f"{label}不存在", "id")
        return aggregate

    def exists(self, aggregate_id: UUID) -> bool:
        """Whether any event was recorded for this id (replaying: before the first attempt)."""
        return self.version_before_request(aggregate_id) != 0 and aggregate_id in self.repository

    def load_expected(self, aggregate_id: UUID, kind: type[A], expected_version: int, label: str) -> A:
        """Get an aggregate and insist it is still at the version the caller saw."""
        aggregate = self.load(aggregate_id, kind, label)
        if aggregate.version != expected_version:
            raise VersionConflict(aggregate.version, expected_version)
        return aggregate

    def commit(self, *aggregates: Aggregate) -> None:
        """Save atomically (with the request's idempotency key, if any), then update the read models.

        An insert that meets the unique key is a conflict only if what is stored there is not this write:
        after a lost commit acknowledgement the library's retry meets its own rows.
        """
        request = current_keyed_request()
        if request is not None and request.replaying and self._already_written(request, aggregates):
            return
        to_save = list(aggregates)
        if request is not None:
            to_save.append(self._with_key_record(request, pending_writes(aggregates)))
        events = [e for a in to_save for e in a.pending_events]
        stored_up_to = 0
        try:
            recordings = self.save(*to_save)
            stored_up_to = max((r.notification.id for r in recordings), default=0)
        except IntegrityError:
            if request is not None:
                request.record = None  # not saved by this call: read it again if needed
            if not self._own_write_stored(request, events, aggregates):
                first = aggregates[0]
                current = self.repository.get(first.id).version if first.id in self.repository else 0
                raise VersionConflict(current) from None
            log.warning("commit acknowledgement lost; the stored events are this write's own (%d events)", len(events))
        else:
            if request is not None:
                request.record = to_save[-1]  # type: ignore[assignment]
        self.catch_up_after_write(stored_up_to)

    def catch_up_after_write(self, stored_up_to: int = 0) -> None:
        """Catch the read models up; the write is committed whatever happens here (the poller catches up later)."""
        try:
            if self.projector.catch_up() < stored_up_to:  # skipped behind a stuck run: say so
                note_read_models_behind()
        except Exception:  # noqa: BLE001 - the answer must not turn a stored write into an error
            log.exception("read models not caught up after a committed write; the poller will catch up")
            note_read_models_behind()

    def catch_up(self) -> int:
        """Project any events written by other processes."""
        return self.projector.catch_up()

    def record_sensitive_read(self, principal: Principal, resource: str, subject: str) -> None:
        """Note who read which history or report (an event of its own)."""
        self.commit(SensitiveRead.record(resource, subject, principal.actor, self.clock.now()))

    def with_retry(self, command: Callable[[], Any], attempts: int = 3) -> Any:
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
        return None
