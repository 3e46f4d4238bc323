"""The events table read as raw rows, for the audit: a stored value of an odd type is evidence, not a crash.

The library's own reader fails on a state that is text or NULL (PostgreSQL: `bytes(None)`; SQLite hands the
text on). The audit reads the same rows itself and turns every value it did not write into bytes that can
never hash like the sealed event, so the check names the event as edited at its position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from psycopg.sql import SQL, Identifier

# Prefixes no stored JSON or compressed state starts with: a value of the wrong type never hashes like bytes.
_ODD = b"\x00ganxin-audit-odd-value\x00"


@dataclass(frozen=True)
class RawNotification:
    """One events-table row, as select_notifications gives it."""

    id: int
    originator_id: str
    originator_version: Any
    topic: str
    state: bytes


def state_bytes(value: Any) -> bytes:
    """Bytes as stored; anything else (text, NULL, a number) as marked bytes that differ from any real state."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    return _ODD + type(value).__name__.encode("ascii") + b":" + repr(value).encode("utf-8", "backslashreplace")


def _text(value: Any) -> str:
    """A text column as ASCII-safe text (the leaf encoding needs ASCII ids); NULL and numbers named as such."""
    if isinstance(value, str):
        return value
    return f"<{type(value).__name__}:{value!r}>"


def _originator(value: Any) -> str:
    """The usual UUID form when the value is one (SQLite keeps 32 hex digits), else the value marked."""
    try:
        return str(value if isinstance(value, UUID) else UUID(str(value)))
    except ValueError:
        return _text(value).encode("ascii", "backslashreplace").decode("ascii")


def _version(value: Any) -> Any:
    return value if isinstance(value, int) else _text(value).encode("ascii", "backslashreplace").decode("ascii")


class RawEventLog:
    """The part of the recorder's interface the audit uses, over raw rows of its events table."""

    def __init__(self, recorder: Any, is_postgres: bool) -> None:
        self.datastore = recorder.datastore
        self.table = recorder.events_table_name
        self.is_postgres = is_postgres

    def select_notifications(self, start: int | None, limit: int, stop: int | None = None) -> list[RawNotification]:
        """Rows with start ≤ id ≤ stop, in id order, at most limit."""
        where, params = [], []
        if start is not None:
            where.append("{id} >= %s")
            params.append(start)
        if stop is not None:
            where.append("{id} <= %s")
            params.append(stop)
        tail = (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY {id} LIMIT %s"
        params.append(limit)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self._statement(tail), params)
            rows = cursor.fetchall()
        return [
            RawNotification(
                int(row["nid"]),
                _originator(row["originator_id"]),
                _version(row["originator_version"]),
                _text(row["topic"]),
                state_bytes(row["state"]),
            )
            for row in rows
        ]

    def _statement(self, tail: str) -> Any:
        columns = "SELECT {id} AS nid, originator_id, originator_version, topic, state FROM "
        if self.is_postgres:
            return SQL(
                columns.replace("{id}", "notification_id")
                + "{schema}.{table}"
                + tail.replace("{id}", "notification_id")
            ).format(schema=Identifier(self.datastore.schema), table=Identifier(self.table))
        return (columns + f'"{self.table}"' + tail).replace("{id}", "rowid").replace("%s", "?")
