"""Failed-login counters in a SQL table beside the events (SQLite or PostgreSQL)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from application.accounts import ThrottlePolicy
from infrastructure.projections.engine import Dialect

_DDL = (
    """CREATE TABLE IF NOT EXISTS login_throttle (
        throttle_key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start {ts} NOT NULL,
        locked_until {ts})""",
)


class SqlLoginThrottle:
    """LoginThrottle on SQLite or PostgreSQL: one row per key, updated atomically by an upsert."""

    def __init__(self, datastore: Any, dialect: Dialect) -> None:
        self.datastore = datastore
        self.dialect = dialect

    def create_table(self) -> None:
        """Create the throttle table if it is not there."""
        with self.datastore.transaction(commit=True) as cursor:
            for statement in _DDL:
                cursor.execute(self.dialect.types(statement))

    def _execute(self, cursor: Any, statement: str, params: dict[str, Any]) -> None:
        cursor.execute(self.dialect.sql(statement), self.dialect.params(params))

    def locked(self, keys: list[str], now: datetime) -> bool:
        """Whether any of the keys is locked at this moment."""
        if not keys:
            return False
        names = {f"k{i}": key for i, key in enumerate(keys)}
        wanted = " OR ".join(f"throttle_key = :{name}" for name in names)
        with self.datastore.transaction(commit=False) as cursor:
            self._execute(
                cursor, f"SELECT 1 FROM login_throttle WHERE locked_until > :now AND ({wanted})", {"now": now, **names}
            )
            return bool(cursor.fetchall())

    def record_failure(self, key: str, now: datetime, policy: ThrottlePolicy) -> None:
        """Count one failure in the current window (a stale window starts over); lock at the limit."""
        params = {"key": key, "now": now, "window_since": now - policy.window}
        with self.datastore.transaction(commit=True) as cursor:
            self._execute(
                cursor,
                "INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) "
                "VALUES (:key, 1, :now, NULL) ON CONFLICT (throttle_key) DO UPDATE SET "
                "failures = CASE WHEN login_throttle.window_start <= :window_since THEN 1 "
                "ELSE login_throttle.failures + 1 END, "
                "window_start = CASE WHEN login_throttle.window_start <= :window_since THEN :now "
                "ELSE login_throttle.window_start END",
                params,
            )
            # Reaching the limit locks the key for the whole lockout and starts counting afresh after it.
            self._execute(
                cursor,
                "UPDATE login_throttle SET locked_until = :until, failures = 0, window_start = :until "
                "WHERE throttle_key = :key AND failures >= :limit",
                {"key": key, "until": now + policy.lockout, "limit": policy.limit},
            )
            # Rows that neither count nor lock any more are dropped, so the table stays small.
            self._execute(
                cursor,
                "DELETE FROM login_throttle WHERE window_start <= :window_since "
                "AND (locked_until IS NULL OR locked_until <= :now)",
                {"window_since": params["window_since"], "now": now},
            )

    def clear(self, key: str) -> None:
        """Forget a key's failures (only called after a login that no lock stopped)."""
        with self.datastore.transaction(commit=True) as cursor:
            self._execute(cursor, "DELETE FROM login_throttle WHERE throttle_key = :key", {"key": key})
