"""What the JSON API answers: response models, the error envelope and the documented error responses."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field


class FieldErrorOut(BaseModel):
    """One problem with one field of a request."""

    code: str = Field(description="稳定的错误代码 / stable error code")
    message: str = Field(description="中文说明 / Chinese message for people")
    field: str | None = Field(None, description="出错的字段 / the field at fault")


class ErrorBody(BaseModel):
    """The error itself."""

    code: str = Field(description="稳定的错误代码，如 invalid_value、version_conflict、not_found")
    message: str = Field(description="中文说明")
    field: str | None = Field(None, description="出错的字段")
    errors: list[FieldErrorOut] | None = Field(None, description="多个字段出错时逐一列出")
    current_version: int | None = Field(None, description="版本冲突时问题的当前版本")


class ErrorResponse(BaseModel):
    """Every 4xx/5xx answer of the API: `{"error": {...}}`."""

    error: ErrorBody


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


UNAUTHENTICATED = {401: _error("未登录 / not logged in (code `unauthenticated`)")}
FORBIDDEN = {403: _error("无权执行此操作 / the role or remit does not allow it (code `forbidden`)")}
INVALID = {422: _error("请求格式错误或取值不被接受 / malformed request or rejected value")}
NOT_FOUND = {404: _error("对象不存在 / not found (code `not_found`)")}
CONFLICT = {409: _error("版本冲突或当前状态不允许该操作 / version conflict (with `current_version`) or illegal action")}


class Choice(BaseModel):
    """A code with its Chinese label."""

    code: str
    label: str


class ActorOut(BaseModel):
    """Who did something."""

    user_id: str
    name: str
    role: str


class EnterpriseRef(BaseModel):
    """An enterprise named by a case."""

    uscc: str
    name: str


class PendingExtensionOut(BaseModel):
    """An extension request waiting for a decision."""

    working_days: int
    reason: str


class HealthOut(BaseModel):
    """Whether the service and its database answer."""

    status: str = Field(description="ok，或 unavailable")
    database: str = Field(description="sqlite 或 postgres")
    last_event: int = Field(description="事件日志最后一条通知的序号（无法访问数据库时为 -1）")
    projected_up_to: int = Field(description="读模型已投影到的事件通知序号（无法访问数据库时为 -1）")
    lag_events: int = Field(description="读模型落后的事件数")
    lag_seconds: float = Field(description="读模型落后的秒数（自上次追平起）")
    free_mb: float | None = Field(None, description="SQLite：数据库所在磁盘的剩余空间（MB）")
    problems: list[str] = Field(default_factory=list, description="不健康的原因")


class LoggedVisitOut(BaseModel):
    """What logging a visit created."""

    visit_id: UUID
    case_ids: list[UUID]
    warnings: list[str] = Field(description="仅提示、不阻止保存的问题，如组织机构代码校验位")


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
    light: str = Field(description="状态灯：green 正常、blue 临期、yellow 预警、red 超期、on_time 按期办结、late 超期办结、none")
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
    as_of: datetime | None = Field(None, description="所示状态的时刻（北京时间，含当分钟内的事件；按日期查询为当日24:00）；为空表示当前")


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
    actions: list[str] = Field(description="当前状态允许的操作，即 POST /api/v1/cases/{case_id}/{action} 的 action（查看过去时刻时为空）")
    as_of: datetime | None = Field(None, description="所示状态的时刻（北京时间，含当分钟内的事件；按日期查询为当日24:00）；为空表示当前")


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
    as_of: datetime | None = Field(None, description="所示状态的时刻（北京时间，含当分钟内的事件；按日期查询为当日24:00）；为空表示当前")


class ActionResultOut(BaseModel):
    """The case after an action."""

    case_id: UUID
    version: int = Field(description="操作后的新版本，下次操作作为 expected_version 提交")
    status: str
    status_label: str


class UnitOut(BaseModel):
    """A responsible unit."""

    key: str
    name: str
    short_name: str


class UnitListOut(BaseModel):
    """Every responsible unit."""

    items: list[UnitOut]


class TaskForceOut(BaseModel):
    """A task force."""

    key: str
    name: str
    leader: str
    member_units: list[str]


class TaskForceListOut(BaseModel):
    """Every task force."""

    items: list[TaskForceOut]


class EnterpriseOut(BaseModel):
    """An enterprise found by search."""

    uscc: str
    name: str
    street: str
    industry: str


class EnterpriseListOut(BaseModel):
    """Enterprises matching a search."""

    items: list[EnterpriseOut]


class VocabularyOut(BaseModel):
    """The fixed vocabularies forms offer."""

    channels: list[Choice]
    categories: list[str]
    dispositions: list[Choice]
    satisfactions: list[Choice]
    escalation_levels: list[Choice]
    statuses: list[Choice]
    roles: list[Choice]
    streets: list[str]


class LightCountsOut(BaseModel):
    """Open cases per light."""

    red: int
    yellow: int
    blue: int
    green: int


class BoardOut(BaseModel):
    """The deadline board: open cases by urgency, and the counts per light."""

    items: list[CaseSummaryOut]
    counts: LightCountsOut
    total: int
    page: int
    per_page: int
    pages: int
    as_of: datetime | None = Field(None, description="所示状态的时刻（北京时间，含当分钟内的事件；按日期查询为当日24:00）；为空表示当前")


class DeadlineOut(BaseModel):
    """A time limit counted in statutory working days."""

    start: date
    working_days: int
    due_on: date
    provisional: bool = Field(description="期限跨入尚未发布节假日安排的年份时为 true（暂按周一至周五计算）")
    calendar_years_used: list[int]


class CalendarYearOut(BaseModel):
    """A year's non-working days and make-up working days."""

    year: int
    published: bool
    source: str | None
    version: int | None
    non_working_days: list[date] = Field(description="不上班的日子：法定节假日和周末（调休上班的周末除外）")
    holidays: list[date] = Field(description="公布的放假日")
    make_up_working_days: list[date] = Field(description="调休上班的周末")
