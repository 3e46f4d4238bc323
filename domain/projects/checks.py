"""Checks on a project's details that need no project: its kind, its investment, a day already past."""

from __future__ import annotations

from datetime import date

from domain.shared.dates import check_day
from domain.shared.errors import InvalidValue
from domain.shared.vocabulary import PROJECT_TIERS, ProjectKind

INVESTMENT_MAX = 10**13  # ten trillion yuan: anything above is a typing error


def check_project_kind(kind: str) -> str:
    """key_project or listing_reserve."""
    if kind not in PROJECT_TIERS:
        raise InvalidValue(f"未知的项目类型“{kind}”，可选：{'、'.join(k.label for k in ProjectKind)}", "kind")
    return kind


def check_not_future(day: date, today: date, field: str, label: str) -> date:
    """Something that already happened cannot be dated after today (nor outside the valid range)."""
    check_day(day, field, label)
    if day > today:
        raise InvalidValue(f"{label}（{day}）晚于今天（{today}）", field)
    return day
