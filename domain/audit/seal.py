"""Seals over the event log: sealed leaves, signed checkpoints, and how a log diverges from its seal.

Pure: the same comparison serves the database check (`ganxin audit verify`) and the offline bundle
check (`ganxin audit verify-bundle`).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from domain.audit.merkle import event_leaf_hash

CHECKPOINT_FORMAT = "ganxin-checkpoint-v1"

# Kinds of divergence, with the Chinese word the reports use.
EDITED, DELETED, INSERTED, REORDERED, TRUNCATED = "edited", "deleted", "inserted", "reordered", "truncated"
VERSION_GAP = "version_gap"
KIND_LABELS = {
    EDITED: "事件被修改 (edited)",
    DELETED: "事件被删除 (deleted)",
    INSERTED: "插入了伪造事件 (inserted/forged)",
    REORDERED: "事件顺序被调换 (reordered/swapped)",
    TRUNCATED: "日志尾部被截断 (truncated tail)",
    VERSION_GAP: "同一对象的版本号不连续 (version not contiguous)",
}


class VersionKeyed:
    """An event, or the leaf that sealed one, known by its aggregate version."""

    originator_id: str
    originator_version: int

    @property
    def key(self) -> tuple[str, int]:
        """Which aggregate version this is."""
        return (self.originator_id, self.originator_version)


@dataclass(frozen=True)
class LoggedEvent(VersionKeyed):
    """Where an event stands in the log and what it is: its notification, aggregate version and topic."""

    notification_id: int
    originator_id: str
    originator_version: int
    topic: str


@dataclass(frozen=True)
class StoredEvent(LoggedEvent):
    """One event as the store holds it, in notification order."""

    state: bytes

    @cached_property
    def leaf_hash(self) -> bytes:
        """Its leaf hash (computed once)."""
        return event_leaf_hash(
            self.notification_id, self.originator_id, self.originator_version, self.topic, self.state
        )

    def state_b64(self) -> str:
        """The stored state bytes in base64, as bundles and proofs carry them."""
        return base64.b64encode(self.state).decode("ascii")


# Events whose stored state is credential material (Argon2id hashes, sealed TOTP secrets, token hashes):
# proofs and bundles prove where they are in the log but never carry their content.
WITHHELD_TOPIC_PREFIXES = ("ganxin:Account.",)
WITHHELD_REASON = (
    "账号事件含凭据（密码哈希、动态验证码密钥、令牌哈希），内容不随证明或证据包提供 (account event: content withheld)"
)


def withholds_state(topic: str) -> bool:
    """Whether an event of this topic travels without its content."""
    return topic.startswith(WITHHELD_TOPIC_PREFIXES)


@dataclass(frozen=True)
class WithheldEvent(LoggedEvent):
    """An event whose content is withheld: only its place, names and the leaf hash it was sealed under."""

    leaf_hash: bytes


@dataclass(frozen=True)
class SealedLeaf(VersionKeyed):
    """One leaf of the sealed tree: what event it stood for and its hash."""

    position: int
    notification_id: int
    originator_id: str
    originator_version: int
    topic: str
    leaf_hash: bytes

    @classmethod
    def of(cls, position: int, event: StoredEvent) -> SealedLeaf:
        """The leaf sealing an event at a position."""
        return cls(
            position, event.notification_id, event.originator_id, event.originator_version, event.topic, event.leaf_hash
        )


@dataclass(frozen=True)
class Checkpoint:
    """A signed statement: the first tree_size events of the log have this root."""

    tree_size: int
    last_notification_id: int
    root: bytes
    sealed_at: str  # ISO 8601, UTC
    key_id: str
    signature: bytes = b""

    def signed_bytes(self) -> bytes:
        """Exactly what the signature covers."""
        return "\n".join(
            (
                CHECKPOINT_FORMAT,
                str(self.tree_size),
                str(self.last_notification_id),
                self.root.hex(),
                self.sealed_at,
                self.key_id,
            )
        ).encode("utf-8")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (hashes and signature in hex)."""
        return {
            "format": CHECKPOINT_FORMAT,
            "tree_size": self.tree_size,
            "last_notification_id": self.last_notification_id,
            "root": self.root.hex(),
            "sealed_at": self.sealed_at,
            "key_id": self.key_id,
            "signature": self.signature.hex(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Checkpoint:
        """Back from as_dict; ValueError if a field is missing or malformed."""
        try:
            return cls(
                int(data["tree_size"]),
                int(data["last_notification_id"]),
                bytes.fromhex(data["root"]),
                str(data["sealed_at"]),
                str(data["key_id"]),
                bytes.fromhex(data["signature"]),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"检查点格式错误 (malformed checkpoint): {error}") from None


@dataclass(frozen=True)
class Divergence:
    """The first place where the log differs from what was sealed."""

    kind: str
    position: int
    notification_id: int | None
    originator_id: str | None
    originator_version: int | None
    topic: str | None
    detail: str = ""

    def describe(self) -> str:
        """One Chinese line naming the event and the kind of change."""
        label = KIND_LABELS.get(self.kind, self.kind)
        return (
            f"{label}：位置 {self.position}，通知编号 {self.notification_id}，对象 {self.originator_id}，"
            f"版本 {self.originator_version}，类型 {self.topic}" + (f"；{self.detail}" if self.detail else "")
        )


def _named(kind: str, position: int, thing: StoredEvent | WithheldEvent | SealedLeaf, detail: str = "") -> Divergence:
    return Divergence(
        kind, position, thing.notification_id, thing.originator_id, thing.originator_version, thing.topic, detail
    )


def first_divergence(
    sealed: Sequence[SealedLeaf], events: Sequence[StoredEvent | WithheldEvent], first_position: int = 0
) -> Divergence | None:
    """Compare events (from first_position on) with the leaves sealed for the same positions.

    Events beyond the sealed leaves are not compared (they are not yet sealed).
    """
    for offset, leaf in enumerate(sealed):
        position = first_position + offset
        if offset >= len(events):
            return _named(TRUNCATED, position, leaf, f"封存过 {len(sealed)} 个事件，现存仅 {len(events)} 个")
        event = events[offset]
        if event.leaf_hash != leaf.leaf_hash:
            return _classify(sealed, events, offset, first_position)
    return None


def _classify(
    sealed: Sequence[SealedLeaf], events: Sequence[StoredEvent | WithheldEvent], offset: int, first_position: int
) -> Divergence:
    """Name the kind of the first mismatch, by which aggregate versions are where."""
    event, leaf, position = events[offset], sealed[offset], first_position + offset
    if event.key == leaf.key:
        changed = "通知编号" if event.notification_id != leaf.notification_id else "内容"
        return _named(EDITED, position, event, f"{changed}与封存时不同")
    sealed_keys = {s.key: s.position for s in sealed[offset:]}
    event_keys = {e.key for e in events[offset:]}
    if event.key not in sealed_keys:
        return _named(INSERTED, position, event, "封存时此处没有该事件")
    if leaf.key not in event_keys:
        return _named(DELETED, position, leaf, "封存过的事件已不在日志中")
    return _named(REORDERED, position, event, f"封存时它在位置 {sealed_keys[event.key]}")


def version_gap(
    events: Iterable[StoredEvent | WithheldEvent], first_position: int = 0, whole_log: bool = True
) -> Divergence | None:
    """The first event whose version is not its aggregate's previous version plus one.

    Over the whole log every aggregate starts at version 1; over a slice (a bundle) an aggregate's
    first event there may carry any version.
    """
    seen: dict[str, int] = {}
    for offset, event in enumerate(events):
        previous = seen.get(event.originator_id)
        expected = (0 if whole_log else event.originator_version - 1) + 1 if previous is None else previous + 1
        if event.originator_version != expected:
            return _named(VERSION_GAP, first_position + offset, event, f"应为版本 {expected}")
        seen[event.originator_id] = event.originator_version
    return None
