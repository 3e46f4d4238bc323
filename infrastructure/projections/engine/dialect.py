"""The few differences between SQLite and PostgreSQL that the read models care about."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any
from uuid import UUID

_NAMED = re.compile(r"(?<!:):([a-z_][a-z0-9_]*)")


@dataclass(frozen=True)
class Dialect:
    """How to spell statements and values for one database."""

    name: str

    @property
    def is_postgres(self) -> bool:
        """PostgreSQL, as opposed to SQLite."""
        return self.name == "postgres"

    def sql(self, statement: str) -> str:
        """Statements are written with :name parameters; psycopg wants %(name)s."""
        if not self.is_postgres:
            return statement
        return _postgres_sql(statement)

    def types(self, statement: str) -> str:
        """DDL is written with {uuid} {date} {ts} {bool} {json} placeholders."""
        if self.is_postgres:
            mapping = {"uuid": "UUID", "date": "DATE", "ts": "TIMESTAMPTZ", "bool": "BOOLEAN", "json": "JSONB"}
        else:
            mapping = {"uuid": "TEXT", "date": "TEXT", "ts": "TEXT", "bool": "INTEGER", "json": "TEXT"}
        return statement.format(**mapping)

    def value(self, value: Any) -> Any:
        """A Python value as this database stores it."""
        if isinstance(value, (list, dict)):
            return json.dumps(value, ensure_ascii=False)
        return value if self.is_postgres else _sqlite_value(value)

    def params(self, values: dict[str, Any]) -> dict[str, Any]:
        """Every value of a parameter dict, converted."""
        return {k: self.value(v) for k, v in values.items()}


def read_uuid(value: Any) -> UUID:
    """A UUID back from either database."""
    return value if isinstance(value, UUID) else UUID(str(value))


def read_date(value: Any) -> date | None:
    """A date back from either database."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def read_ts(value: Any) -> datetime:
    """A timestamp back from either database."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def read_json(value: Any) -> Any:
    """JSON back from either database."""
    if value is None or isinstance(value, (list, dict)):
        return value
    return json.loads(value)


@lru_cache(maxsize=512)
def _postgres_sql(statement: str) -> str:
    # The projector runs the same few statements for every event: convert each once.
    return _NAMED.sub(r"%(\1)s", statement.replace("%", "%%"))


SQLITE = Dialect("sqlite")
POSTGRES = Dialect("postgres")


def _sqlite_value(value: Any) -> Any:
    """A scalar as SQLite stores it: ids as hex, times and dates as ISO text, booleans as 0 or 1."""
    if isinstance(value, UUID):
        return value.hex
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value
