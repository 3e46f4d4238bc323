"""The task-force, project and service-star read-model tables."""

from __future__ import annotations

TABLES = ("rm_task_forces", "rm_meetings", "rm_projects", "rm_secretaries", "rm_milestones", "rm_star_awards")

DDL = (
    """CREATE TABLE IF NOT EXISTS rm_task_forces (
        key TEXT PRIMARY KEY, id {uuid} NOT NULL UNIQUE, name TEXT NOT NULL, leader TEXT NOT NULL,
        member_units {json} NOT NULL, purpose TEXT NOT NULL, formed_on {date} NOT NULL, project TEXT NOT NULL,
        dissolved_on {date},
        summary TEXT NOT NULL, meetings INTEGER NOT NULL, version INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS rm_meetings (
        task_force TEXT NOT NULL, number INTEGER NOT NULL, held_on {date} NOT NULL, title TEXT NOT NULL,
        attendees {json} NOT NULL, decisions {json} NOT NULL, listed {json} NOT NULL,
        deadline_changes {json} NOT NULL, struck_off {json} NOT NULL, recorded_at {ts} NOT NULL,
        recorded_by TEXT NOT NULL, PRIMARY KEY (task_force, number))""",
    """CREATE TABLE IF NOT EXISTS rm_projects (
        key TEXT PRIMARY KEY, id {uuid} NOT NULL UNIQUE, kind TEXT NOT NULL, name TEXT NOT NULL,
        enterprise_uscc TEXT NOT NULL,
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
)
