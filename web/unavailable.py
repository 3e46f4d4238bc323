"""A database outage answers 503 at once, and no error ever closes the client's connection.

Starlette re-raises whatever reaches its `Exception` handler after answering, and uvicorn then drops the
keep-alive connection: the client's next request on it got a reset with no JSON. Here every error is
answered by handlers or by CatchAllMiddleware, which logs the traceback itself and re-raises nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from eventsourcing.persistence import InterfaceError, OperationalError
from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infrastructure.wiring.serving import DatabaseUnavailable, is_outage
from web.error_answers import error_json, error_page, is_api

log = logging.getLogger("ganxin.web")

UNAVAILABLE_CODE = "database_unavailable"
UNAVAILABLE_MESSAGE = "数据库暂时不可用，请稍后重试；已提交的内容不会丢失"
RETRY_AFTER_SECONDS = "5"
INTERNAL_MESSAGE = "服务器内部错误，请稍后重试"


def _answer(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    if not is_api(request):
        return error_page(status, message, headers)
    response = error_json(status, code, message)
    response.headers.update(headers or {})
    return response


def database_error(request: Request, error: Exception) -> Response:
    """503 database_unavailable with Retry-After for an outage; any other database error is a 500."""
    if not is_outage(error):
        log.error("database error on %s %s", request.method, request.url.path, exc_info=error)
        return _answer(request, 500, "internal_error", INTERNAL_MESSAGE)
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, error)
    return _answer(request, 503, UNAVAILABLE_CODE, UNAVAILABLE_MESSAGE, {"Retry-After": RETRY_AFTER_SECONDS})


class CatchAllMiddleware:
    """Pure ASGI: an unexpected error becomes a 500 (or 503 for an outage) answer, logged, never re-raised."""

    def __init__(self, app: ASGIApp, handler: Callable[[Request, Exception], Response]) -> None:
        self.app = app
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app; answer for it if it fails before answering."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            if started:
                raise  # half an answer is out: only closing the connection can tell the client
            await self.handler(Request(scope), error)(scope, receive, send)


def unexpected_error(request: Request, error: Exception) -> Response:
    """500 internal_error, logged with its traceback; an outage that got this far still answers 503."""
    if is_outage(error):
        return database_error(request, error)
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return _answer(request, 500, "internal_error", INTERNAL_MESSAGE)


def install_outage_handling(app: FastAPI) -> None:
    """Map database errors to answers and answer every other error without dropping the connection."""
    for kind in (DatabaseUnavailable, OperationalError, InterfaceError):
        app.add_exception_handler(kind, database_error)
    app.add_middleware(CatchAllMiddleware, handler=unexpected_error)
