"""Builds the application on the configured database: the one place infrastructure is chosen."""

from __future__ import annotations

from application.app import Ganxin
from application.clock import Clock
from domain.calendar import WorkingCalendar
from infrastructure.passwords import Argon2PasswordHasher
from infrastructure.projections.dialect import POSTGRES, SQLITE
from infrastructure.projections.projector import CatchUpProjector
from infrastructure.projections.queries import SqlCaseReadModel
from infrastructure.projections.recorders import PostgresReadModelRecorder, SQLiteReadModelRecorder
from infrastructure.settings import Settings


def _read_side(app: Ganxin) -> tuple[SqlCaseReadModel, CatchUpProjector]:
    datastore = app.factory.datastore  # type: ignore[attr-defined]
    if getattr(datastore, "pool", None) is not None and type(datastore).__name__.startswith("Postgres"):
        recorder = app.factory.tracking_recorder(PostgresReadModelRecorder)
        return SqlCaseReadModel(datastore, POSTGRES), CatchUpProjector(app, recorder)
    recorder = app.factory.tracking_recorder(SQLiteReadModelRecorder)
    return SqlCaseReadModel(datastore, SQLITE), CatchUpProjector(app, recorder)


def build_application(
    settings: Settings, clock: Clock | None = None, calendar: WorkingCalendar | None = None
) -> Ganxin:
    """The Ganxin application on the database the settings name, with its read models."""
    app = Ganxin(
        env=settings.eventsourcing_env(),
        read_side=_read_side,
        clock=clock,
        calendar=calendar,
        password_hasher=Argon2PasswordHasher(),
    )
    app.catch_up()
    return app
