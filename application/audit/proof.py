"""Inclusion proofs: one event, its audit path and the signed checkpoint it leads to."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from application.audit.ports import AuditError, EventLog, SealStore, SignatureChecker
from application.shared.access import Permission, Principal, require
from application.shared.store import Store
from domain.audit import WITHHELD_REASON, Checkpoint, StoredEvent, inclusion_path, verify_inclusion, withholds_state

PROOF_FORMAT = "ganxin-inclusion-proof-v1"


class NotSealed(AuditError):
    """The event is unknown, or not yet covered by a signed checkpoint."""

    code = "not_sealed"
    status = 404


def make_proof(log: EventLog, store: SealStore, notification_id: int) -> dict[str, Any]:
    """A JSON-ready proof that the event is in the latest signed checkpoint."""
    leaf = store.leaf_for_notification(notification_id)
    if leaf is None:
        raise NotSealed(f"通知编号 {notification_id} 尚未封存或不存在 (not sealed or unknown)", "notification_id")
    checkpoints = store.checkpoints()
    if not checkpoints or checkpoints[-1].tree_size <= leaf.position:
        raise NotSealed(
            f"通知编号 {notification_id} 尚未被签名检查点覆盖 (not yet in a signed checkpoint)", "notification_id"
        )
    checkpoint = checkpoints[-1]
    found = log.select_notifications(start=notification_id, stop=notification_id, limit=1)
    if not found:
        raise NotSealed(f"事件库中找不到通知编号 {notification_id} (event missing from the store)", "notification_id")
    n = found[0]
    event = StoredEvent(n.id, str(n.originator_id), n.originator_version, n.topic, bytes(n.state))
    hashes = [stored.leaf_hash for stored in store.leaves(0, checkpoint.tree_size)]
    return {
        "format": PROOF_FORMAT,
        "event": {
            "position": leaf.position,
            "notification_id": event.notification_id,
            "originator_id": event.originator_id,
            "originator_version": event.originator_version,
            "topic": event.topic,
            **_content(event),
        },
        "leaf_hash": event.leaf_hash.hex(),
        "tree_size": checkpoint.tree_size,
        "audit_path": [h.hex() for h in inclusion_path(hashes, leaf.position, checkpoint.tree_size)],
        "checkpoint": checkpoint.as_dict(),
    }


def _content(event: StoredEvent) -> dict[str, Any]:
    """The stored state in base64, or none and why (an account event carries credentials)."""
    if withholds_state(event.topic):
        return {"state": None, "state_withheld": WITHHELD_REASON}
    return {"state": event.state_b64()}


@dataclass(frozen=True)
class EventProofs:
    """Proofs given to a person: an event's stored state travels with it (never an account's), so inspectors only."""

    store: Store
    seals: SealStore
    raw_log: EventLog

    def prove_event(self, principal: Principal, notification_id: int) -> dict[str, Any]:
        """The inclusion proof of one event; giving it is recorded like any other read of a history."""
        require(principal, Permission.PROVE_EVENTS)
        proof = make_proof(self.raw_log, self.seals, notification_id)
        self.store.record_sensitive_read(principal, "event_proof", str(notification_id))
        return proof


def check_proof(proof: dict[str, Any], checker: SignatureChecker) -> tuple[bool, str]:
    """Whether the proof holds, with a Chinese sentence saying why or why not."""
    try:
        data = proof["event"]
        withheld = data["state"] is None
        event = StoredEvent(
            int(data["notification_id"]),
            str(data["originator_id"]),
            int(data["originator_version"]),
            str(data["topic"]),
            b"" if withheld else base64.b64decode(data["state"], validate=True),
        )
        position = int(data["position"])
        checkpoint = Checkpoint.from_dict(proof["checkpoint"])
        path = [bytes.fromhex(h) for h in proof["audit_path"]]
        claimed_leaf = bytes.fromhex(proof["leaf_hash"])
    except (KeyError, TypeError, ValueError, binascii.Error) as error:
        return False, f"证明格式错误 (malformed proof): {error}"
    if not checker.verify(checkpoint):
        return False, f"检查点（树大小 {checkpoint.tree_size}）签名无效 (bad signature)"
    if not withheld and event.leaf_hash != claimed_leaf:
        return False, "事件内容与证明中的叶哈希不符 (event does not hash to the leaf)"
    if not verify_inclusion(claimed_leaf, position, checkpoint.tree_size, path, checkpoint.root):
        return False, f"审计路径不能从位置 {position} 推出签名的根 (audit path does not reach the signed root)"
    if withheld:
        return True, (
            f"证明有效（内容已隐去）：叶哈希 {claimed_leaf.hex()[:16]}… 位于树大小 {checkpoint.tree_size} 的"
            f"签名检查点中，位置 {position}；该事件（{event.topic}）的内容未随证明提供，"
            "证明中的对象、版本和类型"
            "无法据此核对，持有原始事件者可重算叶哈希比对 (proof holds; content withheld)"
        )
    return True, (
        f"证明有效：通知编号 {event.notification_id}（对象 {event.originator_id} 版本 "
        f"{event.originator_version}，{event.topic}）位于树大小 {checkpoint.tree_size} 的签名检查点中，"
        f"位置 {position} (proof holds)"
    )
