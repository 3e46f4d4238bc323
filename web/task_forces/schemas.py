"""What the task-force API returns: the overview, one task force with its meetings and problem list."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from application.projects import TaskForceRow
from web.projects import SHOWN, ProblemOut


class TaskForceRowOut(BaseModel):
    """A task force with the counts of its problem list."""

    key: str
    name: str
    leader: str
    member_units: list[str]
    purpose: str
    formed_on: date
    project: str
    dissolved_on: date | None
    meetings: int
    version: int
    total: int
    open: int
    overdue: int
    struck_off: int


class TaskForceOverviewOut(BaseModel):
    """The leader's view of all task forces."""

    items: list[TaskForceRowOut]
    as_of: datetime | None = Field(None, description=SHOWN)


class MeetingOut(BaseModel):
    """A recorded coordination meeting."""

    task_force: str
    number: int
    held_on: date
    title: str
    attendees: list[str]
    decisions: list[str]
    listed: list[dict]
    deadline_changes: list[dict]
    struck_off: list[str]
    recorded_at: datetime
    recorded_by: str


class TaskForceDetailOut(TaskForceRowOut):
    """One task force: meetings and the problem list."""

    meetings_held: list[MeetingOut] = []
    problems: list[ProblemOut]
    struck_off_in_time: int
    escalated: list[str]
    changed_since_last_meeting: list[str]
    as_of: datetime | None = Field(None, description=SHOWN)


def task_force_row_out(row: TaskForceRow) -> TaskForceRowOut:
    """The row as the API shows it."""
    return TaskForceRowOut(
        key=row.key,
        name=row.name,
        leader=row.leader,
        member_units=row.member_units,
        purpose=row.purpose,
        formed_on=row.formed_on,
        project=row.project,
        dissolved_on=row.dissolved_on,
        meetings=row.meetings,
        version=row.version,
        total=row.total,
        open=row.open,
        overdue=row.overdue,
        struck_off=row.struck_off,
    )
