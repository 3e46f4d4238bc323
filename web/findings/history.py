"""A finding's page: its history of events (with what each amendment replaced) and the amend form's values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from application.cases import HistoryEntry
from application.findings import Finding

EVENT_LABELS = {
    "Recorded": "记录认定",
    "Amended": "修改认定",
    "MarkedTypical": "列为典型案例",
    "UnmarkedTypical": "取消典型案例",
    "Withdrawn": "撤销认定",
}
NOTE_LABELS = {"Amended": "修改理由", "MarkedTypical": "说明", "UnmarkedTypical": "取消理由", "Withdrawn": "撤销理由"}
Labels = dict[str, tuple[str, bool]]


@dataclass(frozen=True)
class Change:
    """One part an amendment changed: what it said before and after."""

    part: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryRow:
    """One event of the finding as its page lists it."""

    version: int
    label: str
    at: datetime
    by: str
    note_label: str = ""
    note: str = ""
    changes: list[Change] = field(default_factory=list)


def citations_text(citations: list[dict]) -> str:
    """Cited cases as a line of text: "20260408-3F2A1B（第3、4条记录）；…"."""
    parts = []
    for c in citations:
        versions = "、".join(str(v) for v in c.get("versions", []))
        parts.append(f"{c['case_no']}（第{versions}条记录）" if versions else c["case_no"])
    return "；".join(parts)


def _name(labels: Labels, key: str) -> str:
    label, retired = labels.get(key, (key, False))
    return f"{label}（已停用）" if retired else label


def _parts(state: dict[str, Any], labels: Labels) -> dict[str, str]:
    """The amendable parts of a finding's state, as people read them."""
    return {
        "标题": state["title"],
        "认定事实": state["description"],
        "领域": _name(labels, state["field"]),
        "问题表现": "、".join(_name(labels, b) for b in state["behaviours"]),
        "引用的问题": citations_text(state["citations"]),
    }


def _changes(replaced: dict[str, Any], entry: HistoryEntry, labels: Labels) -> list[Change]:
    before, after = _parts(replaced, labels), _parts(entry.fields, labels)
    return [Change(part, before[part], after[part]) for part in before if before[part] != after[part]]


def history_rows(history: list[HistoryEntry], finding: Finding, labels: Labels) -> list[HistoryRow]:
    """Every event, oldest first; each amendment with the parts it changed (the aggregate keeps what it replaced)."""
    replaced = iter(finding.amendments)
    rows = []
    for entry in history:
        changes = _changes(next(replaced), entry, labels) if entry.type == "Amended" else []
        note = entry.fields.get("reason") or entry.fields.get("note") or ""
        rows.append(
            HistoryRow(
                entry.version,
                EVENT_LABELS.get(entry.type, entry.type),
                entry.at,
                entry.actor.get("name", ""),
                NOTE_LABELS.get(entry.type, ""),
                note,
                changes,
            )
        )
    return rows


def amend_values(finding: Finding) -> dict[str, Any]:
    """The amend form pre-filled with the finding as it stands (the reason left for the inspector)."""
    lines = [f"{c['case_no']} {','.join(str(v) for v in c['versions'])}".strip() for c in finding.citations]
    return {
        "cases": "\n".join(lines),
        "field": finding.field,
        "behaviours": list(finding.behaviours),
        "title": finding.title,
        "description": finding.description,
        "reason": "",
    }


def choices(items: list[Any], kind: str, chosen: list[str]) -> list[tuple[str, str]]:
    """Active items of a kind, plus any retired one the finding still carries (so that it shows, marked)."""
    return [
        (m.key, f"{m.label}（已停用）" if m.retired else m.label)
        for m in items
        if m.kind == kind and (not m.retired or m.key in chosen)
    ]
