"""The read-model tables as one schema: every area's tables, created, dropped and versioned together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from infrastructure.projections.engine.dialect import Dialect

SCHEMA_META_DDL = "CREATE TABLE IF NOT EXISTS rm_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"


class AreaSchema(Protocol):
    """An area's schema.py: its tables and the statements creating them (with {uuid}-style type names)."""

    TABLES: tuple[str, ...]
    DDL: tuple[str, ...]


@dataclass(frozen=True)
class ReadModelSchema:
    """Every area's tables under one version: a different stored version rebuilds them all from the log."""

    version: int
    areas: tuple[AreaSchema, ...]

    @property
    def tables(self) -> tuple[str, ...]:
        """Every read-model table."""
        return tuple(table for area in self.areas for table in area.TABLES)

    def create_statements(self, dialect: Dialect) -> list[str]:
        """CREATE TABLE / INDEX statements spelled for the dialect."""
        return [dialect.types(statement) for area in self.areas for statement in area.DDL]

    def drop_statements(self) -> list[str]:
        """DROP TABLE statements for a rebuild."""
        return [f"DROP TABLE IF EXISTS {table}" for table in self.tables]
