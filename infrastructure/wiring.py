"""Builds the application on the configured database: the one place infrastructure is chosen."""

from __future__ import annotations

from eventsourcing.postgres import PostgresDatastore

from application.projects.exports import ExportWriters
from application.services import Collaborators, ReadModels, Services
from application.shared.clock import Clock, SystemClock
from application.shared.event_log import GanxinApplication
from application.shared.store import Store
from domain.calendar.working_days import WorkingCalendar
from infrastructure.audit.raw_events import RawEventLog
from infrastructure.audit.sql_store import SqlSealStore, create_audit_tables
from infrastructure.common_passwords import CommonPasswordList
from infrastructure.credentials import build_credential_stores
from infrastructure.holiday_package import ChineseCalendarPackage
from infrastructure.passwords import Argon2PasswordHasher
from infrastructure.projections.dialect import POSTGRES, SQLITE
from infrastructure.projections.projector import CatchUpProjector
from infrastructure.projections.queries import SqlCaseReadModel
from infrastructure.projections.recorders import PostgresReadModelRecorder, SQLiteReadModelRecorder
from infrastructure.schema_lock import schema_creation_lock
from infrastructure.sessions import SqlSessionStore
from infrastructure.settings import Settings

COMMON_PASSWORDS = CommonPasswordList()  # one list per process: loaded at its first use, then shared


def _read_models(event_log: GanxinApplication) -> tuple[ReadModels, CatchUpProjector]:
    datastore = event_log.factory.datastore  # type: ignore[attr-defined]  # every factory of ours has one
    postgres = isinstance(datastore, PostgresDatastore)
    dialect = POSTGRES if postgres else SQLITE
    recorder = event_log.factory.tracking_recorder(PostgresReadModelRecorder if postgres else SQLiteReadModelRecorder)
    recorder.ensure_schema_version()  # an upgrade that changed the tables projects the whole log again
    sessions = SqlSessionStore(datastore, dialect)
    sessions.create_table()
    create_audit_tables(datastore, dialect)  # the sealer's append-only tables (not read models)
    read_model = SqlCaseReadModel(datastore, dialect)
    reads = ReadModels(cases=read_model, findings=read_model, sessions=sessions)
    return reads, CatchUpProjector(event_log, recorder)


def _outside(event_log: GanxinApplication, settings: Settings, calendar: WorkingCalendar | None) -> Collaborators:
    datastore = event_log.factory.datastore  # type: ignore[attr-defined]  # every factory of ours has one
    dialect = POSTGRES if isinstance(datastore, PostgresDatastore) else SQLITE
    return Collaborators(
        credential_stores=build_credential_stores(datastore, dialect, settings.secret_key, settings.plain_totp_secrets),
        seals=SqlSealStore(datastore, dialect), raw_log=RawEventLog(event_log.recorder, dialect.is_postgres),
        password_hasher=Argon2PasswordHasher(), common_passwords=COMMON_PASSWORDS, fixed_calendar=calendar,
    )


def build_services(
    settings: Settings, clock: Clock | None = None, calendar: WorkingCalendar | None = None,
    *, catch_up: bool = True, sync_calendar: bool = True,
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
    from infrastructure.exports.handbook_pdf import ReportlabHandbookWriter  # noqa: PLC0415
    from infrastructure.exports.ledger_xlsx import OpenpyxlLedgerWriter  # noqa: PLC0415

    return ExportWriters(OpenpyxlLedgerWriter(), ReportlabHandbookWriter())
