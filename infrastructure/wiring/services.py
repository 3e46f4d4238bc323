"""Builds the services on the configured database: the one place infrastructure is chosen (the composition root)."""

from __future__ import annotations

from eventsourcing.postgres import PostgresDatastore

from application.projects import ExportWriters
from application.services import Collaborators, ReadModels, Services
from application.shared.clock import Clock, SystemClock
from application.shared.event_log import GanxinApplication
from application.shared.store import Store
from domain.calendar import WorkingCalendar
from infrastructure.accounts import Argon2PasswordHasher, CommonPasswordList, SqlSessionStore, build_credential_stores
from infrastructure.calendar import ChineseCalendarPackage
from infrastructure.projections.accountability import SqlAccountabilityReads
from infrastructure.projections.case_history import SqlCaseHistoryReads
from infrastructure.projections.cases import SqlCaseReads
from infrastructure.projections.engine import POSTGRES, SQLITE, CatchUpProjector, Dialect
from infrastructure.projections.findings import SqlFindingReads
from infrastructure.projections.projects import SqlProjectReads
from infrastructure.projections.read_models import PostgresReadModelRecorder, SQLiteReadModelRecorder
from infrastructure.projections.registry import SqlRegistryReads
from infrastructure.settings import Settings
from infrastructure.storage import RawEventLog, SqlSealStore, create_audit_tables, schema_creation_lock

COMMON_PASSWORDS = CommonPasswordList()  # one list per process: loaded at its first use, then shared


def _dialect(event_log: GanxinApplication) -> tuple[object, Dialect]:
    datastore = event_log.factory.datastore  # type: ignore[attr-defined]  # every factory of ours has one
    return datastore, POSTGRES if isinstance(datastore, PostgresDatastore) else SQLITE


def _read_models(event_log: GanxinApplication) -> tuple[ReadModels, CatchUpProjector]:
    datastore, dialect = _dialect(event_log)
    recorder_class = PostgresReadModelRecorder if dialect is POSTGRES else SQLiteReadModelRecorder
    recorder = event_log.factory.tracking_recorder(recorder_class)
    recorder.ensure_schema_version()  # an upgrade that changed the tables projects the whole log again
    sessions = SqlSessionStore(datastore, dialect)
    sessions.create_table()
    create_audit_tables(datastore, dialect)  # the sealer's append-only tables (not read models)
    reads = ReadModels(
        cases=SqlCaseReads(datastore, dialect),
        case_history=SqlCaseHistoryReads(datastore, dialect),
        registry=SqlRegistryReads(datastore, dialect),
        projects=SqlProjectReads(datastore, dialect),
        findings=SqlFindingReads(datastore, dialect),
        accountability=SqlAccountabilityReads(datastore, dialect),
        sessions=sessions,
    )
    return reads, CatchUpProjector(event_log, recorder)


def _outside(event_log: GanxinApplication, settings: Settings, calendar: WorkingCalendar | None) -> Collaborators:
    datastore, dialect = _dialect(event_log)
    return Collaborators(
        credential_stores=build_credential_stores(datastore, dialect, settings.secret_key, settings.plain_totp_secrets),
        seals=SqlSealStore(datastore, dialect),
        raw_log=RawEventLog(event_log.recorder, dialect.is_postgres),
        password_hasher=Argon2PasswordHasher(),
        common_passwords=COMMON_PASSWORDS,
        fixed_calendar=calendar,
    )


def build_services(
    settings: Settings,
    clock: Clock | None = None,
    calendar: WorkingCalendar | None = None,
    *,
    catch_up: bool = True,
    sync_calendar: bool = True,
) -> Services:
    """Every service on the database the settings name, read models caught up, and the State Council
    schedules the chinesecalendar package knows published into the calendar."""
    with schema_creation_lock(settings):
        event_log = GanxinApplication(env=settings.eventsourcing_env())
        reads, projector = _read_models(event_log)
        store = Store(event_log, clock or SystemClock(), projector)
        services = Services.compose(store, reads, _outside(event_log, settings, calendar))
        # Inside the lock too: two processes publishing the same package schedule would conflict.
        if sync_calendar:
            services.calendar.sync_package_schedules(ChineseCalendarPackage())
            services.findings.seed_taxonomy()  # the manifestation list findings are classified under, once
    if catch_up:
        store.catch_up()
    return services


def build_exports() -> ExportWriters:
    """The .xlsx and PDF writers (openpyxl, reportlab)."""
    # Imported here, not at the top: no cycle, but openpyxl and reportlab take about 0.5 s to load, which every
    # CLI command (`ganxin tick` from cron, `users`, `db`) would pay; only the web app builds the writers.
    from infrastructure.exports import OpenpyxlLedgerWriter, ReportlabHandbookWriter  # noqa: PLC0415 - 0.5 s import

    return ExportWriters(OpenpyxlLedgerWriter(), ReportlabHandbookWriter())
