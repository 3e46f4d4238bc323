"""The events recorder for a database prepared by `ganxin db init` (GANXIN_APPEND_ONLY=1)."""

from __future__ import annotations

from eventsourcing.persistence import OperationalError
from eventsourcing.postgres import PostgresApplicationRecorder


class EventStoreNotPrepared(OperationalError):
    """The events table is missing: `ganxin db init` has not been run on this database."""


class PreparedEventStoreRecorder(PostgresApplicationRecorder):
    """Writes and reads the events table but never creates it.

    The application role does not own the table (the owner role made it, with triggers that refuse
    row changes), and the library's CREATE INDEX IF NOT EXISTS fails for anyone but the owner.
    """

    def create_table(self) -> None:
        """Check the events table is there, with a message saying how to make it if not."""
        qualified = f"{self.datastore.schema}.{self.events_table_name}"
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute("SELECT to_regclass(%s) AS found", (qualified,))
            row = cursor.fetchone()
        if row is None or row["found"] is None:
            raise EventStoreNotPrepared(
                f"事件表 {qualified} 不存在：GANXIN_APPEND_ONLY=1 时应用不建事件表，请先用数据库所有者运行 "
                f"`ganxin db init` / events table {qualified} is missing: run `ganxin db init` first"
            )
