"""Server-side login sessions in a SQL table beside the events."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from application.accounts import ChallengeRecord, SessionRecord
from infrastructure.projections.engine import Dialect, read_json, read_ts

_DDL = (
    """CREATE TABLE IF NOT EXISTS web_sessions (
        token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, display_name TEXT NOT NULL, role TEXT NOT NULL,
        unit TEXT, street TEXT, task_forces {json} NOT NULL, dispatch_all {bool} NOT NULL,
        created_at {ts} NOT NULL, last_seen_at {ts} NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS web_sessions_user ON web_sessions (user_id)",
)
CHALLENGE_KEEP = timedelta(hours=1)  # well past any challenge's life; older rows are litter


class SqlTable:
    """A small table of its own beside the events, written in short transactions."""

    DDL: tuple[str, ...] = ()

    def __init__(self, datastore: Any, dialect: Dialect) -> None:
        self.datastore = datastore
        self.dialect = dialect

    def create_table(self) -> None:
        """Create the table (and its indexes) if it is not there."""
        with self.datastore.transaction(commit=True) as cursor:
            for statement in self.DDL:
                cursor.execute(self.dialect.types(statement))

    def _run(self, statement: str, params: dict[str, Any], *, fetch: bool = False) -> list[Any]:
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(self.dialect.sql(statement), self.dialect.params(params))
            return list(cursor.fetchall()) if fetch else []


class SqlSessionStore(SqlTable):
    """SessionStore on SQLite or PostgreSQL."""

    DDL = _DDL

    def create(self, token_hash: str, record: SessionRecord) -> None:
        """Store a new session."""
        self._run(
            "INSERT INTO web_sessions (token_hash, user_id, display_name, role, unit, street, task_forces, "
            "dispatch_all, created_at, last_seen_at) VALUES (:token_hash, :user_id, :display_name, :role, :unit, "
            ":street, :task_forces, :dispatch_all, :created_at, :last_seen_at)",
            {
                "token_hash": token_hash,
                "user_id": record.user_id,
                "display_name": record.display_name,
                "role": record.role,
                "unit": record.unit,
                "street": record.street,
                "task_forces": list(record.task_forces),
                "dispatch_all": record.dispatch_all,
                "created_at": record.created_at,
                "last_seen_at": record.last_seen_at,
            },
        )

    def touch(self, token_hash: str, now: datetime, idle_since: datetime, born_after: datetime) -> SessionRecord | None:
        """Mark a live session seen and return it; an expired one is deleted and None returned."""
        rows = self._run(
            "UPDATE web_sessions SET last_seen_at = :now WHERE token_hash = :token_hash "
            "AND last_seen_at > :idle_since AND created_at > :born_after "
            "RETURNING user_id, display_name, role, unit, street, task_forces, dispatch_all, created_at, last_seen_at",
            {"now": now, "token_hash": token_hash, "idle_since": idle_since, "born_after": born_after},
            fetch=True,
        )
        if not rows:
            self.end(token_hash)
            return None
        row = rows[0]
        return SessionRecord(
            row["user_id"],
            row["display_name"],
            row["role"],
            row["unit"],
            read_ts(row["created_at"]),
            read_ts(row["last_seen_at"]),
            row["street"],
            tuple(read_json(row["task_forces"])),
            bool(row["dispatch_all"]),
        )

    def end(self, token_hash: str) -> None:
        """Delete one session."""
        self._run("DELETE FROM web_sessions WHERE token_hash = :token_hash", {"token_hash": token_hash})

    def end_all(self, user_id: str) -> None:
        """Delete every session of an account."""
        self._run("DELETE FROM web_sessions WHERE user_id = :user_id", {"user_id": user_id})


_CHALLENGE_DDL = (
    """CREATE TABLE IF NOT EXISTS login_challenges (
        token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, purpose TEXT NOT NULL, secret_sealed TEXT,
        created_at {ts} NOT NULL)""",
)


class SqlLoginChallenges(SqlTable):
    """LoginChallenges: half-finished logins (password right, one-time code owed), kept a few minutes."""

    DDL = _CHALLENGE_DDL

    def create(self, token_hash: str, record: ChallengeRecord) -> None:
        """Store a new challenge (and drop any that have run out)."""
        self._run(
            "DELETE FROM login_challenges WHERE created_at < :stale", {"stale": record.created_at - CHALLENGE_KEEP}
        )
        self._run(
            "INSERT INTO login_challenges (token_hash, username, purpose, secret_sealed, created_at) "
            "VALUES (:token_hash, :username, :purpose, :secret_sealed, :created_at)",
            {
                "token_hash": token_hash,
                "username": record.username,
                "purpose": record.purpose,
                "secret_sealed": record.secret_sealed,
                "created_at": record.created_at,
            },
        )

    def get(self, token_hash: str, born_after: datetime) -> ChallengeRecord | None:
        """The challenge if it is young enough; an expired one is deleted."""
        rows = self._run(
            "SELECT username, purpose, secret_sealed, created_at FROM login_challenges WHERE token_hash = :token_hash",
            {"token_hash": token_hash},
            fetch=True,
        )
        if not rows:
            return None
        row = rows[0]
        record = ChallengeRecord(row["username"], row["purpose"], row["secret_sealed"], read_ts(row["created_at"]))
        if record.created_at <= born_after:
            self.end(token_hash)
            return None
        return record

    def end(self, token_hash: str) -> None:
        """Remove one challenge."""
        self._run("DELETE FROM login_challenges WHERE token_hash = :token_hash", {"token_hash": token_hash})

    def end_all(self, user_id: str) -> None:
        """Remove every challenge of an account."""
        self._run("DELETE FROM login_challenges WHERE username = :user_id", {"user_id": user_id})
