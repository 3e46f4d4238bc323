"""Cases."""

from .actions import (
    CADRE,
    CASE_ACTION_BY_CODE,
    CASE_ACTIONS,
    CHOICE,
    CHOICES,
    DISPOSITIONS,
    LEVELS,
    SATISFACTIONS,
    SYSTEM,
    TEXT,
    UNIT_HANDLER,
    WORKING_DAYS,
    ActionField,
    CaseAction,
    actions_of_role,
    available_actions,
)
from .case import Case
from .event_labels import CASE_EVENT_LABELS
from .rules import check_category, check_channel, check_has_pending_extension

__all__ = [
    "CADRE",
    "CASE_ACTIONS",
    "CASE_ACTION_BY_CODE",
    "CASE_EVENT_LABELS",
    "CHOICE",
    "CHOICES",
    "DISPOSITIONS",
    "LEVELS",
    "SATISFACTIONS",
    "SYSTEM",
    "TEXT",
    "UNIT_HANDLER",
    "WORKING_DAYS",
    "ActionField",
    "Case",
    "CaseAction",
    "actions_of_role",
    "available_actions",
    "check_category",
    "check_channel",
    "check_has_pending_extension",
]
