"""What the task-force, project and service-star API returns, and the export responses."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from application.projects.exports import Handbook, LedgerSheet
from application.projects.ports import TaskForceRow
from application.projects.queries import Problem

SHOWN = "所示状态的时刻（北京时间，含当分钟内的事件；按日期查询为当日24:00）；为空表示当前"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class VersionOut(BaseModel):
    """The aggregate's new version, to send as expected_version next time."""

    version: int


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


class ProblemOut(BaseModel):
    """A problem-list or ledger row with its light."""

    case_id: str
    case_no: str
    status: str
    enterprise_name: str
    description: str
    lead_unit: str | None
    supporting_units: list[str]
    due_on: date | None
    resolved_on: date | None
    closed_on: date | None
    light: str
    standing: str
    escalation_level: str | None
    escalation_reason: str
    latest_note: str
    satisfaction: str | None
    version: int


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
        key=row.key, name=row.name, leader=row.leader, member_units=row.member_units, purpose=row.purpose,
        formed_on=row.formed_on, project=row.project, dissolved_on=row.dissolved_on, meetings=row.meetings,
        version=row.version, total=row.total, open=row.open, overdue=row.overdue, struck_off=row.struck_off)


def problem_out(problem: Problem) -> ProblemOut:
    """A problem as the API shows it."""
    case, row = problem.row.case, problem.row
    return ProblemOut(
        case_id=str(case.case_id), case_no=case.case_no, status=case.status, enterprise_name=case.enterprise_name,
        description=case.description, lead_unit=case.lead_unit, supporting_units=row.supporting_units,
        due_on=case.due_on, resolved_on=case.resolved_on, closed_on=row.closed_on,
        light=problem.standing.light.value, standing=problem.standing.text, escalation_level=case.escalation_level,
        escalation_reason=row.escalation_reason, latest_note=row.latest_note, satisfaction=row.satisfaction,
        version=case.version)


def _download(content: bytes, media_type: str, filename: str) -> Response:
    # RFC 6266 / 5987: the Chinese-safe filename* plus an ASCII fallback.
    disposition = f"attachment; filename=\"{filename.encode('ascii', 'replace').decode()}\"; " \
                  f"filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


def xlsx_response(request: Request, sheets: list[LedgerSheet], filename: str) -> Response:
    """The ledger workbook as a download."""
    return _download(request.app.state.exports.ledger.write(sheets), XLSX, filename)


def pdf_response(request: Request, handbook: Handbook, filename: str) -> Response:
    """The handbook PDF as a download."""
    return _download(request.app.state.exports.handbook.write(handbook), "application/pdf", filename)
