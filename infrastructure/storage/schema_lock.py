"""One process at a time creates tables: concurrent CREATE ... IF NOT EXISTS can fail on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from infrastructure.settings import Settings

# Any fixed 64-bit number works; this one is "ganxin" in ASCII, so it is recognisable in pg_locks.
SCHEMA_LOCK_KEY = 0x67616E78696E


@contextmanager
def schema_creation_lock(settings: Settings) -> Iterator[None]:
    """Hold a PostgreSQL session advisory lock while the application creates its tables.

    Two `ganxin` processes starting together (two ticks, a tick and serve) otherwise race on the
    system catalogues and one dies with "tuple concurrently updated". SQLite needs nothing: its
    writers are already serialised by the file lock.
    """
    if not settings.is_postgres:
        yield
        return
    with psycopg.connect(
        settings.database_url, autocommit=True, connect_timeout=max(1, round(settings.connect_timeout))
    ) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK_KEY,))
        try:
            yield
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK_KEY,))
