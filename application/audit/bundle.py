"""Evidence bundles: a date range of sealed events with what is needed to check them offline."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from application.audit.ports import AuditError, EventLog, SealStore, all_events
from application.shared.clock import local_date
from domain.audit import WITHHELD_REASON, StoredEvent, range_proof, withholds_state

BUNDLE_FORMAT = "ganxin-audit-bundle-v1"


@dataclass
class Bundle:
    """What `ganxin audit export` writes: a manifest, one JSON object per event, every checkpoint."""

    manifest: dict[str, Any]
    events: list[dict[str, Any]]
    checkpoints: list[dict[str, Any]]


def event_timestamp(state: bytes) -> str | None:
    """The event's own time, read from its stored JSON state (None if it has none)."""
    try:
        stamp = json.loads(state).get("timestamp")
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None
    if isinstance(stamp, dict):
        stamp = stamp.get("_data_")
    return stamp if isinstance(stamp, str) else None


def _local_day(stamp: str | None) -> date | None:
    if stamp is None:
        return None
    try:
        return local_date(datetime.fromisoformat(stamp))
    except ValueError:
        return None


def build_bundle(log: EventLog, store: SealStore, first_day: date, last_day: date) -> Bundle:
    """The sealed events whose local date falls in [first_day, last_day], and the covering checkpoint."""
    if last_day < first_day:
        raise AuditError("结束日期早于开始日期 (--to is before --from)", "to")
    checkpoints = store.checkpoints()
    if not checkpoints:
        raise AuditError("尚无签名检查点，请先运行 ganxin audit seal (nothing sealed yet)")
    covering = checkpoints[-1]
    events = all_events(log)[: covering.tree_size]
    stamps = [event_timestamp(event.state) for event in events]
    chosen = [i for i, stamp in enumerate(stamps) if (day := _local_day(stamp)) and first_day <= day <= last_day]
    if not chosen:
        raise AuditError("该时间段内没有已封存的事件 (no sealed event in that period)", "from")
    first, end = chosen[0], chosen[-1] + 1
    leaves = store.leaves(0, covering.tree_size)
    hashes = [leaf.leaf_hash for leaf in leaves]
    manifest = {
        "format": BUNDLE_FORMAT,
        "from": first_day.isoformat(),
        "to": last_day.isoformat(),
        "first_position": first,
        "end_position": end,
        "checkpoint": covering.as_dict(),
        "range_proof": [h.hex() for h in range_proof(hashes, first, end, covering.tree_size)],
        "sealed": [
            [
                leaf.position,
                leaf.notification_id,
                leaf.originator_id,
                leaf.originator_version,
                leaf.topic,
                leaf.leaf_hash.hex(),
            ]
            for leaf in leaves[first:end]
        ],
    }
    lines = [
        _event_line(first + i, event, stamps[first + i], hashes[first + i]) for i, event in enumerate(events[first:end])
    ]
    return Bundle(manifest, lines, [c.as_dict() for c in checkpoints])


def _event_line(position: int, event: StoredEvent, stamp: str | None, recorded: bytes) -> dict[str, Any]:
    # An account event's state is credential material: the line keeps its place and leaf hash only.
    content = (
        {"state": None, "state_withheld": WITHHELD_REASON}
        if withholds_state(event.topic)
        else {"state": event.state_b64()}
    )
    return {
        "position": position,
        "notification_id": event.notification_id,
        "originator_id": event.originator_id,
        "originator_version": event.originator_version,
        "topic": event.topic,
        **content,
        "timestamp": stamp,
        "leaf_hash": recorded.hex(),
    }
