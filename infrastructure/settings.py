"""Configuration from the environment: which database, and how to reach it."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

DEFAULT_SQLITE_URL = "sqlite:///./var/ganxin.db"


@dataclass(frozen=True)
class Settings:
    """Everything Ganxin reads from its environment."""

    database_url: str = DEFAULT_SQLITE_URL
    pool_size: int = 5
    max_overflow: int = 10
    secret_key: str = ""
    https: bool = False
    host: str = "127.0.0.1"
    port: int = 8000
    escalate_after_working_days: int = 5
    remind_before_working_days: tuple[int, ...] = (1,)
    tick_seconds: float = 300.0
    trusted_proxy: str = ""
    append_only: bool = False  # the events table was made by `ganxin db init`: never create it
    # Without GANXIN_SECRET_KEY, may TOTP secrets be stored unsealed? Every command reads from_environ, which
    # says no (enrolment is then refused); only `ganxin demo` says yes. Settings built in code (tests,
    # benchmarks) keep the old leniency unless they ask otherwise.
    plain_totp_secrets: bool = True
    connect_timeout: float = 3.0  # seconds to reach the database (or get a pooled connection) before 503
    statement_timeout: float = 10.0  # seconds one SQL statement may run (PostgreSQL)
    health_min_free_mb: float = 64.0  # SQLite: /healthz answers 503 below this much free disk space
    health_max_lag_seconds: float = 60.0  # /healthz answers 503 when the read models are this far behind

    @classmethod
    def from_environ(cls, environ: dict[str, str] | None = None) -> Settings:
        """Read GANXIN_* variables (see README, Configuration)."""
        env = os.environ if environ is None else environ
        return cls(
            database_url=env.get("GANXIN_DATABASE_URL", DEFAULT_SQLITE_URL),
            pool_size=int(env.get("GANXIN_DB_POOL_SIZE", "5")),
            max_overflow=int(env.get("GANXIN_DB_MAX_OVERFLOW", "10")),
            secret_key=env.get("GANXIN_SECRET_KEY", ""),
            https=env.get("GANXIN_HTTPS", "").lower() in ("1", "true", "yes"),
            host=env.get("GANXIN_HOST", "127.0.0.1"),
            port=int(env.get("GANXIN_PORT", "8000")),
            escalate_after_working_days=int(env.get("GANXIN_ESCALATE_AFTER_DAYS", "5")),
            remind_before_working_days=tuple(
                int(p) for p in env.get("GANXIN_REMIND_BEFORE_DAYS", "1").split(",") if p.strip()
            ),
            tick_seconds=float(env.get("GANXIN_TICK_SECONDS", "300")),
            trusted_proxy=env.get("GANXIN_TRUSTED_PROXY", ""),
            append_only=env.get("GANXIN_APPEND_ONLY", "").lower() in ("1", "true", "yes"),
            plain_totp_secrets=False,
            connect_timeout=float(env.get("GANXIN_DB_CONNECT_TIMEOUT", "3")),
            statement_timeout=float(env.get("GANXIN_DB_STATEMENT_TIMEOUT", "10")),
            health_min_free_mb=float(env.get("GANXIN_HEALTH_MIN_FREE_MB", "64")),
            health_max_lag_seconds=float(env.get("GANXIN_HEALTH_MAX_LAG_SECONDS", "60")),
        )

    @property
    def is_postgres(self) -> bool:
        """Whether the URL names PostgreSQL."""
        return self.database_url.startswith(("postgresql://", "postgres://"))

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite database file, or None on PostgreSQL."""
        return None if self.is_postgres else Path(self.database_url.removeprefix("sqlite:///"))

    def eventsourcing_env(self) -> dict[str, str]:
        """The eventsourcing library's environment for this database."""
        if self.is_postgres:
            return self._postgres_env()
        if not self.database_url.startswith("sqlite:///"):
            raise ValueError(f"GANXIN_DATABASE_URL must start with sqlite:/// or postgresql://: {self.database_url}")
        path = Path(self.database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return {
            "PERSISTENCE_MODULE": "infrastructure.storage.sqlite_wal:WalLimitedSQLiteFactory",
            "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": "30",
            "CREATE_TABLE": "yes",
        }

    def _postgres_env(self) -> dict[str, str]:
        url = urlparse(self.database_url)
        return {
            # The library's factory with a pool that fails fast and reconnects promptly (database_outage.py).
            "PERSISTENCE_MODULE": "infrastructure.storage.database_outage:FastFailPostgresFactory",
            "POSTGRES_CONNECT_TIMEOUT": str(max(1, math.ceil(self.connect_timeout))),
            "GANXIN_STATEMENT_TIMEOUT": str(self.statement_timeout),
            "POSTGRES_DBNAME": unquote(url.path.lstrip("/")),
            "POSTGRES_HOST": url.hostname or "127.0.0.1",
            "POSTGRES_PORT": str(url.port or 5432),
            "POSTGRES_USER": unquote(url.username or ""),
            "POSTGRES_PASSWORD": unquote(url.password or ""),
            "POSTGRES_POOL_SIZE": str(self.pool_size),
            "POSTGRES_MAX_OVERFLOW": str(self.max_overflow),
            "POSTGRES_CONN_MAX_AGE": "600",
            "POSTGRES_PRE_PING": "yes",
            "POSTGRES_LOCK_TIMEOUT": "5",
            "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": "10",
            # Measured here: the library's DB functions let a subscriber skip events under
            # concurrent writers, so they stay off whatever the surrounding environment says.
            "POSTGRES_ENABLE_DB_FUNCTIONS": "no",
            "CREATE_TABLE": "yes",
            **self._append_only_env(),
        }

    def _append_only_env(self) -> dict[str, str]:
        # The application role may not own the events table (`ganxin db init`), and the library's
        # CREATE INDEX IF NOT EXISTS needs ownership: this recorder only checks the table is there.
        if not self.append_only:
            return {}
        return {"APPLICATION_RECORDER_TOPIC": "infrastructure.storage.append_only_recorder:PreparedEventStoreRecorder"}
