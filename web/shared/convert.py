"""Values as the API sends them: timestamps with their timezone, event data as plain JSON."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from typing import Any
from uuid import UUID


def aware(moment: datetime) -> datetime:
    """Timestamps go out with their timezone; a naive one was stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def json_safe(value: Any) -> Any:  # noqa: PLR0911 - one return per kind of value
    """Event data as plain JSON: dates and times ISO, ids as text, enums as their code."""
    if isinstance(value, datetime):
        return aware(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(v) for v in value]
    return value
