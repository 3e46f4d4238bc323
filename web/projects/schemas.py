"""What the project API returns: projects, a problem of a ledger or problem list, a new version."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from application.projects import Problem

SHOWN = "所示状态的时刻（北京时间，含当分钟内的事件；按日期查询为当日24:00）；为空表示当前"


class VersionOut(BaseModel):
    """The aggregate's new version, to send as expected_version next time."""

    version: int


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


class ProjectOut(BaseModel):
    """A key project or listing-reserve enterprise with its ledger counts."""

    key: str
    kind: str
    name: str
    enterprise_uscc: str
    enterprise_name: str
    park: str
    investment_cny: int | None
    stage: str
    task_force: str
    version: int
    total: int
    open: int


class ProjectListOut(BaseModel):
    """Projects."""

    items: list[ProjectOut]
    as_of: datetime | None = Field(None, description=SHOWN)


class SecretaryOut(BaseModel):
    """One tenure of a secretary."""

    tier: str
    secretary_id: str
    name: str
    unit: str
    phone: str
    since: date
    until: date | None


class MilestoneOut(BaseModel):
    """A milestone against plan."""

    name: str
    planned_on: date
    first_planned_on: date
    achieved_on: date | None
    replans: int
    state: str


class ProjectDetailOut(ProjectOut):
    """One project's page."""

    secretaries: list[SecretaryOut]
    past_secretaries: list[SecretaryOut]
    milestones: list[MilestoneOut]
    problems: list[ProblemOut]
    as_of: datetime | None = Field(None, description=SHOWN)


def problem_out(problem: Problem) -> ProblemOut:
    """A problem as the API shows it."""
    case, row = problem.row.case, problem.row
    return ProblemOut(
        case_id=str(case.case_id),
        case_no=case.case_no,
        status=case.status,
        enterprise_name=case.enterprise_name,
        description=case.description,
        lead_unit=case.lead_unit,
        supporting_units=row.supporting_units,
        due_on=case.due_on,
        resolved_on=case.resolved_on,
        closed_on=row.closed_on,
        light=problem.standing.light.value,
        standing=problem.standing.text,
        escalation_level=case.escalation_level,
        escalation_reason=row.escalation_reason,
        latest_note=row.latest_note,
        satisfaction=row.satisfaction,
        version=case.version,
    )
