"""The append-only seal tables `audit_leaves` and `audit_checkpoints`, on SQLite and PostgreSQL.

They are not read models: a read-model rebuild never drops them, and on PostgreSQL `ganxin db init`
grants the application role only SELECT and INSERT on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.audit import Checkpoint, SealedLeaf
from infrastructure.projections.engine import Dialect, SqlReads

AUDIT_TABLES = ("audit_leaves", "audit_checkpoints")
AUDIT_DDL = (
    """CREATE TABLE IF NOT EXISTS audit_leaves (
        position BIGINT PRIMARY KEY, notification_id BIGINT NOT NULL UNIQUE, originator_id TEXT NOT NULL,
        originator_version BIGINT NOT NULL, topic TEXT NOT NULL, leaf_hash TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS audit_checkpoints (
        tree_size BIGINT PRIMARY KEY, last_notification_id BIGINT NOT NULL, root TEXT NOT NULL,
        sealed_at TEXT NOT NULL, key_id TEXT NOT NULL, signature TEXT NOT NULL)""",
)
_LEAF_COLUMNS = "position, notification_id, originator_id, originator_version, topic, leaf_hash"
_CHECKPOINT_COLUMNS = "tree_size, last_notification_id, root, sealed_at, key_id, signature"


def _exists(cursor: Any, dialect: Dialect, table: str) -> bool:
    if dialect.is_postgres:
        cursor.execute("SELECT to_regclass(%(t)s) AS found", {"t": table})
    else:
        cursor.execute("SELECT name AS found FROM sqlite_master WHERE type = 'table' AND name = :t", {"t": table})
    row = cursor.fetchone()
    return row is not None and row["found"] is not None


def create_audit_tables(datastore: Any, dialect: Dialect) -> None:
    """Create the seal tables if absent (checked first: the application role may not CREATE)."""
    with datastore.transaction(commit=True) as cursor:
        if all(_exists(cursor, dialect, table) for table in AUDIT_TABLES):
            return
        for statement in AUDIT_DDL:
            cursor.execute(statement)


def _leaf(row: Any) -> SealedLeaf:
    return SealedLeaf(
        int(row["position"]),
        int(row["notification_id"]),
        row["originator_id"],
        int(row["originator_version"]),
        row["topic"],
        bytes.fromhex(row["leaf_hash"]),
    )


def _checkpoint(row: Any) -> Checkpoint:
    return Checkpoint(
        int(row["tree_size"]),
        int(row["last_notification_id"]),
        bytes.fromhex(row["root"]),
        row["sealed_at"],
        row["key_id"],
        bytes.fromhex(row["signature"]),
    )


class SqlSealStore(SqlReads):
    """SealStore over the two tables (read with SqlReads' query runner)."""

    def sealed_count(self) -> int:
        """How many leaves are stored."""
        return int(self._rows("SELECT COUNT(*) AS n FROM audit_leaves")[0]["n"])

    def leaves(self, first: int = 0, end: int | None = None) -> list[SealedLeaf]:
        """Stored leaves with first ≤ position < end, in order."""
        statement = f"SELECT {_LEAF_COLUMNS} FROM audit_leaves WHERE position >= :first"
        params: dict[str, Any] = {"first": first}
        if end is not None:
            statement += " AND position < :end"
            params["end"] = end
        return [_leaf(row) for row in self._rows(statement + " ORDER BY position", params)]

    def leaf_for_notification(self, notification_id: int) -> SealedLeaf | None:
        """The leaf that sealed a notification."""
        rows = self._rows(
            f"SELECT {_LEAF_COLUMNS} FROM audit_leaves WHERE notification_id = :n", {"n": notification_id}
        )
        return _leaf(rows[0]) if rows else None

    def checkpoints(self) -> list[Checkpoint]:
        """Every checkpoint, smallest tree first."""
        return [
            _checkpoint(row)
            for row in self._rows(f"SELECT {_CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY tree_size")
        ]

    def append(self, leaves: Sequence[SealedLeaf], checkpoint: Checkpoint | None) -> None:
        """New leaves and their checkpoint, all or nothing (a second sealer hits the primary key)."""
        with self.datastore.transaction(commit=True) as cursor:
            if leaves:
                cursor.executemany(
                    self.dialect.sql(
                        f"INSERT INTO audit_leaves ({_LEAF_COLUMNS}) VALUES "
                        "(:position, :notification_id, :originator_id, :originator_version, :topic, :leaf_hash)"
                    ),
                    [
                        {
                            "position": leaf.position,
                            "notification_id": leaf.notification_id,
                            "originator_id": leaf.originator_id,
                            "originator_version": leaf.originator_version,
                            "topic": leaf.topic,
                            "leaf_hash": leaf.leaf_hash.hex(),
                        }
                        for leaf in leaves
                    ],
                )
            if checkpoint is not None:
                cursor.execute(
                    self.dialect.sql(
                        f"INSERT INTO audit_checkpoints ({_CHECKPOINT_COLUMNS}) VALUES "
                        "(:tree_size, :last_notification_id, :root, :sealed_at, :key_id, :signature)"
                    ),
                    {
                        "tree_size": checkpoint.tree_size,
                        "last_notification_id": checkpoint.last_notification_id,
                        "root": checkpoint.root.hex(),
                        "sealed_at": checkpoint.sealed_at,
                        "key_id": checkpoint.key_id,
                        "signature": checkpoint.signature.hex(),
                    },
                )
