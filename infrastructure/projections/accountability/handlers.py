"""Fills rm_case_facts from every case event (an observer: the core handlers keep their topics)."""

from __future__ import annotations

from typing import Any

from infrastructure.projections.engine import Writer, observes_every_event

CASE_PREFIX = "ganxin:Case."
NOTE_LENGTH = 2000  # the domain bounds these texts; the bound here only guards the table
# The field that carries each event's reason, note or outcome, for the report's excerpt.
NOTE_FIELDS = ("reason", "note", "resolution", "comment", "cause", "description")
# Events that name the unit they concern; the others concern the lead unit of the moment.
UNIT_FIELDS = {
    "Accepted": "unit",
    "Returned": "unit",
    "Resolved": "unit",
    "Assigned": "lead_unit",
    "BroughtIntoTaskForce": "lead_unit",
    "Transferred": "to_unit",
}


def _note(event: Any) -> str:
    for name in NOTE_FIELDS:
        value = getattr(event, name, None)
        if isinstance(value, str) and value:
            return value[:NOTE_LENGTH]
    return ""


# Events without a unit of their own concern the lead unit of the moment: the core handler has already run,
# so rm_cases holds it. Read inside the INSERT, so each case event costs one round trip here, not two.
UNIT_SQL = "CASE WHEN :named THEN :unit ELSE (SELECT lead_unit FROM rm_cases WHERE case_id = :case_id) END"


@observes_every_event
def on_case_fact(event: Any, writer: Writer) -> None:
    """One fact row per case event."""
    topic = getattr(type(event), "TOPIC", "")
    if not topic.startswith(CASE_PREFIX):
        return
    kind = topic[len(CASE_PREFIX) :]
    actor = getattr(event, "actor", None) or {}
    unit_field = UNIT_FIELDS.get(kind)
    writer.execute(
        "INSERT INTO rm_case_facts (case_id, version, at, kind, unit, from_unit, to_unit, actor_id, actor_name, "
        "actor_role, working_days, due_on, satisfaction, disposition, level, note) VALUES (:case_id, :version, :at, "
        f":kind, {UNIT_SQL}, :from_unit, :to_unit, :actor_id, :actor_name, :actor_role, :working_days, :due_on, "
        ":satisfaction, :disposition, :level, :note)",
        {
            "case_id": event.originator_id,
            "version": event.originator_version,
            "at": event.timestamp,
            "kind": kind,
            "named": unit_field is not None,
            "unit": getattr(event, unit_field) if unit_field else None,
            "from_unit": getattr(event, "from_unit", None),
            "to_unit": getattr(event, "to_unit", None),
            "actor_id": actor.get("user_id", ""),
            "actor_name": actor.get("name", ""),
            "actor_role": actor.get("role", ""),
            "working_days": getattr(event, "working_days", None),
            "due_on": getattr(event, "due_on", None),
            "satisfaction": getattr(event, "satisfaction", None),
            "disposition": getattr(event, "disposition", None),
            "level": getattr(event, "level", None),
            "note": _note(event),
        },
    )
