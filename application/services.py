"""Every service of the application, wired once over one store: the composition root calls `compose`."""

from __future__ import annotations

from dataclasses import dataclass

from application.accountability import AccountabilityReadModel, AccountabilityReports
from application.accounts import (
    AccountCommands,
    CommonPasswords,
    CredentialCommands,
    CredentialStores,
    PasswordHasher,
    SessionStore,
    TokenCommands,
)
from application.audit import EventLog, EventProofs, SealStore
from application.calendar import CalendarCommands
from application.cases import (
    BoardQueries,
    CaseCommands,
    CaseHistoryReadModel,
    CaseQueries,
    CaseReadModel,
    CasesAsOf,
    DeadlineWatch,
)
from application.findings import FindingCommands, FindingQueries, FindingReadModel
from application.projects import (
    LedgerReads,
    ProjectCommands,
    ProjectReadModel,
    ProjectsAsOf,
    ProjectViews,
    ServiceStars,
)
from application.registry import RegistryCommands, RegistryQueries, RegistryReadModel
from application.shared.as_of import AsOf
from application.shared.store import Store
from application.task_forces import TaskForceCommands
from application.visits import VisitCommands
from domain.calendar import WorkingCalendar


@dataclass(frozen=True)
class ReadModels:
    """The read-model ports the services read through (one adapter per port, chosen by infrastructure)."""

    cases: CaseReadModel
    case_history: CaseHistoryReadModel
    registry: RegistryReadModel
    projects: ProjectReadModel
    findings: FindingReadModel
    accountability: AccountabilityReadModel
    sessions: SessionStore


@dataclass(frozen=True)
class Collaborators:
    """What the services need from outside besides the store and the read models."""

    credential_stores: CredentialStores
    seals: SealStore  # the sealer's tables, for proofs
    raw_log: EventLog  # the stored events as bytes, for proofs
    password_hasher: PasswordHasher | None = None
    common_passwords: CommonPasswords | None = None
    fixed_calendar: WorkingCalendar | None = None  # tests only; else the published schedules


@dataclass(frozen=True)
class Services:  # pylint: disable=too-many-instance-attributes
    """The services by area; the web layer and the command line call these and nothing else."""

    store: Store
    reads: ReadModels
    as_of: AsOf
    calendar: CalendarCommands
    registry: RegistryCommands
    registry_queries: RegistryQueries
    accounts: AccountCommands
    credentials: CredentialCommands
    tokens: TokenCommands
    case_queries: CaseQueries
    cases: CaseCommands
    board: BoardQueries
    deadline_watch: DeadlineWatch
    cases_as_of: CasesAsOf
    visits: VisitCommands
    task_forces: TaskForceCommands
    projects: ProjectCommands
    project_views: ProjectViews
    projects_as_of: ProjectsAsOf
    ledger: LedgerReads
    service_stars: ServiceStars
    findings: FindingCommands
    finding_queries: FindingQueries
    accountability: AccountabilityReports
    proofs: EventProofs

    @classmethod
    def compose(cls, store: Store, reads: ReadModels, outside: Collaborators) -> Services:
        """Wire every service to its collaborators (each built once, in dependency order)."""
        clock, cases_reads = store.clock, reads.cases
        as_of = AsOf(store)
        calendar = CalendarCommands(store, clock, outside.fixed_calendar, cases_reads)
        registry = RegistryCommands(store, clock)
        accounts = AccountCommands(
            store, clock, outside.common_passwords, outside.password_hasher, reads.sessions, registry
        )
        case_queries = CaseQueries(store, cases_reads, reads.registry, reads.projects, calendar)
        cases = CaseCommands(store, clock, calendar, case_queries, registry)
        board = BoardQueries(store, cases_reads, calendar, case_queries)
        cases_as_of = CasesAsOf(store, clock, reads.case_history, as_of, calendar, case_queries)
        project_views = ProjectViews(store, reads.projects, board, case_queries)
        return cls(
            store=store,
            reads=reads,
            as_of=as_of,
            calendar=calendar,
            registry=registry,
            registry_queries=RegistryQueries(reads.registry),
            accounts=accounts,
            credentials=CredentialCommands(store, clock, outside.credential_stores, accounts),
            tokens=TokenCommands(store, clock, outside.credential_stores.tokens, accounts),
            case_queries=case_queries,
            cases=cases,
            board=board,
            deadline_watch=DeadlineWatch(store, cases_reads, calendar, cases),
            cases_as_of=cases_as_of,
            visits=VisitCommands(store, clock, registry),
            task_forces=TaskForceCommands(store, clock, calendar, case_queries, registry),
            projects=ProjectCommands(store, clock, case_queries, registry),
            project_views=project_views,
            projects_as_of=ProjectsAsOf(store, reads.projects, as_of, case_queries, project_views, cases_as_of),
            ledger=LedgerReads(store, reads.projects, reads.registry, as_of, case_queries, project_views),
            service_stars=ServiceStars(store, clock, reads.projects, calendar, case_queries),
            findings=FindingCommands(store, clock, reads.findings, accounts),
            finding_queries=FindingQueries(store, reads.findings),
            accountability=AccountabilityReports(store, clock, reads.accountability, reads.registry, calendar),
            proofs=EventProofs(store, outside.seals, outside.raw_log),
        )
