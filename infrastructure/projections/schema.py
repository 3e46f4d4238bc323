"""The read-model tables and the indexes the pages' queries use."""

from __future__ import annotations

from infrastructure.projections import schema_accountability, schema_history
from infrastructure.projections import schema_findings
from infrastructure.projections.dialect import Dialect

# Bump when a table changes: at startup a different stored version empties the read models and
# projects the whole log again (infrastructure/projections/recorders.py, ensure_schema_version).
READ_MODEL_VERSION = 5
_CORE_TABLES = ("rm_cases", "rm_case_units", "rm_enterprises", "rm_units", "rm_task_forces", "rm_meetings",
                     "rm_projects", "rm_secretaries", "rm_milestones", "rm_star_awards")

_DDL = (
    """CREATE TABLE IF NOT EXISTS rm_units (
        key TEXT PRIMARY KEY, name TEXT NOT NULL, short_name TEXT NOT NULL, head TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS rm_task_forces (
        key TEXT PRIMARY KEY, id {uuid} NOT NULL UNIQUE, name TEXT NOT NULL, leader TEXT NOT NULL,
        member_units {json} NOT NULL, purpose TEXT NOT NULL, formed_on {date} NOT NULL, project TEXT NOT NULL, dissolved_on {date},
        summary TEXT NOT NULL, meetings INTEGER NOT NULL, version INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS rm_meetings (
        task_force TEXT NOT NULL, number INTEGER NOT NULL, held_on {date} NOT NULL, title TEXT NOT NULL,
        attendees {json} NOT NULL, decisions {json} NOT NULL, listed {json} NOT NULL,
        deadline_changes {json} NOT NULL, struck_off {json} NOT NULL, recorded_at {ts} NOT NULL,
        recorded_by TEXT NOT NULL, PRIMARY KEY (task_force, number))""",
    """CREATE TABLE IF NOT EXISTS rm_projects (
        key TEXT PRIMARY KEY, id {uuid} NOT NULL UNIQUE, kind TEXT NOT NULL, name TEXT NOT NULL, enterprise_uscc TEXT NOT NULL,
        park TEXT NOT NULL, investment_cny BIGINT, stage TEXT NOT NULL, task_force TEXT NOT NULL,
        version INTEGER NOT NULL, registered_at {ts} NOT NULL)""",
    # Every tenure, past and present (until IS NULL): who served which project when.
    """CREATE TABLE IF NOT EXISTS rm_secretaries (
        project TEXT NOT NULL, tier TEXT NOT NULL, secretary_id TEXT NOT NULL, name TEXT NOT NULL,
        unit TEXT NOT NULL, phone TEXT NOT NULL, since {date} NOT NULL, until {date},
        PRIMARY KEY (project, tier, since, secretary_id))""",
    "CREATE INDEX IF NOT EXISTS rm_secretaries_person ON rm_secretaries (secretary_id, project)",
    """CREATE TABLE IF NOT EXISTS rm_milestones (
        project TEXT NOT NULL, name TEXT NOT NULL, planned_on {date} NOT NULL, first_planned_on {date} NOT NULL,
        achieved_on {date}, replans INTEGER NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (project, name))""",
    "CREATE INDEX IF NOT EXISTS rm_milestones_achieved ON rm_milestones (achieved_on)",
    """CREATE TABLE IF NOT EXISTS rm_star_awards (
        period_start {date} NOT NULL, period_end {date} NOT NULL, stars {json} NOT NULL, note TEXT NOT NULL,
        chosen_by TEXT NOT NULL, chosen_at {ts} NOT NULL, PRIMARY KEY (period_start, period_end))""",
    """CREATE TABLE IF NOT EXISTS rm_enterprises (
        uscc TEXT PRIMARY KEY, name TEXT NOT NULL, street TEXT NOT NULL, industry TEXT NOT NULL,
        tags {json} NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS rm_enterprises_name ON rm_enterprises (name)",
    """CREATE TABLE IF NOT EXISTS rm_cases (
        case_id {uuid} PRIMARY KEY,
        case_no TEXT NOT NULL,
        status TEXT NOT NULL,
        channel TEXT NOT NULL,
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        enterprise_uscc TEXT NOT NULL,
        lead_unit TEXT,
        task_force TEXT,
        due_on {date},
        deadline_provisional {bool} NOT NULL,
        logged_at {ts} NOT NULL,
        last_activity_at {ts} NOT NULL,
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


# Later areas keep their tables in their own modules (each with TABLES and DDL), listed here.
_AREAS: tuple = (schema_history, schema_accountability, schema_findings)
READ_MODEL_TABLES = _CORE_TABLES + tuple(table for area in _AREAS for table in area.TABLES)


def create_statements(dialect: Dialect) -> list[str]:
    """CREATE TABLE / INDEX statements spelled for the dialect."""
    statements = _DDL + tuple(statement for area in _AREAS for statement in area.DDL)
    return [dialect.types(statement) for statement in statements]


def drop_statements() -> list[str]:
    """DROP TABLE statements for a rebuild."""
    return [f"DROP TABLE IF EXISTS {table}" for table in READ_MODEL_TABLES]


SCHEMA_META_DDL = "CREATE TABLE IF NOT EXISTS rm_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
