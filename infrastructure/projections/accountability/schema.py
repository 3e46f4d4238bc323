"""The accountability read model: one row per case event, the facts the 中梗阻 report is computed from."""

from __future__ import annotations

TABLES = ("rm_case_facts",)

DDL = (
    # One row per case event, with the unit it concerns at that moment (the lead unit, or the unit the
    # event names), so a report 'as of' a moment is a filter on `at`, never a replay of aggregates.
    """CREATE TABLE IF NOT EXISTS rm_case_facts (
        case_id {uuid} NOT NULL, version INTEGER NOT NULL, at {ts} NOT NULL, kind TEXT NOT NULL,
        unit TEXT, from_unit TEXT, to_unit TEXT, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL,
        actor_role TEXT NOT NULL, working_days INTEGER, due_on {date}, satisfaction TEXT, disposition TEXT,
        level TEXT, note TEXT NOT NULL, PRIMARY KEY (case_id, version))""",
    "CREATE INDEX IF NOT EXISTS rm_case_facts_at ON rm_case_facts (at)",
    "CREATE INDEX IF NOT EXISTS rm_case_facts_kind ON rm_case_facts (kind, at)",
)
