"""Builds the application on the configured database: the one place infrastructure is chosen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventsourcing.postgres import PostgresDatastore

from application.shared.store import Ganxin
from application.shared.clock import Clock
from application.projects.exports import ExportWriters
from domain.calendar.working_days import WorkingCalendar
from infrastructure.audit.sql_store import create_audit_tables
from infrastructure.accounts.common_passwords import CommonPasswordList
from infrastructure.calendar.holiday_package import ChineseCalendarPackage
from infrastructure.accounts.credentials import build_credential_stores
from infrastructure.accounts.passwords import Argon2PasswordHasher
from infrastructure.projections.accountability.queries import SqlAccountabilityReads
from infrastructure.projections.case_history.queries import SqlCaseHistoryReads
from infrastructure.projections.cases.queries import SqlCaseReads
from infrastructure.projections.engine.dialect import POSTGRES, SQLITE, Dialect
from infrastructure.projections.engine.projector import CatchUpProjector
from infrastructure.projections.findings.queries import SqlFindingReads
from infrastructure.projections.projects.queries import SqlProjectReads
from infrastructure.projections.read_models import PostgresReadModelRecorder, SQLiteReadModelRecorder
from infrastructure.projections.registry.queries import SqlRegistryReads
from infrastructure.storage.schema_lock import schema_creation_lock
from infrastructure.accounts.sessions import SqlSessionStore
from infrastructure.settings import Settings

COMMON_PASSWORDS = CommonPasswordList()  # one list per process: loaded at its first use, then shared


@dataclass(frozen=True)
class ReadModels:
    """Each area's read model over the same database: one object per application port."""

    cases: SqlCaseReads
    case_history: SqlCaseHistoryReads
    registry: SqlRegistryReads
    projects: SqlProjectReads
    findings: SqlFindingReads
    accountability: SqlAccountabilityReads


def build_read_models(datastore: Any, dialect: Dialect) -> ReadModels:
    """The read models of every area on one datastore."""
    return ReadModels(SqlCaseReads(datastore, dialect), SqlCaseHistoryReads(datastore, dialect),
                      SqlRegistryReads(datastore, dialect), SqlProjectReads(datastore, dialect),
                      SqlFindingReads(datastore, dialect), SqlAccountabilityReads(datastore, dialect))


class TemporaryCombinedReadModel:
    """TEMPORARY (issue 12): the single `read_model` the Ganxin facade still calls, answering each method from the
    area that declares it. The integrator deletes this class once every service takes its own area's read model."""

    def __init__(self, read_models: ReadModels) -> None:
        self.read_models = read_models
        for area in (read_models.cases, read_models.case_history, read_models.registry, read_models.projects,
                     read_models.findings, read_models.accountability):
            for name in dir(type(area)):
                if not name.startswith("_"):
                    setattr(self, name, getattr(area, name))


def _read_side(app: Ganxin) -> tuple[TemporaryCombinedReadModel, CatchUpProjector, SqlSessionStore]:
    datastore = app.factory.datastore  # type: ignore[attr-defined]
    postgres = isinstance(datastore, PostgresDatastore)
    dialect = POSTGRES if postgres else SQLITE
    recorder = app.factory.tracking_recorder(PostgresReadModelRecorder if postgres else SQLiteReadModelRecorder)
    recorder.ensure_schema_version()  # an upgrade that changed the tables projects the whole log again
    sessions = SqlSessionStore(datastore, dialect)
    sessions.create_table()
    create_audit_tables(datastore, dialect)  # the sealer's append-only tables (not read models)
    read_model = TemporaryCombinedReadModel(build_read_models(datastore, dialect))
    return read_model, CatchUpProjector(app, recorder), sessions


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
    # Imported here, not at the top: no cycle, but openpyxl and reportlab take about 0.5 s to load, which every
    # CLI command (`ganxin tick` from cron, `users`, `db`) would pay; only the web app builds the writers.
    from infrastructure.exports.handbook_pdf import ReportlabHandbookWriter  # noqa: PLC0415 - 0.5 s import, web only
    from infrastructure.exports.ledger_xlsx import OpenpyxlLedgerWriter  # noqa: PLC0415 - 0.5 s import, web only

    return ExportWriters(OpenpyxlLedgerWriter(), ReportlabHandbookWriter())
