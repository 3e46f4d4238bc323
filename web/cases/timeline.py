"""A case's history as people read it: who, when, what, with the details each event carries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from application.cases import HistoryEntry
from web.templating import (
    channel_label,
    day,
    disposition_label,
    escalation_label,
    event_label,
    role_label,
    satisfaction_label,
)

# Per event type, the label of a field whose meaning changes with the event.
LABEL_OVERRIDES = {
    ("ProgressNoted", "note"): "进展情况",
    ("ReminderRecorded", "note"): "催办内容",
    ("ExtensionGranted", "note"): "审批意见",
    ("Closed", "note"): "销号说明",
    ("ExtensionRequested", "working_days"): "申请延长（工作日）",
    ("ExtensionGranted", "working_days"): "延长（工作日）",
    ("ExtensionGranted", "due_on"): "新的办结期限",
    ("Returned", "unit"): "退回单位",
    ("Accepted", "unit"): "签收单位",
    ("Resolved", "unit"): "办结单位",
}


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the timeline."""

    version: int
    label: str
    event_type: str
    who: str
    role: str
    at: datetime
    details: list[tuple[str, str]]


class Names:
    """Unit and task-force names by key, for showing keys the events store."""

    def __init__(self, units: dict[str, str], task_forces: dict[str, str]) -> None:
        self.units = units
        self.task_forces = task_forces

    def unit(self, key: Any) -> str:
        """A unit's name (its key when unknown)."""
        return self.units.get(key, str(key)) if key else ""

    def unit_list(self, keys: Any) -> str:
        """Several units' names."""
        return "、".join(self.unit(k) for k in keys or [])

    def task_force(self, key: Any) -> str:
        """A task force's name (its key when unknown)."""
        return self.task_forces.get(key, str(key)) if key else ""


def _fields(names: Names) -> list[tuple[str, str, Callable[[Any], str]]]:
    """The event fields shown, in display order, with their label and how to show the value."""
    plain = str
    return [
        ("channel", "来源", channel_label),
        ("category", "类别", plain),
        ("description", "问题描述", plain),
        ("request", "企业诉求", plain),
        ("disposition", "研判结论", disposition_label),
        ("unit", "单位", names.unit),
        ("from_unit", "原单位", names.unit),
        ("to_unit", "转至单位", names.unit),
        ("lead_unit", "牵头单位", names.unit),
        ("supporting_units", "配合单位", names.unit_list),
        ("task_force", "工作专班", names.task_force),
        ("working_days", "办理时限（工作日）", plain),
        ("previous_due_on", "原办结期限", day),
        ("due_on", "办结期限", day),
        ("level", "提级至", escalation_label),
        ("resolution", "办理结果", plain),
        ("satisfaction", "满意度", satisfaction_label),
        ("comment", "评价意见", plain),
        ("reason", "理由", plain),
        ("note", "说明", plain),
    ]


def timeline(history: list[HistoryEntry], names: Names) -> list[TimelineEntry]:
    """The history, oldest first, ready for the template."""
    return [_entry(e, names) for e in sorted(history, key=lambda e: e.version)]


def _entry(entry: HistoryEntry, names: Names) -> TimelineEntry:
    details = []
    for field, label, show in _fields(names):
        value = entry.fields.get(field)
        if value is None or value in ("", []):
            continue
        text = show(value)
        if field == "due_on" and entry.fields.get("deadline_provisional"):
            text += "（暂定）"
        details.append((LABEL_OVERRIDES.get((entry.type, field), label), text))
    return TimelineEntry(
        version=entry.version,
        label=event_label(entry.type),
        event_type=entry.type,
        who=entry.actor.get("name", ""),
        role=role_label(entry.actor.get("role")),
        at=entry.at,
        details=details,
    )
