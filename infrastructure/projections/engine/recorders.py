"""Tracking recorders that also write the read-model tables, in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder
from psycopg.sql import SQL

from infrastructure.projections.engine.dialect import POSTGRES, SQLITE, Dialect
from infrastructure.projections.engine.dispatch import project
from infrastructure.projections.engine.schema import SCHEMA_META_DDL, ReadModelSchema

PROJECTION_NAME = "ganxin_read_models"


class CursorWriter:
    """The Writer the handlers use, bound to one open transaction."""

    def __init__(self, cursor: Any, dialect: Dialect) -> None:
        self.cursor = cursor
        self.dialect = dialect

    def execute(self, statement: str, params: dict[str, Any]) -> None:
        """Run a statement with converted parameters."""
        self.cursor.execute(self.dialect.sql(statement), self.dialect.params(params))

    def fetch_one(self, statement: str, params: dict[str, Any]) -> Any:
        """The first row of a query, or None."""
        self.cursor.execute(self.dialect.sql(statement), self.dialect.params(params))
        return self.cursor.fetchone()


class ReadModelRecording:
    """apply_batch and reset, shared by the SQLite and PostgreSQL recorders."""

    dialect: Dialect
    datastore: Any
    tracking_table: str
    read_models: ReadModelSchema  # set by the concrete recorder (infrastructure/projections/read_models.py)

    def apply_batch(self, events: Sequence[Any], tracking: Tracking) -> None:
        """Project events and move the tracking position, all or nothing.

        The tracking row is written first: if another process already projected this position
        the library raises IntegrityError and the whole transaction rolls back.
        """
        with self.datastore.transaction(commit=True) as cursor:
            self._insert_tracking(cursor, tracking)  # type: ignore[attr-defined]
            writer = CursorWriter(cursor, self.dialect)
            for event in events:
                project(event, writer)

    def ensure_schema_version(self) -> bool:
        """Rebuild from scratch when the tables were made by another version; True if it reset them."""
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(SCHEMA_META_DDL)
            cursor.execute("SELECT value FROM rm_meta WHERE name = 'read_models'")
            row = cursor.fetchone()
        if row is not None and row["value"] == str(self.read_models.version):
            return False
        self.reset()
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute("DELETE FROM rm_meta WHERE name = 'read_models'")
            cursor.execute(
                self.dialect.sql("INSERT INTO rm_meta (name, value) VALUES ('read_models', :v)"),
                self.dialect.params({"v": str(self.read_models.version)}),
            )
        return True

    def reset(self) -> None:
        """Drop and recreate the read-model tables and forget the projection's position."""
        with self.datastore.transaction(commit=True) as cursor:
            for statement in self.read_models.drop_statements():
                cursor.execute(statement)
            cursor.execute(
                self.dialect.sql(f"DELETE FROM {self.tracking_table} WHERE application_name = :name"),
                {"name": PROJECTION_NAME},
            )
            for statement in self.read_models.create_statements(self.dialect):
                cursor.execute(statement)


class SQLiteReadModelRecording(ReadModelRecording, SQLiteTrackingRecorder):
    """Read models in the SQLite file, beside the events."""

    dialect = SQLITE
    tracking_table = "tracking"

    def construct_create_table_statements(self) -> list[str]:
        """The library's tracking table plus the read-model tables."""
        return [*super().construct_create_table_statements(), *self.read_models.create_statements(SQLITE)]


class PostgresReadModelRecording(ReadModelRecording, PostgresTrackingRecorder):
    """Read models in PostgreSQL, beside the events."""

    dialect = POSTGRES

    @property
    def tracking_table(self) -> str:
        """The library names the tracking table after the application on PostgreSQL."""
        return self.tracking_table_name

    def __init__(self, datastore: Any, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        self.sql_create_statements.extend(SQL(s) for s in self.read_models.create_statements(POSTGRES))  # type: ignore[arg-type]
