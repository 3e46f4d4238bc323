"""Idempotency-Key on POSTs under /api/v1, and answers that say when the read models are behind a stored write."""

from __future__ import annotations

import hashlib
import json

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from application.shared.idempotency import begin_write_notes, serve_keyed_request
from web.sessions import resolve_principal

IDEMPOTENCY_HEADER = "Idempotency-Key"
FORM_FIELD = "idempotency_key"  # the page forms' hidden field, drawn with the form
UNSIGNED_FIELDS = frozenset({"csrf_token", FORM_FIELD})  # a new login's token does not make a new request
BEHIND_HEADER = "X-Read-Models-Behind"
BEHIND_FIELD = "read_models_behind"


def request_fingerprint(method: str, path: str, query: str, body: bytes) -> str:
    """What makes two requests the same request: method, path, query and body bytes."""
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


async def idempotency_key(request: Request) -> None:
    """A POST with an Idempotency-Key runs under that key: a retry meets its first attempt's writes.

    Async on purpose: the key is set in the request's own context, which the endpoint's thread inherits.
    """
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if request.method != "POST" or key is None:
        return
    await _serve_under_key(request, key.strip(), await request.body())


async def form_idempotency_key(request: Request) -> None:
    """A page form's hidden idempotency_key: the same form submitted again meets its first submission."""
    form = await request.form()
    key = form.get(FORM_FIELD)
    if request.method != "POST" or not isinstance(key, str) or not key:
        return
    fields = sorted(
        (name, value) for name, value in form.multi_items() if name not in UNSIGNED_FIELDS and isinstance(value, str)
    )
    await _serve_under_key(request, key.strip(), json.dumps(fields, ensure_ascii=False).encode())


async def _serve_under_key(request: Request, key: str, body: bytes) -> None:
    principal = await run_in_threadpool(resolve_principal, request)
    if principal is None:
        return  # the route itself answers 401 or sends to the login page
    fingerprint = request_fingerprint(request.method, request.url.path, request.url.query, body)
    services = request.app.state.ganxin
    keyed = await run_in_threadpool(services.store.own_writes.keyed_request, principal.actor.user_id, key, fingerprint)
    serve_keyed_request(keyed)


class ReadModelsBehindMiddleware:
    """Pure ASGI: a write whose events are stored but whose read models are not caught up says so.

    The header `X-Read-Models-Behind: true` on any answer, and `"read_models_behind": true` in a JSON object body.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Note the request's writes; mark the answer if the read models fell behind."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        notes = begin_write_notes()
        start: Message | None = None  # held back while the body is collected, when the answer is to be marked
        chunks: list[bytes] = []

        async def marked_send(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and notes.read_models_behind:
                start = message
                return
            if start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = _with_field(start, b"".join(chunks))
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers += [(b"content-length", str(len(body)).encode()), (BEHIND_HEADER.lower().encode(), b"true")]
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, marked_send)


def _with_field(start: Message, body: bytes) -> bytes:
    """A JSON object body with read_models_behind: true; any other body as it is."""
    content_type = dict(start.get("headers", [])).get(b"content-type", b"")
    if not content_type.startswith(b"application/json"):
        return body
    try:
        data = json.loads(body)
    except ValueError:
        return body
    if not isinstance(data, dict):
        return body
    data[BEHIND_FIELD] = True
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
