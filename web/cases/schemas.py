"""What the case API answers: the list, one case, its history, the result of an action."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from web.shared.schemas import ActorOut, EnterpriseRef


class PendingExtensionOut(BaseModel):
    """An extension request waiting for a decision."""

    working_days: int
    reason: str


class CaseSummaryOut(BaseModel):
    """One row of the case list."""

    case_id: UUID
    case_no: str
    status: str
    status_label: str
    channel: str
    channel_label: str
    category: str
    description: str
    enterprise_uscc: str
    enterprise_name: str
    street: str
    lead_unit: str | None
    lead_unit_name: str | None
    task_force: str | None
    task_force_name: str | None
    due_on: date | None
    original_due_on: date | None = Field(None, description="延期前的办结期限")
    deadline_provisional: bool
    light: str = Field(
        description="状态灯：green 正常、blue 临期、yellow 预警、red 超期、on_time 按期办结、late 超期办结、none"
    )
    light_label: str
    working_days_left: int | None = Field(None, description="剩余工作日；负数为超期工作日")
    escalation_level: str | None = None
    logged_at: datetime
    last_activity_at: datetime
    version: int


class CasePageOut(BaseModel):
    """A page of the case list."""

    items: list[CaseSummaryOut]
    total: int
    page: int
    per_page: int
    pages: int
    as_of: datetime | None = Field(
        None, description="所示状态的时刻（北京时间，含当分钟内的事件；按日期查询为当日24:00）；为空表示当前"
    )


class CaseOut(BaseModel):
    """A case as it stands now, with the actions its state allows."""

    case_id: UUID
    case_no: str
    version: int
    status: str
    status_label: str
    channel: str
    channel_label: str
    category: str
    description: str
    request: str
    enterprise: EnterpriseRef
    visit_id: UUID | None
    logged_at: datetime
    logged_by: ActorOut
    disposition: str | None
    disposition_label: str | None
    disposition_reason: str
    lead_unit: str | None
    supporting_units: list[str]
    task_force: str | None
    working_days: int | None
    due_on: date | None
    original_due_on: date | None
    deadline_provisional: bool
    pending_extension: PendingExtensionOut | None
    escalation_level: str | None
    resolution: str
    satisfaction: str | None
    feedback_comment: str
    cannot_do_reason: str
    actions: list[str] = Field(
        description="当前状态允许的操作，即 POST /api/v1/cases/{case_id}/{action} 的 action（查看过去时刻时为空）"
    )
    as_of: datetime | None = Field(
        None, description="所示状态的时刻（北京时间，含当分钟内的事件；按日期查询为当日24:00）；为空表示当前"
    )


class HistoryEventOut(BaseModel):
    """One event of a case."""

    version: int
    type: str = Field(description="事件类型，如 Logged、Classified、Assigned")
    at: datetime
    actor: ActorOut
    fields: dict[str, Any] = Field(description="事件携带的数据（日期为 ISO 文本，编号为字符串）")


class CaseHistoryOut(BaseModel):
    """Every event of a case, oldest first."""

    case_id: UUID
    events: list[HistoryEventOut]
    as_of: datetime | None = Field(
        None, description="所示状态的时刻（北京时间，含当分钟内的事件；按日期查询为当日24:00）；为空表示当前"
    )


class ActionResultOut(BaseModel):
    """The case after an action."""

    case_id: UUID
    version: int = Field(description="操作后的新版本，下次操作作为 expected_version 提交")
    status: str
    status_label: str
