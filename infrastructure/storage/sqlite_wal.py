"""Keeping SQLite's write-ahead log small: it was never checkpointed back and grew past the database.

Every connection checkpoints automatically every AUTOCHECKPOINT_PAGES pages and truncates the WAL to
WAL_LIMIT_BYTES after a checkpoint (`journal_size_limit`; without it the file stays at its largest
size). A checkpoint cannot reach the end of the log while readers hold old snapshots, so the poller
runs `PRAGMA wal_checkpoint(TRUNCATE)` when it finds nothing new to project, or when the WAL is past
WAL_LIMIT_BYTES, on a connection of its own with a short busy timeout: a busy database is tried again
at the next poll instead of holding up writers.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from eventsourcing.sqlite import SQLiteConnection, SQLiteConnectionPool, SQLiteFactory

WAL_LIMIT_BYTES = 16 * 1024 * 1024
AUTOCHECKPOINT_PAGES = 1000
BUSY_TIMEOUT_SECONDS = 0.2
log = logging.getLogger(__name__)


def wal_file(database: Path) -> Path:
    """The database's -wal file."""
    return database.with_name(database.name + "-wal")


def wal_size(database: Path) -> int:
    """Bytes in the WAL file (0 when there is none)."""
    try:
        return wal_file(database).stat().st_size
    except FileNotFoundError:
        return 0


def checkpoint_wal(database: Path) -> bool:
    """Copy the WAL back into the database and truncate it; whether that completed."""
    connection = sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return busy == 0
    except sqlite3.OperationalError as error:  # locked, or no space: the next poll tries again
        log.info("WAL checkpoint of %s postponed: %s", database, error)
        return False
    finally:
        connection.close()


def keep_wal_small(database: Path, idle: bool) -> None:
    """Checkpoint when idle and there is a WAL to empty, or whenever it is past the limit."""
    size = wal_size(database)
    if (idle and size > 0) or size > WAL_LIMIT_BYTES:
        checkpoint_wal(database)


class WalLimitedPool(SQLiteConnectionPool):
    """The library's SQLite pool, each connection told to checkpoint and to keep its WAL bounded."""

    def _create_connection(self) -> SQLiteConnection:
        connection = super()._create_connection()
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
        cursor.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
        return connection


class WalLimitedSQLiteFactory(SQLiteFactory):
    """The library's SQLite factory with a WalLimitedPool."""

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        self.datastore.pool.__class__ = WalLimitedPool  # same state, one method more: nothing to copy
