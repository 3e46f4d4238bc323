"""The case list's read-model tables and the indexes its filters and the deadline board use."""

from __future__ import annotations

from infrastructure.projections.engine import LIST_COLUMNS_DDL

TABLES = ("rm_cases", "rm_case_units")

DDL = (
    """CREATE TABLE IF NOT EXISTS rm_cases (
        case_id {uuid} PRIMARY KEY,"""
    + LIST_COLUMNS_DDL
    + """
        version INTEGER NOT NULL,
        logged_by TEXT NOT NULL,
        street TEXT NOT NULL,
        escalation_level TEXT,
        auto_reminders TEXT NOT NULL,
        original_due_on {date},
        resolved_on {date},
        search_text TEXT NOT NULL,
        project TEXT,
        closed_on {date},
        satisfaction TEXT,
        latest_note TEXT NOT NULL,
        escalation_reason TEXT NOT NULL)""",
    # Which units hold a case now (lead or supporting): a unit's people see these.
    """CREATE TABLE IF NOT EXISTS rm_case_units (
        unit TEXT NOT NULL, case_id {uuid} NOT NULL, is_lead {bool} NOT NULL, PRIMARY KEY (unit, case_id))""",
    "CREATE INDEX IF NOT EXISTS rm_case_units_case ON rm_case_units (case_id)",
    # The list is newest activity first; each filter has an index leading with its column.
    "CREATE INDEX IF NOT EXISTS rm_cases_activity ON rm_cases (last_activity_at DESC, case_id)",
    "CREATE INDEX IF NOT EXISTS rm_cases_unit ON rm_cases (lead_unit, last_activity_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_cases_status ON rm_cases (status, last_activity_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_cases_task_force ON rm_cases (task_force, last_activity_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_cases_channel ON rm_cases (channel, last_activity_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_cases_category ON rm_cases (category, last_activity_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_cases_enterprise ON rm_cases (enterprise_uscc, last_activity_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_cases_logged_by ON rm_cases (logged_by, last_activity_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_cases_street ON rm_cases (street, last_activity_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_cases_project ON rm_cases (project, last_activity_at DESC)",
    # The deadline board and the scheduler read open cases by due date.
    "CREATE INDEX IF NOT EXISTS rm_cases_due ON rm_cases (status, due_on)",
)
