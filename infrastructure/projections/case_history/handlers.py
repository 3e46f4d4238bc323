"""Keeps rm_case_versions: after each case event, the case's row as it now stands becomes a new version."""

from __future__ import annotations

from typing import Any

from infrastructure.projections.case_history.schema import VERSION_COLUMNS
from infrastructure.projections.engine import Writer, observes_every_event

_COLUMNS = ", ".join(VERSION_COLUMNS)


@observes_every_event
def on_case_version(event: Any, writer: Writer) -> None:
    """Close the case's open version at the event's time and open one with rm_cases as the core handler left it."""
    if not getattr(type(event), "TOPIC", "").startswith("ganxin:Case."):
        return
    params = {"case_id": event.originator_id, "at": event.timestamp}
    writer.execute("UPDATE rm_case_versions SET valid_to = :at WHERE case_id = :case_id AND valid_to IS NULL", params)
    writer.execute(
        f"INSERT INTO rm_case_versions (case_id, version, valid_from, valid_to, {_COLUMNS}) "
        f"SELECT case_id, version, :at, NULL, {_COLUMNS} FROM rm_cases WHERE case_id = :case_id",
        params,
    )
