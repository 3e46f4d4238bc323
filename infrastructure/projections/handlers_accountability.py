"""Fills rm_case_facts from every case event (an observer: the core handlers keep their topics)."""

from __future__ import annotations

from typing import Any

from infrastructure.projections.handlers import Writer, observes_every_event

CASE_PREFIX = "ganxin:Case."
NOTE_LENGTH = 2000  # the domain bounds these texts; the bound here only guards the table
# The field that carries each event's reason, note or outcome, for the report's excerpt.
NOTE_FIELDS = ("reason", "note", "resolution", "comment", "cause", "description")
# Events that name the unit they concern; the others concern the lead unit of the moment.
UNIT_FIELDS = {"Accepted": "unit", "Returned": "unit", "Resolved": "unit",
               "Assigned": "lead_unit", "BroughtIntoTaskForce": "lead_unit", "Transferred": "to_unit"}


def _note(event: Any) -> str:
    for name in NOTE_FIELDS:
        value = getattr(event, name, None)
        if isinstance(value, str) and value:
            return value[:NOTE_LENGTH]
    return ""


def _unit(event: Any, kind: str, writer: Writer) -> str | None:
    field = UNIT_FIELDS.get(kind)
    if field is not None:
        return getattr(event, field, None)
    # The core handler for this event has already run: rm_cases holds the lead unit after it.
    row = writer.fetch_one("SELECT lead_unit FROM rm_cases WHERE case_id = :case_id", {"case_id": event.originator_id})
    return row["lead_unit"] if row else None


@observes_every_event
def on_case_fact(event: Any, writer: Writer) -> None:
    """One fact row per case event."""
    topic = getattr(type(event), "TOPIC", "")
    if not topic.startswith(CASE_PREFIX):
        return
    kind = topic[len(CASE_PREFIX):]
    actor = getattr(event, "actor", None) or {}
    writer.execute(
        "INSERT INTO rm_case_facts (case_id, version, at, kind, unit, from_unit, to_unit, actor_id, actor_name, "
        "actor_role, working_days, due_on, satisfaction, disposition, level, note) VALUES (:case_id, :version, :at, "
        ":kind, :unit, :from_unit, :to_unit, :actor_id, :actor_name, :actor_role, :working_days, :due_on, "
        ":satisfaction, :disposition, :level, :note)",
        {"case_id": event.originator_id, "version": event.originator_version, "at": event.timestamp, "kind": kind,
         "unit": _unit(event, kind, writer), "from_unit": getattr(event, "from_unit", None),
         "to_unit": getattr(event, "to_unit", None), "actor_id": actor.get("user_id", ""),
         "actor_name": actor.get("name", ""), "actor_role": actor.get("role", ""),
         "working_days": getattr(event, "working_days", None), "due_on": getattr(event, "due_on", None),
         "satisfaction": getattr(event, "satisfaction", None), "disposition": getattr(event, "disposition", None),
         "level": getattr(event, "level", None), "note": _note(event)},
    )
