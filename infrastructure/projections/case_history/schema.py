"""The temporal read model behind "as of" lists: every version of every case, with when it held."""

from __future__ import annotations

from infrastructure.projections.engine import LIST_COLUMNS_DDL

# The columns the case list and the deadline board show and filter on, copied from rm_cases after each event.
VERSION_COLUMNS = (
    "case_no",
    "status",
    "channel",
    "category",
    "description",
    "enterprise_uscc",
    "lead_unit",
    "task_force",
    "due_on",
    "deadline_provisional",
    "logged_at",
    "last_activity_at",
    "logged_by",
    "street",
    "escalation_level",
    "original_due_on",
    "resolved_on",
    "project",
    "closed_on",
    "satisfaction",
    "search_text",
)

TABLES = ("rm_case_versions",)

DDL = (
    # One row per case event: the case's list columns from valid_from (the event's time) until valid_to
    # (the next event's time; NULL while it is the current version). Intervals are half-open [from, to).
    """CREATE TABLE IF NOT EXISTS rm_case_versions (
        case_id {uuid} NOT NULL,
        version INTEGER NOT NULL,
        valid_from {ts} NOT NULL,
        valid_to {ts},"""
    + LIST_COLUMNS_DDL
    + """
        logged_by TEXT NOT NULL,
        street TEXT NOT NULL,
        escalation_level TEXT,
        original_due_on {date},
        resolved_on {date},
        project TEXT,
        closed_on {date},
        satisfaction TEXT,
        search_text TEXT NOT NULL,
        PRIMARY KEY (case_id, version))""",
    # "Which version held at the cutoff": a range on valid_from, then valid_to checked; per case by its id.
    "CREATE INDEX IF NOT EXISTS rm_case_versions_from ON rm_case_versions (valid_from, valid_to)",
    "CREATE INDEX IF NOT EXISTS rm_case_versions_case ON rm_case_versions (case_id, valid_from)",
    # Closing the open version of a case on its next event.
    "CREATE INDEX IF NOT EXISTS rm_case_versions_open ON rm_case_versions (case_id, valid_to)",
)
