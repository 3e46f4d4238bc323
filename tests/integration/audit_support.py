"""Tampering with the event store as its owner would: straight SQL on the library's events table."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg

from infrastructure.settings import Settings
from web.cli.main import main


class Owner:
    """A raw connection to the events table (`stored_events` with rowid on SQLite, `ganxin_events` on PostgreSQL)."""

    def __init__(self, database_url: str) -> None:
        self.postgres = Settings(database_url=database_url).is_postgres
        if self.postgres:
            self.connection: Any = psycopg.connect(database_url, autocommit=True)
            self.table, self.id_column, self.mark = "ganxin_events", "notification_id", "%s"
        else:
            self.connection = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
            self.table, self.id_column, self.mark = "stored_events", "rowid", "?"

    def run(self, statement: str, *params: Any) -> list[tuple]:
        """Run one statement ({t} is the table, {id} the id column, ? a parameter)."""
        sql = statement.format(t=self.table, id=self.id_column).replace("?", self.mark)
        cursor = self.connection.execute(sql, params)
        return list(cursor.fetchall()) if cursor.description else []

    def rows(self) -> list[tuple]:
        """(id, originator_id, version, topic, state) of every event, in order."""
        rows = self.run("SELECT {id}, originator_id, originator_version, topic, state FROM {t} ORDER BY {id}")
        # SQLite keeps ids as 32 hex digits; the application (and the seal) name them in the usual form.
        return [(row[0], str(uuid.UUID(str(row[1]))), *row[2:]) for row in rows]

    def edit_state_byte(self, notification_id: int) -> None:
        """Change one byte of an event's stored state."""
        state = bytes(self.run("SELECT state FROM {t} WHERE {id} = ?", notification_id)[0][0])
        changed = state[:-1] + bytes([state[-1] ^ 0x01])
        self.run("UPDATE {t} SET state = ? WHERE {id} = ?", changed, notification_id)

    def delete(self, notification_id: int) -> None:
        """Remove one event."""
        self.run("DELETE FROM {t} WHERE {id} = ?", notification_id)

    def insert_forged_after(self, notification_id: int) -> str:
        """Make room after an event by renumbering the rest, and slip a forged event in; its originator id."""
        self.run("UPDATE {t} SET {id} = -{id} WHERE {id} > ?", notification_id)
        self.run("UPDATE {t} SET {id} = 1 - {id} WHERE {id} < 0")
        _, _, _, topic, state = self.run(
            "SELECT {id}, originator_id, originator_version, topic, state FROM {t} WHERE {id} = ?", notification_id
        )[0]
        forged = uuid.uuid4()
        self.run(
            "INSERT INTO {t} (originator_id, originator_version, topic, state, {id}) VALUES (?, 1, ?, ?, ?)",
            forged if self.postgres else forged.hex,
            topic,
            bytes(state),
            notification_id + 1,
        )
        return str(forged)

    def swap(self, first: int, second: int) -> None:
        """Exchange two events' places in the log."""
        self.run("UPDATE {t} SET {id} = -1 WHERE {id} = ?", first)
        self.run("UPDATE {t} SET {id} = ? WHERE {id} = ?", first, second)
        self.run("UPDATE {t} SET {id} = ? WHERE {id} = -1", second)

    def drop_tail(self, count: int) -> int:
        """Delete the last count events; the id of the first one dropped."""
        first = self.rows()[-count][0]
        self.run("DELETE FROM {t} WHERE {id} >= ?", first)
        return first

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()


@contextmanager
def owner_of(database_url: str) -> Iterator[Owner]:
    """An Owner connection, closed afterwards."""
    owner = Owner(database_url)
    try:
        yield owner
    finally:
        owner.close()


def seal_env(monkeypatch: Any, tmp_path: Any, every: int = 10) -> dict[str, Any]:
    """A sealing key and drop directory under tmp_path, in the environment the commands read."""
    from web.cli.main import main  # noqa: PLC0415

    key = tmp_path / "seal.key"
    assert main(["audit", "keygen", "--out", str(key)]) == 0
    drop = tmp_path / "drop"
    for name in ("GANXIN_SEAL_PUBLIC_KEY_FILE", "GANXIN_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GANXIN_SEAL_KEY_FILE", str(key))
    monkeypatch.setenv("GANXIN_SEAL_DROP_DIR", str(drop))
    monkeypatch.setenv("GANXIN_SEAL_EVERY_EVENTS", str(every))
    return {"key": key, "public": tmp_path / "seal.key.pub", "drop": drop}


def seal_and_export_may(database_url: str, out: Path) -> None:
    """`ganxin audit seal`, then `audit export` of May 2026 into `out`: both succeed."""
    assert main(["audit", "seal", "--database-url", database_url]) == 0
    may = ["--from", "2026-05-01", "--to", "2026-05-31"]
    assert main(["audit", "export", "--database-url", database_url, *may, str(out)]) == 0
