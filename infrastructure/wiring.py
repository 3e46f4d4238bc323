"""Builds the application on the configured database: the one place infrastructure is chosen."""

from __future__ import annotations

from eventsourcing.postgres import PostgresDatastore

from application.shared.store import Ganxin
from application.shared.clock import Clock
from application.projects.exports import ExportWriters
from domain.calendar.working_days import WorkingCalendar
from infrastructure.audit.sql_store import create_audit_tables
from infrastructure.common_passwords import CommonPasswordList
from infrastructure.holiday_package import ChineseCalendarPackage
from infrastructure.credentials import build_credential_stores
from infrastructure.passwords import Argon2PasswordHasher
from infrastructure.projections.dialect import POSTGRES, SQLITE
from infrastructure.projections.projector import CatchUpProjector
from infrastructure.projections.queries import SqlCaseReadModel
from infrastructure.projections.recorders import PostgresReadModelRecorder, SQLiteReadModelRecorder
from infrastructure.schema_lock import schema_creation_lock
from infrastructure.sessions import SqlSessionStore
from infrastructure.settings import Settings

COMMON_PASSWORDS = CommonPasswordList()  # one list per process: loaded at its first use, then shared


def _read_side(app: Ganxin) -> tuple[SqlCaseReadModel, CatchUpProjector, SqlSessionStore]:
    datastore = app.factory.datastore  # type: ignore[attr-defined]
    postgres = isinstance(datastore, PostgresDatastore)
    dialect = POSTGRES if postgres else SQLITE
    recorder = app.factory.tracking_recorder(PostgresReadModelRecorder if postgres else SQLiteReadModelRecorder)
    recorder.ensure_schema_version()  # an upgrade that changed the tables projects the whole log again
    sessions = SqlSessionStore(datastore, dialect)
    sessions.create_table()
    create_audit_tables(datastore, dialect)  # the sealer's append-only tables (not read models)
    return SqlCaseReadModel(datastore, dialect), CatchUpProjector(app, recorder), sessions


def _credentials(secret_key: str, plain_secrets: bool):  # type: ignore[no-untyped-def]
    def build(app: Ganxin):  # type: ignore[no-untyped-def]
        datastore = app.factory.datastore  # type: ignore[attr-defined]
        dialect = POSTGRES if isinstance(datastore, PostgresDatastore) else SQLITE
        return build_credential_stores(datastore, dialect, secret_key, plain_secrets)

    return build


def build_application(
    settings: Settings, clock: Clock | None = None, calendar: WorkingCalendar | None = None,
    *, catch_up: bool = True, sync_calendar: bool = True,
) -> Ganxin:
    """The Ganxin application on the database the settings name, read models caught up, and the
    State Council schedules the chinesecalendar package knows published into its calendar."""
    with schema_creation_lock(settings):
        app = Ganxin(
            env=settings.eventsourcing_env(),
            read_side=_read_side,
            clock=clock,
            calendar=calendar,
            password_hasher=Argon2PasswordHasher(),
            common_passwords=COMMON_PASSWORDS,
            credentials=_credentials(settings.secret_key, settings.plain_totp_secrets),
        )
        # Inside the lock too: two processes publishing the same package schedule would conflict.
        if sync_calendar:
            app.sync_package_schedules(ChineseCalendarPackage())
            app.seed_taxonomy()  # the manifestation list findings are classified under, once per database
    if catch_up:
        app.catch_up()
    return app


def build_exports() -> ExportWriters:
    """The .xlsx and PDF writers (openpyxl, reportlab)."""
    from infrastructure.exports.handbook_pdf import ReportlabHandbookWriter  # noqa: PLC0415
    from infrastructure.exports.ledger_xlsx import OpenpyxlLedgerWriter  # noqa: PLC0415

    return ExportWriters(OpenpyxlLedgerWriter(), ReportlabHandbookWriter())
