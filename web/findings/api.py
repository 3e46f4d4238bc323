"""Inspectors' findings (问题线索认定): record, read, amend, mark typical, withdraw. Inspectors only."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from application.findings import CitationInput, CitationRow, Finding, FindingFilter, FindingInput, FindingRow
from application.services import Services
from application.shared.access import Permission, Principal
from application.shared.errors import NotFound
from web.deps import ServicesDep, api_allow
from web.shared.bodies import Body
from web.shared.changes import Change, add_changes
from web.shared.convert import aware
from web.shared.schemas import NOT_FOUND, ErrorResponse

router = APIRouter(tags=["认定 Findings"])
FindingId = Annotated[str, Path(description="认定编号（UUID）", json_schema_extra={"format": "uuid"})]
REFUSED = {
    422: {
        "model": ErrorResponse,
        "description": "引用的问题或办理记录不存在（case_not_found、event_not_found），"
        "单位或账号不存在（subject_not_found），问题表现未知或已停用",
    }
}


class CitationIn(Body):
    """A cited case by id or number, and optionally the versions of its events that show the behaviour."""

    case: str = Field(description="问题ID（UUID）或问题编号（如 20260408-3F2A1B）")
    versions: list[int] = Field(default_factory=list, description="引用的办理记录序号（问题的版本号）")


class FindingIn(Body):
    """A finding against a unit or a person (at least one), citing cases."""

    unit: str = Field("", description="被认定单位代码")
    person: str = Field("", description="被认定人员账号")
    cases: list[CitationIn] = Field(description="引用的问题，至少一个")
    field: str = Field(description="领域代码（见 /api/v1/taxonomy）")
    behaviours: list[str] = Field(description="问题表现代码，至少一项")
    title: str = Field(description="标题（至多100字）")
    description: str = Field(description="认定事实（至多4000字）")


class AmendIn(Body):
    """A corrected finding and why; what it said before stays in its history."""

    expected_version: int = Field(ge=1, description="提交者看到的认定版本")
    cases: list[CitationIn]
    field: str
    behaviours: list[str]
    title: str
    description: str
    reason: str = Field(description="修改理由")


class TypicalIn(Body):
    """Mark (or unmark) a typical case for public notice."""

    expected_version: int = Field(ge=1)
    typical: bool = Field(True, description="true 列为典型案例；false 取消")
    note: str = Field(description="说明（取消时为理由）")


class WithdrawIn(Body):
    """Withdraw a finding (it is kept, marked withdrawn)."""

    expected_version: int = Field(ge=1)
    reason: str = Field(description="撤销理由")


class FindingListOut(BaseModel):
    """Findings, newest first."""

    items: list[FindingRow]


class FindingOut(BaseModel):
    """One finding as it stands, with the amendments it went through."""

    finding_id: UUID
    version: int
    unit: str
    person: str
    person_name: str
    citations: list[CitationRow]
    field: str
    behaviours: list[str]
    title: str
    description: str
    typical: bool
    typical_note: str
    withdrawn: bool
    withdrawn_reason: str | None
    recorded_at: datetime
    recorded_by: dict
    amendments: list[dict]


class RecordedOut(BaseModel):
    """The new finding's id and version."""

    finding_id: UUID
    version: int


class FindingVersionOut(BaseModel):
    """The finding's new version."""

    version: int


def summary_out(row: FindingRow) -> FindingRow:
    """A list row as the API answers it: the port's own row, its time with the zone."""
    return replace(row, recorded_at=aware(row.recorded_at))


def citation_row(citation: dict) -> CitationRow:
    """A citation as the aggregate keeps it (its case id as text), as the list's row."""
    return CitationRow(UUID(str(citation["case_id"])), citation["case_no"], list(citation["versions"]))


def finding_out(finding: Finding) -> FindingOut:
    """One finding replayed from its events."""
    return FindingOut(
        finding_id=finding.id,
        version=finding.version,
        unit=finding.unit,
        person=finding.person,
        person_name=finding.person_name,
        citations=[citation_row(c) for c in finding.citations],
        field=finding.field,
        behaviours=finding.behaviours,
        title=finding.title,
        description=finding.description,
        typical=finding.typical,
        typical_note=finding.typical_note,
        withdrawn=finding.withdrawn,
        withdrawn_reason=finding.withdrawn_reason,
        recorded_at=aware(finding.recorded_at),
        recorded_by=finding.recorded_by,
        amendments=finding.amendments,
    )


def parse_finding_id(text: str) -> UUID:
    """A finding id from a path; anything else names no finding (404)."""
    try:
        return UUID(text)
    except ValueError:
        raise NotFound("认定不存在", "finding_id") from None


def finding_input(body: FindingIn | AmendIn, reason: str = "") -> FindingInput:
    """The application's input from a request body."""
    return FindingInput(
        cases=tuple(CitationInput(c.case, tuple(c.versions)) for c in body.cases),
        field=body.field,
        behaviours=tuple(body.behaviours),
        title=body.title,
        description=body.description,
        unit=getattr(body, "unit", ""),
        person=getattr(body, "person", ""),
        reason=reason,
    )


@router.get("/findings", summary="认定列表 List findings", response_model=FindingListOut)
def list_findings(
    services: ServicesDep,
    unit: str | None = Query(None, description="单位代码"),
    field: str | None = Query(None, description="领域代码"),
    typical: bool | None = Query(None, description="只看（或排除）典型案例"),
    case_id: UUID | None = Query(None, description="引用该问题的认定"),
    principal: Principal = Depends(api_allow(Permission.VIEW_FINDINGS)),
) -> FindingListOut:
    """Findings, newest first (at most 200), filtered by unit, field, typical or cited case."""
    rows = services.finding_queries.list_findings(
        principal, FindingFilter(unit=unit or None, field=field or None, typical=typical, case_id=case_id)
    )
    return FindingListOut(items=[summary_out(r) for r in rows])


@router.post(
    "/findings", summary="记录认定 Record a finding", response_model=RecordedOut, status_code=201, responses=REFUSED
)
def record(
    body: FindingIn, services: ServicesDep, principal: Principal = Depends(api_allow(Permission.RECORD_FINDINGS))
) -> RecordedOut:
    """Every cited case and event, the unit or person and the classification are checked before saving."""
    return RecordedOut(finding_id=services.findings.record_finding(principal, finding_input(body)), version=1)


@router.get("/findings/{finding_id}", summary="认定详情 One finding", response_model=FindingOut, responses=NOT_FOUND)
def detail(
    finding_id: FindingId, services: ServicesDep, principal: Principal = Depends(api_allow(Permission.VIEW_FINDINGS))
) -> FindingOut:
    """The finding as it stands, with its amendments."""
    return finding_out(services.finding_queries.get_finding(principal, parse_finding_id(finding_id)))


def amend(services: Services, principal: Principal, finding_id: str, body: AmendIn) -> int:
    """Correct citations, classification or wording, with a reason."""
    uuid = parse_finding_id(finding_id)
    return services.findings.amend_finding(principal, uuid, body.expected_version, finding_input(body, body.reason))


def typical(services: Services, principal: Principal, finding_id: str, body: TypicalIn) -> int:
    """Mark a typical case for public notice (or unmark it, with a reason)."""
    uuid = parse_finding_id(finding_id)
    return services.findings.mark_finding_typical(principal, uuid, body.expected_version, body.typical, body.note)


def withdraw(services: Services, principal: Principal, finding_id: str, body: WithdrawIn) -> int:
    """The finding does not stand; it is kept, marked withdrawn."""
    uuid = parse_finding_id(finding_id)
    return services.findings.withdraw_finding(principal, uuid, body.expected_version, body.reason)


add_changes(
    router,
    "/findings/{finding_id}",
    FindingVersionOut,
    Permission.RECORD_FINDINGS,
    (
        Change("/amend", "修改认定 Amend", amend, responses=REFUSED),
        Change("/typical", "典型案例 Mark typical", typical),
        Change("/withdraw", "撤销认定 Withdraw", withdraw),
    ),
    path_type=FindingId,
)
