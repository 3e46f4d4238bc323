"""What every area's queries.py shares: running a read-only query, and spelling IN lists and LIKE patterns."""

from __future__ import annotations

from typing import Any

from infrastructure.projections.engine.dialect import Dialect


class SqlReads:
    """A read model's queries over the rm_* tables, on SQLite or PostgreSQL."""

    def __init__(self, datastore: Any, dialect: Dialect) -> None:
        self.datastore = datastore
        self.dialect = dialect

    def _rows(self, statement: str, params: dict[str, Any] | None = None) -> list[Any]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.dialect.sql(statement), self.dialect.params(params or {}))
            return list(cursor.fetchall())


def in_list(prefix: str, values: tuple[Any, ...], params: dict[str, Any]) -> str:
    """The placeholders of an IN (...) list, the values added to params; NULL (matching nothing) when empty."""
    params.update({f"{prefix}{i}": v for i, v in enumerate(values)})
    return ", ".join(f":{prefix}{i}" for i in range(len(values))) or "NULL"


def like_pattern(text: str) -> str:
    """A LIKE pattern (ESCAPE '\\') matching text anywhere: users search literally, % and _ are characters."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
