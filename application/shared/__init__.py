"""Shared."""

from domain.shared.actor import Actor
from domain.shared.dates import DAY_FORMAT, InvalidDate, check_day, parse_day
from domain.shared.errors import DomainError, InvalidValue
from domain.shared.text import NAME_MAX, check_choice, optional_text, parse_count
from domain.shared.vocabulary import (
    CATEGORIES,
    STREETS,
    CaseStatus,
    Channel,
    Disposition,
    EscalationLevel,
    Labelled,
    ProjectKind,
    Role,
    Satisfaction,
    SecretaryTier,
)

__all__ = [
    "CATEGORIES",
    "DAY_FORMAT",
    "NAME_MAX",
    "STREETS",
    "Actor",
    "CaseStatus",
    "Channel",
    "Disposition",
    "DomainError",
    "EscalationLevel",
    "InvalidDate",
    "InvalidValue",
    "Labelled",
    "ProjectKind",
    "Role",
    "Satisfaction",
    "SecretaryTier",
    "check_choice",
    "check_day",
    "optional_text",
    "parse_count",
    "parse_day",
]
