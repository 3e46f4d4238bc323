"""The error answers every part of the web layer sends: JSON under /api/, the Chinese error page elsewhere."""

from __future__ import annotations

import logging
from html import escape
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from web.back_links import HOME, referring_page
from web.body_limit import TOO_LARGE_CODE, TOO_LARGE_MESSAGE
from web.templating import templates

log = logging.getLogger("ganxin.web")

HTTP_MESSAGES = {
    400: ("bad_request", "请求有误"),
    401: ("unauthenticated", "请先登录"),
    403: ("forbidden", "没有权限执行该操作"),
    404: ("not_found", "页面或接口不存在"),
    405: ("method_not_allowed", "不支持该请求方法"),
    413: (TOO_LARGE_CODE, TOO_LARGE_MESSAGE),
    415: ("unsupported_media_type", "请以 JSON 格式提交"),
}
INTERNAL_ERROR = ("internal_error", "服务器内部错误，请稍后重试")


def is_api(request: Request) -> bool:
    """Whether the request is for the JSON API (which answers JSON, never HTML)."""
    return request.url.path.startswith("/api/")


def error_json(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    """The API's error envelope: {"error": {"code", "message", ...}} (absent keys left out)."""
    body = {"code": code, "message": message, **{k: v for k, v in extra.items() if v is not None}}
    return JSONResponse({"error": body}, status_code=status)


ERROR_TITLES = {
    400: "请求有误",
    403: "没有权限",
    404: "未找到",
    405: "不支持该请求方法",
    409: "内容已被他人修改",
    413: "提交的内容过大",
    415: "格式不受支持",
    422: "提交的内容有误",
    500: "服务器出错了",
    503: "服务暂不可用",
}


def error_page(
    status: int, message: str, headers: dict[str, str] | None = None, request: Request | None = None
) -> HTMLResponse:
    """The Chinese error page (web/templates/error.html: the site's layout and a way back); the message is
    escaped, since it may echo what was typed. Every HTML error answer goes through here."""
    try:
        context = {
            "status": status,
            "title": ERROR_TITLES.get(status, "出错了"),
            "message": message,
            "back": referring_page(request) if request is not None else None,
        }
        html = (
            templates()
            .env.get_template("error.html")
            .render(**context, **({"request": request} if request is not None else {}))
        )
    except Exception:
        log.exception("the error page template failed; answering with the bare page")
        html = (
            '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>出错了 · 甘心办</title></head>'
            f'<body><main><h1>出错了</h1><p class="error">{escape(message)}</p>'
            f'<p><a href="{HOME}">返回问题清单</a></p></main></body></html>'
        )
    return HTMLResponse(html, status_code=status, headers=headers)


def error_answer(request: Request, status: int) -> Response:
    """The plain answer for a status of HTTP_MESSAGES or 500, as the security middleware also sends it."""
    code, message = HTTP_MESSAGES.get(status, INTERNAL_ERROR)
    return error_json(status, code, message) if is_api(request) else error_page(status, message)
