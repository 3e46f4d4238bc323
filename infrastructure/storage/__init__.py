"""The event store's database: append-only tables, the schema lock, SQLite's WAL, outages and health."""

from .append_only import SQLITE_WARNING, AppendOnlySetupError, AppRole, prepare_append_only, warn_if_rewritable
from .database_outage import DatabaseUnavailable, is_outage
from .health import HealthProbe
from .raw_events import RawEventLog
from .schema_lock import schema_creation_lock
from .seal_store import SqlSealStore, create_audit_tables
from .sqlite_wal import keep_wal_small

__all__ = [
    "SQLITE_WARNING",
    "AppRole",
    "AppendOnlySetupError",
    "DatabaseUnavailable",
    "HealthProbe",
    "RawEventLog",
    "SqlSealStore",
    "create_audit_tables",
    "is_outage",
    "keep_wal_small",
    "prepare_append_only",
    "schema_creation_lock",
    "warn_if_rewritable",
]
