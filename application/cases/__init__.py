"""Cases."""

from domain.cases.actions import (
    CASE_ACTIONS,
    CHOICE,
    CHOICES,
    DISPOSITIONS,
    LEVELS,
    SATISFACTIONS,
    WORKING_DAYS,
    ActionField,
    CaseAction,
)
from domain.cases.case import Case
from domain.cases.rules import check_category, check_channel

__all__ = ["ActionField", "CASE_ACTIONS", "CHOICE", "CHOICES", "Case", "CaseAction", "DISPOSITIONS", "LEVELS", "SATISFACTIONS", "WORKING_DAYS", "check_category", "check_channel"]
