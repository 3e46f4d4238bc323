"""What every area of the JSON API shares: the error envelope, the documented error responses, small parts."""

from __future__ import annotations

from typing import Any

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
