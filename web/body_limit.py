"""Request body limits: 1 MiB for JSON (and anything not a form), 4 MiB for forms, refused with 413 before parsing.

A body announced larger (Content-Length) is refused before a byte of it is read; a body without a length
(chunked) is counted as it streams and refused as soon as it passes the limit, so that nothing ever parses
(or holds in memory) more than the limit. README "Request size limits" documents the numbers.
"""

from __future__ import annotations

import re

from fastapi import HTTPException
from starlette.datastructures import Headers
from starlette.types import Message, Receive, Scope

MAX_JSON_BYTES = 1024 * 1024
MAX_FORM_BYTES = 4 * 1024 * 1024
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
TOO_LARGE_CODE = "payload_too_large"
TOO_LARGE_MESSAGE = "提交的内容过大"


class PayloadTooLarge(HTTPException):
    """The body passed its limit; FastAPI lets HTTPException through its body reading, so it becomes a 413."""

    def __init__(self) -> None:
        super().__init__(413, TOO_LARGE_MESSAGE)


def is_form(headers: Headers) -> bool:
    """Whether the body is a urlencoded or multipart form."""
    return headers.get("content-type", "").split(";")[0].strip().lower() in FORM_TYPES


def body_limit(headers: Headers) -> int:
    """The most bytes this request's body may have."""
    return MAX_FORM_BYTES if is_form(headers) else MAX_JSON_BYTES


def announced_too_large(headers: Headers, limit: int) -> bool:
    """Whether Content-Length already says the body is over the limit (an unreadable length is left to the server)."""
    length = headers.get("content-length", "").strip()
    if re.fullmatch(r"[0-9]+", length) is None:
        return False
    return len(length) > len(str(limit)) or int(length) > limit


def counted(receive: Receive, limit: int) -> Receive:
    """A receive that raises PayloadTooLarge once more than limit bytes of body have arrived."""
    size = 0

    async def receive_counted() -> Message:
        nonlocal size
        message = await receive()
        if message["type"] == "http.request":
            size += len(message.get("body", b""))
            if size > limit:
                raise PayloadTooLarge()
        return message

    return receive_counted


def limited(scope: Scope, receive: Receive) -> tuple[bool, Receive]:
    """(refuse at once, the receive to use) for one HTTP request."""
    headers = Headers(scope=scope)
    limit = body_limit(headers)
    return announced_too_large(headers, limit), counted(receive, limit)
