"""Turning errors into answers: JSON under /api/, a plain Chinese page elsewhere, never a 500 for bad input."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from eventsourcing.persistence import DataError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from application.shared import DomainError
from application.shared.errors import ValidationFailed, VersionConflict
from web.deps import ApiUnauthenticated, LoginRequired
from web.error_answers import HTTP_MESSAGES, error_json, error_page, is_api
from web.sessions import drop_session_cookies, resolve_actor, resolve_principal
from web.unavailable import install_outage_handling

log = logging.getLogger("ganxin.web")

# Chinese hints for the pydantic error types a client is likely to hit.
VALIDATION_HINTS = {
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文本",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD）",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "uuid_parsing": "应为 UUID",
    "uuid_type": "应为 UUID",
    "string_too_long": "过长",
    "unpaired_surrogate": "含有无法识别的字符",
}
BODY_UNREADABLE = "请求体无法解析，请以 UTF-8 编码的 JSON 提交"


def _page_for_person(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> HTMLResponse:
    """The error page with the logged-in person's menu. Reading the session touches the database: only from
    the exception handlers, which run in a worker thread, never from ASGI middleware on the event loop."""
    _find_who(request)
    return error_page(status, message, headers, request)


def _find_who(request: Request) -> None:
    """Look up who is logged in for a page whose route never did (an unknown path, a wrong method)."""
    try:
        resolve_principal(request)
    except Exception:
        log.warning("could not look up the session for an error page", exc_info=True)


def _domain_error(request: Request, error: DomainError) -> Response:
    if not is_api(request):
        return _page_for_person(request, error.status, error.message)
    errors = None
    if isinstance(error, ValidationFailed):
        errors = [{"code": e.code, "message": e.message, "field": e.field} for e in error.errors]
    current = error.current_version if isinstance(error, VersionConflict) else None
    return error_json(
        error.status, error.code, error.message, field=error.field, errors=errors, current_version=current
    )


def field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """'problems[0].description' from pydantic's ('body', 'problems', 0, 'description'), as domain errors do."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "body"


def validation_message(error: dict[str, Any]) -> tuple[str, str]:
    """(field, Chinese message) for one pydantic error."""
    field, kind, ctx = field_path(error.get("loc", ())), error.get("type", ""), error.get("ctx") or {}
    if kind == "json_invalid":
        return "body", "请求体不是合法的 JSON，请检查格式"
    if kind == "missing":
        return field, "请求体缺失" if field == "body" else f"请求字段 {field} 缺失或格式错误：必须填写"
    if kind == "extra_forbidden":
        return field, f"请求字段 {field} 不被接受（未知字段）"
    if kind in ("greater_than_equal", "greater_than"):
        return field, f"请求字段 {field} 缺失或格式错误：应不小于{ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return field, f"请求字段 {field} 缺失或格式错误：应不大于{ctx.get('le', ctx.get('lt'))}"
    hint = VALIDATION_HINTS.get(kind)
    return field, f"请求字段 {field} 缺失或格式错误" + (f"：{hint}" if hint else "")


def _invalid_request(request: Request, error: RequestValidationError) -> Response:
    if is_api(request) and resolve_actor(request) is None:
        # The body is parsed before dependencies run; a stranger learns nothing about it.
        return _unauthenticated(request, ApiUnauthenticated())
    found = [validation_message(e) for e in error.errors()] or [("body", "请求格式错误")]
    if not is_api(request):
        return _page_for_person(request, 422, found[0][1])
    errors = [{"code": "invalid_request", "message": message, "field": field} for field, message in found]
    return error_json(422, "invalid_request", found[0][1], field=found[0][0], errors=errors)


def _unauthenticated(request: Request, error: ApiUnauthenticated) -> Response:
    return error_json(401, "unauthenticated", "请先登录")


def _login_required(request: Request, error: LoginRequired) -> Response:
    if not error.expired:
        return RedirectResponse(f"/login?next={quote(error.next_url, safe='')}", status_code=303)
    response = RedirectResponse(f"/login?next={quote(error.next_url, safe='')}&expired=1", status_code=303)
    drop_session_cookies(request, response)  # the login page says why once; later pages are plainly logged out
    return response


def _http_error(request: Request, error: StarletteHTTPException) -> Response:
    code, message = HTTP_MESSAGES.get(error.status_code, ("http_error", "请求无法处理"))
    headers = dict(error.headers or {})
    if is_api(request) and error.status_code == HTTPStatus.BAD_REQUEST:
        if resolve_actor(request) is None:
            return _unauthenticated(request, ApiUnauthenticated())
        # FastAPI answers 400 for a body it cannot decode (not UTF-8); to clients that is bad input like bad JSON.
        return error_json(422, "invalid_request", BODY_UNREADABLE, field="body")
    if is_api(request):
        response = error_json(error.status_code, code, message)
        response.headers.update(headers)
        return response
    return _page_for_person(request, error.status_code, message, headers)


def _data_error(request: Request, error: DataError) -> Response:
    # A value the database refuses (say a NUL byte on PostgreSQL) that no check caught: still bad input.
    log.warning("database refused a value on %s %s: %s", request.method, request.url.path, error)
    message = "提交的内容无法保存或查找（含有不允许的字符或数值过大），请检查后重试"
    if is_api(request):
        return error_json(422, "invalid_value", message)
    return _page_for_person(request, 422, message)


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler on the app."""
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(ApiUnauthenticated, _unauthenticated)
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(DataError, _data_error)
    install_outage_handling(app)  # 503 for an outage; a 500 that keeps the connection open
