"""What the exports contain: the problem ledger (问题台账) and the project handbook (项目手册).

The application fills these from the event history; infrastructure turns them into .xlsx and PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

LEDGER_HEADERS = (
    "序号",
    "企业名称",
    "问题描述",
    "责任单位",
    "配合单位",
    "解决时限",
    "进展情况",
    "是否办结",
    "办结时间",
    "备注",
)


@dataclass(frozen=True)
class LedgerRow:
    """One problem as cadres keep it in their Excel ledger."""

    number: int  # 序号
    enterprise_name: str  # 企业名称
    description: str  # 问题描述
    lead_unit: str  # 责任单位 (name)
    supporting_units: str  # 配合单位 (names joined with 、)
    due_on: date | None  # 解决时限
    progress: str  # 进展情况: the latest progress, resolution or state
    resolved: bool  # 是否办结
    resolved_on: date | None  # 办结时间
    remarks: str  # 备注: escalations, extensions, struck off


@dataclass(frozen=True)
class LedgerSheet:
    """One task force's problem list or one project's ledger, as of a date."""

    title: str  # the sheet name (≤31 characters, no []:*?/\)
    heading: str  # the line above the table
    as_of: date
    rows: list[LedgerRow] = field(default_factory=list)


@dataclass(frozen=True)
class HandbookSecretary:
    """A service secretary as the handbook lists them."""

    tier_label: str  # 区级 / 部门 / 街道 / 上市服务秘书
    name: str
    unit_name: str
    phone: str


@dataclass(frozen=True)
class HandbookMilestone:
    """A milestone against its plan."""

    name: str
    planned_on: date
    achieved_on: date | None
    state_label: str  # 已完成 / 未到期 / 已逾期 / 已调整计划


@dataclass(frozen=True)
class HandbookProblem:
    """An open problem of the project."""

    case_no: str
    description: str
    lead_unit: str
    due_on: date | None
    status_label: str


@dataclass(frozen=True)
class HandbookProject:
    """One project's pages of the handbook."""

    key: str
    name: str
    kind_label: str  # 重点项目 / 上市后备企业
    enterprise_name: str
    park: str
    investment_cny: int | None
    stage: str
    task_force_name: str
    secretaries: list[HandbookSecretary] = field(default_factory=list)
    milestones: list[HandbookMilestone] = field(default_factory=list)
    open_problems: list[HandbookProblem] = field(default_factory=list)


@dataclass(frozen=True)
class Handbook:
    """Every key project with its secretaries, milestones and open problems, as of a date."""

    title: str
    as_of: date
    projects: list[HandbookProject] = field(default_factory=list)


class LedgerWorkbookWriter(Protocol):
    """Writes ledger sheets as an .xlsx workbook."""

    def write(self, sheets: list[LedgerSheet]) -> bytes:
        """The workbook's bytes: one sheet per ledger."""
        ...


class HandbookPdfWriter(Protocol):
    """Writes the project handbook as a printable PDF."""

    def write(self, handbook: Handbook) -> bytes:
        """The PDF's bytes."""
        ...


@dataclass(frozen=True)
class ExportWriters:
    """The writers the web layer turns ledgers and handbooks into files with."""

    ledger: LedgerWorkbookWriter
    handbook: HandbookPdfWriter
