"""Result rows of the project queries as the application's row types."""

from __future__ import annotations

from datetime import date
from typing import Any

from application.projects import AwardRow, MeetingRow, MilestoneRow, ProjectRow, SecretaryRow, TaskForceRow
from infrastructure.projections.engine import read_date, read_json, read_ts


def task_force_row(r: Any, meetings: int, dissolved_on: date | None, summary: str) -> TaskForceRow:
    """A task force with its problem list's counts; meetings held, dissolution and summary as the caller saw them."""
    return TaskForceRow(
        r["key"],
        r["name"],
        r["leader"],
        list(read_json(r["member_units"])),
        r["purpose"],
        read_date(r["formed_on"]),
        r["project"],
        dissolved_on,
        summary,
        meetings,
        int(r["version"]),
        int(r["total"] or 0),
        int(r["open_count"] or 0),
        int(r["overdue"] or 0),
        int(r["struck_off"] or 0),
    )


def task_force_then_row(r: Any, day: date) -> TaskForceRow:
    """A task force as it stood on the day: one dissolved after the day was still at work then."""
    dissolved_on = read_date(r["dissolved_on"])
    dissolved = dissolved_on is not None and dissolved_on <= day
    return task_force_row(
        r, int(r["held"] or 0), dissolved_on if dissolved else None, r["summary"] if dissolved else ""
    )


def project_row(r: Any, stage: str) -> ProjectRow:
    """A project with its ledger's counts (the stage given: it is not kept per day)."""
    return ProjectRow(
        r["key"],
        r["kind"],
        r["name"],
        r["enterprise_uscc"],
        r["enterprise_name"] or "",
        r["park"],
        None if r["investment_cny"] is None else int(r["investment_cny"]),
        stage,
        r["task_force"],
        int(r["version"]),
        int(r["total"] or 0),
        int(r["open_count"] or 0),
    )


def secretary_row(r: Any) -> SecretaryRow:
    """One secretary's tenure on a project."""
    return SecretaryRow(
        r["project"],
        r["tier"],
        r["secretary_id"],
        r["name"],
        r["unit"],
        r["phone"],
        read_date(r["since"]),
        read_date(r["until"]),
    )


def milestone_row(r: Any) -> MilestoneRow:
    """One milestone of a project's schedule."""
    return MilestoneRow(
        r["project"],
        r["name"],
        read_date(r["planned_on"]),
        read_date(r["first_planned_on"]),
        read_date(r["achieved_on"]),
        int(r["replans"]),
    )


def award_row(r: Any) -> AwardRow:
    """One period's chosen stars."""
    return AwardRow(
        read_date(r["period_start"]),
        read_date(r["period_end"]),
        read_json(r["stars"]),
        r["note"],
        r["chosen_by"],
        read_ts(r["chosen_at"]),
    )


def meeting_row(r: Any) -> MeetingRow:
    """One meeting of a task force."""
    return MeetingRow(
        r["task_force"],
        int(r["number"]),
        read_date(r["held_on"]),
        r["title"],
        read_json(r["attendees"]),
        read_json(r["decisions"]),
        read_json(r["listed"]),
        read_json(r["deadline_changes"]),
        read_json(r["struck_off"]),
        read_ts(r["recorded_at"]),
        r["recorded_by"],
    )
