"""The offline check of an evidence bundle: signatures, the sealed list against the signed root, every line."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from application.audit.bundle import event_timestamp
from application.audit.ports import SignatureChecker
from domain.audit import (
    EDITED,
    INSERTED,
    Checkpoint,
    Divergence,
    ProofError,
    SealedLeaf,
    StoredEvent,
    WithheldEvent,
    first_divergence,
    root_from_range,
    version_gap,
)

LineEvent = StoredEvent | WithheldEvent


@dataclass(frozen=True)
class _LineFields:
    """What a line says besides the event itself; checked against the event and the sealed list."""

    leaf_hash: bytes
    position: int
    timestamp: str | None


@dataclass
class BundleReport:
    """What the offline check found."""

    events: int = 0
    first_position: int = 0
    tree_size: int = 0
    problems: list[str] = field(default_factory=list)
    divergence: Divergence | None = None

    @property
    def ok(self) -> bool:
        """Whether the bundle is intact."""
        return not self.problems and self.divergence is None


def verify_bundle(
    manifest: dict[str, Any], event_lines: list[str], checkpoints: list[dict[str, Any]], checker: SignatureChecker
) -> BundleReport:
    """Check signatures, the sealed list against the signed root, and every event line against it."""
    report = BundleReport()
    try:
        covering = Checkpoint.from_dict(manifest["checkpoint"])
        first, end = int(manifest["first_position"]), int(manifest["end_position"])
        sealed = [
            SealedLeaf(int(p), int(n), str(o), int(v), str(t), bytes.fromhex(h))
            for p, n, o, v, t, h in manifest["sealed"]
        ]
        proof = [bytes.fromhex(h) for h in manifest["range_proof"]]
    except (KeyError, TypeError, ValueError) as error:
        report.problems.append(f"清单 manifest.json 格式错误 (malformed manifest): {error}")
        return report
    report.first_position, report.tree_size = first, covering.tree_size
    _check_signatures(covering, checkpoints, checker, report)
    if not report.problems:
        _check_sealed_list(sealed, first, end, covering, proof, report)
    if report.problems:
        return report
    events = _parse_lines(event_lines, report)
    if events is None:
        return report
    report.events = len(events)
    report.divergence = (
        first_divergence(sealed, [e for e, _ in events], first)
        or _extra_or_relabelled(sealed, events, first)
        or version_gap([e for e, _ in events], first, whole_log=False)
    )
    return report


def _check_signatures(
    covering: Checkpoint, checkpoints: list[dict[str, Any]], checker: SignatureChecker, report: BundleReport
) -> None:
    if not checker.verify(covering):
        report.problems.append(f"覆盖本包的检查点（树大小 {covering.tree_size}）签名无效，拒绝 (bad signature)")
    for raw in checkpoints:
        try:
            checkpoint = Checkpoint.from_dict(raw)
        except ValueError as error:
            report.problems.append(str(error))
            continue
        if not checker.verify(checkpoint):
            report.problems.append(f"树大小 {checkpoint.tree_size} 的检查点签名无效，拒绝 (bad signature)")


def _check_sealed_list(
    sealed: list[SealedLeaf], first: int, end: int, covering: Checkpoint, proof: list[bytes], report: BundleReport
) -> None:
    positions = [leaf.position for leaf in sealed]
    if positions != list(range(first, end)):
        report.problems.append(f"清单中的封存列表应为位置 {first} 至 {end - 1} (sealed list is not contiguous)")
        return
    try:
        root = root_from_range([leaf.leaf_hash for leaf in sealed], first, covering.tree_size, proof)
    except ProofError as error:
        report.problems.append(f"区间证明不合规 (ill-formed range proof): {error}")
        return
    if root != covering.root:
        report.problems.append("清单中的封存列表与签名检查点的根不符 (sealed list does not reproduce the signed root)")


def _parse_lines(lines: list[str], report: BundleReport) -> list[tuple[LineEvent, _LineFields]] | None:
    events: list[tuple[LineEvent, _LineFields]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            fields = _LineFields(bytes.fromhex(data["leaf_hash"]), int(data["position"]), data.get("timestamp"))
            events.append((_line_event(data, fields), fields))
        except (ValueError, KeyError, TypeError, binascii.Error) as error:
            report.problems.append(f"events.jsonl 第 {number} 行无法读取 (unreadable line): {error}")
            return None
    return events


def _line_event(data: dict[str, Any], fields: _LineFields) -> LineEvent:
    """The event a line holds; a withheld one (no state) stands for the leaf hash the line names."""
    names = (
        int(data["notification_id"]),
        str(data["originator_id"]),
        int(data["originator_version"]),
        str(data["topic"]),
    )
    if data["state"] is None:
        return WithheldEvent(*names, fields.leaf_hash)
    return StoredEvent(*names, base64.b64decode(data["state"], validate=True))


def _extra_or_relabelled(
    sealed: list[SealedLeaf], events: list[tuple[LineEvent, _LineFields]], first: int
) -> Divergence | None:
    """Lines beyond the sealed range, or a line's other fields (leaf hash, position, time) changed."""
    if len(events) > len(sealed):
        extra, _ = events[len(sealed)]
        return Divergence(
            INSERTED,
            first + len(sealed),
            extra.notification_id,
            extra.originator_id,
            extra.originator_version,
            extra.topic,
            "封存范围之外多出的事件",
        )
    for offset, (event, fields) in enumerate(events):
        problem = (
            "记录的叶哈希被改"
            if fields.leaf_hash != sealed[offset].leaf_hash
            else "位置字段被改"
            if fields.position != first + offset
            else "时间字段与存储内容不符"
            if isinstance(event, StoredEvent) and fields.timestamp != event_timestamp(event.state)
            else ""
        )
        if problem:
            return Divergence(
                EDITED,
                first + offset,
                event.notification_id,
                event.originator_id,
                event.originator_version,
                event.topic,
                problem,
            )
    return None
