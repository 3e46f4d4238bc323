"""A database outage answers fast and ends fast: the PostgreSQL pool gives up within the connect timeout,
reconnects promptly however long the outage lasted, and drops every dead connection at once.

Measured with the library's defaults: a 30 s pool wait times 10 retries made requests hang for minutes,
and psycopg_pool's reconnect delay doubles for as long as the server is down (first success 45 s
after a 70 s stop). Here a pool timeout is raised as DatabaseUnavailable, which the library's retry
decorator does not catch, and the reconnect delay stops growing at MAX_RECONNECT_DELAY.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError
from eventsourcing.postgres import ConnectionPool, PostgresFactory
from psycopg_pool import PoolTimeout
from psycopg_pool.base import AttemptWithBackoff

MAX_RECONNECT_DELAY = 0.5  # seconds between reconnection attempts, whatever the outage's length
RECONNECT_TIMEOUT = 24 * 3600.0  # keep trying (every MAX_RECONNECT_DELAY) rather than shrink the pool
# SQLite errors that mean the file cannot be written or read now, not a mistake in Ganxin's SQL.
SQLITE_OUTAGE_MESSAGES = (
    "disk is full",
    "database is locked",
    "disk i/o error",
    "unable to open",
    "readonly database",
    "database is busy",
)


class DatabaseUnavailable(Exception):
    """No connection to the database within the connect timeout (deliberately not retried by the library)."""


class CappedBackoff(AttemptWithBackoff):
    """psycopg_pool's reconnection backoff, but never waiting longer than MAX_RECONNECT_DELAY."""

    def update_delay(self, now: float) -> None:
        """Double the delay as the library does, then cap it."""
        super().update_delay(now)
        self.delay = min(self.delay, MAX_RECONNECT_DELAY)


class FastFailPool(ConnectionPool):  # type: ignore[type-arg]
    """The library's pool: a timeout is DatabaseUnavailable, and reconnecting does not slow down."""

    def getconn(self, timeout: float | None = None) -> Any:
        """A connection within the pool's timeout, else DatabaseUnavailable."""
        try:
            return super().getconn(timeout)
        except PoolTimeout as error:
            raise DatabaseUnavailable(str(error)) from error

    def _add_connection(self, attempt: AttemptWithBackoff | None, growing: bool = False) -> None:
        super()._add_connection(attempt or CappedBackoff(timeout=self.reconnect_timeout), growing)

    def _check_connection(self, conn: Any) -> None:
        # One idle connection found dead after a restart means they all died: drop them at once. The library
        # would try the next one after 1 s, then 2 s, and answer a timeout after a restart nobody saw.
        try:
            super()._check_connection(conn)
        except Exception:
            self.check()
            raise


def _connection_settings(connect_timeout: float, statement_timeout: float) -> dict[str, Any]:
    """libpq settings: give up connecting, a statement, and a dead peer in bounded time."""
    return {
        "connect_timeout": max(1, round(connect_timeout)),
        "options": f"-c statement_timeout={int(statement_timeout * 1000)}",
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 2,
        "tcp_user_timeout": int((connect_timeout + statement_timeout) * 1000),
    }


class FastFailPostgresFactory(PostgresFactory):
    """The library's PostgreSQL factory, its pool replaced by a FastFailPool with bounded timeouts."""

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        old = self.datastore.pool
        statement_timeout = float(self.env.get("GANXIN_STATEMENT_TIMEOUT") or "10")
        self.datastore.pool = FastFailPool(
            get_password_func=old.get_password_func,
            connection_class=old.connection_class,
            kwargs={**old.kwargs, **_connection_settings(old.timeout, statement_timeout)},  # type: ignore[dict-item]
            min_size=old.min_size,
            max_size=old.max_size,
            open=False,
            configure=old._configure,  # noqa: SLF001 - the library's own callbacks
            check=old._check,  # noqa: SLF001 - the library's own callbacks
            timeout=old.timeout,
            max_waiting=old.max_waiting,
            max_lifetime=old.max_lifetime,
            reconnect_timeout=RECONNECT_TIMEOUT,
        )


def is_outage(error: BaseException) -> bool:
    """Whether the error means the database cannot be reached or written now (503), not a bug (500)."""
    if isinstance(error, DatabaseUnavailable):
        return True
    if not isinstance(error, (OperationalError, InterfaceError)):
        return False
    cause = error.__cause__
    if isinstance(cause, (psycopg.OperationalError, psycopg.InterfaceError)):
        return True
    if isinstance(cause, sqlite3.OperationalError):
        return any(text in str(cause).lower() for text in SQLITE_OUTAGE_MESSAGES)
    return False
