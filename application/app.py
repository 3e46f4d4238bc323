"""The Ganxin application: one event store, thin use-case methods, read models kept in step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding

from application.access import Principal
from application.account_commands import AccountCommands, CommonPasswords
from application.accountability import AccountabilityReports
from application.board import BoardQueries
from application.calendar_commands import CalendarCommands
from application.case_commands import CaseCommands
from application.deadline_watch import DeadlineWatch
from application.clock import Clock, SystemClock, local_date
from application.credential_commands import CredentialCommands
from application.errors import NotFound, VersionConflict
from application.finding_commands import FindingCommands
from application.ports import CaseReadModel, CredentialStores, PasswordHasher, Projector, SessionStore
from application.queries import CaseQueries
from application.registry_commands import RegistryCommands
from application.visit_commands import VisitCommands
from application.as_of import AsOfReads
from application.audit_proof import EventProofs
from application.ledger import LedgerReads
from application.project_commands import ProjectCommands
from application.project_time_travel import ProjectTimeTravel
from application.project_views import ProjectViews
from application.service_stars import ServiceStars
from application.task_force_commands import TaskForceCommands
from application.time_travel import TimeTravel
from domain.audit import SensitiveRead
from domain.calendar import WorkingCalendar

A = TypeVar("A", bound=Aggregate)
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
             EventProofs, Application):
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
        """Get an aggregate by id, or NotFound."""
        try:
            aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise NotFound(f"{label}不存在", "id") from None
        if not isinstance(aggregate, kind):
            raise NotFound(f"{label}不存在", "id")
        return aggregate

    def exists(self, aggregate_id: UUID) -> bool:
        """Whether any event was recorded for this id."""
        return aggregate_id in self.repository

    def load_expected(self, aggregate_id: UUID, kind: type[A], expected_version: int, label: str) -> A:
        """Get an aggregate and insist it is still at the version the caller saw."""
        aggregate = self.load(aggregate_id, kind, label)
        if aggregate.version != expected_version:
            raise VersionConflict(aggregate.version, expected_version)
        return aggregate

    def commit(self, *aggregates: Aggregate) -> None:
        """Save atomically; a concurrent writer turns into a clear conflict; then update read models."""
        try:
            self.save(*aggregates)
        except IntegrityError:
            first = aggregates[0]
            current = self.repository.get(first.id).version if first.id in self.repository else 0
            raise VersionConflict(current) from None
        self.projector.catch_up()

    def catch_up(self) -> int:
        """Project any events written by other processes."""
        return self.projector.catch_up()

    def record_sensitive_read(self, principal: Principal, resource: str, subject: str) -> None:
        """Note who read which history or report (an event of its own)."""
        self.commit(SensitiveRead.record(resource, subject, principal.actor, self.clock.now()))

    def with_retry(self, command: Callable[[], Any], attempts: int = 3) -> Any:
        """Run a creating command again if another writer raced it (no version was promised)."""
        for attempt in range(attempts):
            try:
                return command()
            except VersionConflict:
                if attempt == attempts - 1:
                    raise
        return None
