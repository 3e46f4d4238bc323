"""Jinja2 for the pages: one lazily built environment, with Shanghai-time and Chinese-label filters."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from application.cases import CASE_EVENT_LABELS
from application.shared import CaseStatus, Channel, Disposition, EscalationLevel, Labelled, Role, Satisfaction
from application.shared.clock import SHANGHAI

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

_templates: Jinja2Templates | None = None


def shanghai_time(moment: datetime | None) -> str:
    """A moment as the district reads it: '2026-04-08 09:00'."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        # Naive datetimes only come from storage in UTC.
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def day(value: date | datetime | None) -> str:
    """A calendar day as '2026-04-08' (a moment is first turned into Shanghai time)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return shanghai_time(value)[:10]
    return value.isoformat()


def _labeller(vocabulary: type[Labelled]):  # type: ignore[no-untyped-def]
    def label(code: str | None) -> str:
        if code is None or code == "":
            return ""
        try:
            return vocabulary(code).label
        except ValueError:
            return str(code)  # an unknown code is shown as is rather than hidden

    label.__doc__ = f"The Chinese label of a {vocabulary.__name__} code."
    return label


status_label = _labeller(CaseStatus)
channel_label = _labeller(Channel)
disposition_label = _labeller(Disposition)
satisfaction_label = _labeller(Satisfaction)
escalation_label = _labeller(EscalationLevel)
_role_label = _labeller(Role)


def role_label(code: str | None) -> str:
    """The Chinese label of a role code ('system' is the system itself)."""
    return "系统" if code == "system" else _role_label(code)


def code(value: object) -> str:
    """The plain code of a vocabulary member (str() of a str-enum would give 'CaseStatus.LOGGED')."""
    if value is None:
        return ""
    return str(value.value) if isinstance(value, Labelled) else str(value)


def event_label(event_type: str) -> str:
    """The Chinese name of a case event type."""
    return CASE_EVENT_LABELS.get(event_type, event_type)


FILTERS = {
    "shanghai_time": shanghai_time,
    "day": day,
    "status_label": status_label,
    "channel_label": channel_label,
    "disposition_label": disposition_label,
    "satisfaction_label": satisfaction_label,
    "escalation_label": escalation_label,
    "role_label": role_label,
    "event_label": event_label,
    "code": code,
}


def build_environment() -> jinja2.Environment:
    """A Jinja2 environment over web/templates that escapes everything in *.html."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=jinja2.Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    # A form drawn once carries one key: submitting it twice (a double click, a resend after a lost answer)
    # meets the first submission (web/idempotency.py).
    env.globals["new_idempotency_key"] = lambda: uuid4().hex
    return env


def templates() -> Jinja2Templates:
    """The shared Jinja2Templates, built on first use (nothing is created at import time)."""
    global _templates  # noqa: PLW0603 - one environment per process, created lazily
    if _templates is None:
        _templates = Jinja2Templates(env=build_environment())
    return _templates


def render(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    """Render a page template; the logged-in actor is passed along when the request carries one."""
    values = dict(context or {})
    values.setdefault("actor", getattr(request.state, "actor", None))
    return templates().TemplateResponse(request, name, values, status_code=status_code)
