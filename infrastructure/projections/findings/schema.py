"""Read-model tables of inspectors' findings and of the manifestation list they are classified under."""

from __future__ import annotations

TABLES = ("rm_manifestations", "rm_findings", "rm_finding_citations")

DDL = (
    # Every item ever on the list: retired ones stay, since old findings point at them.
    """CREATE TABLE IF NOT EXISTS rm_manifestations (
        key TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL, retired {bool} NOT NULL,
        position INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS rm_findings (
        finding_id {uuid} PRIMARY KEY, title TEXT NOT NULL, unit TEXT NOT NULL, person TEXT NOT NULL,
        person_name TEXT NOT NULL, field TEXT NOT NULL, behaviours {json} NOT NULL, typical {bool} NOT NULL,
        withdrawn {bool} NOT NULL, recorded_at {ts} NOT NULL, recorded_by TEXT NOT NULL, version INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS rm_findings_recorded ON rm_findings (recorded_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_findings_unit ON rm_findings (unit, recorded_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_findings_field ON rm_findings (field, recorded_at DESC)",
    # Which cases (and which of their events) each finding cites: findings by case, cases by finding.
    """CREATE TABLE IF NOT EXISTS rm_finding_citations (
        finding_id {uuid} NOT NULL, case_id {uuid} NOT NULL, case_no TEXT NOT NULL, versions {json} NOT NULL,
        position INTEGER NOT NULL, PRIMARY KEY (finding_id, case_id))""",
    "CREATE INDEX IF NOT EXISTS rm_finding_citations_case ON rm_finding_citations (case_id)",
    # Inspectors cite cases by the number people read out.
    "CREATE INDEX IF NOT EXISTS rm_cases_case_no ON rm_cases (case_no)",
)
