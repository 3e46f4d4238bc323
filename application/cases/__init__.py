"""Cases."""

from domain.cases import (
    CASE_ACTIONS,
    CASE_EVENT_LABELS,
    CHOICE,
    CHOICES,
    DISPOSITIONS,
    LEVELS,
    SATISFACTIONS,
    WORKING_DAYS,
    ActionField,
    Case,
    CaseAction,
    check_category,
    check_channel,
)

from .as_of import CasesAsOf, Moment, NotYetLogged
from .board import BoardQueries
from .commands import CaseCommands
from .deadline_watch import DeadlineWatch, LadderSettings
from .lights import Standing, working_days_between
from .ports import PER_PAGE_MAX, CaseFilter, CaseHistoryReadModel, CasePage, CaseReadModel, CaseSummary, LightCounts
from .queries import SEARCH_TEXT_MAX, CaseDetail, CaseQueries, HistoryEntry, case_number, history_entry

__all__ = [
    "CASE_ACTIONS",
    "CASE_EVENT_LABELS",
    "CHOICE",
    "CHOICES",
    "DISPOSITIONS",
    "LEVELS",
    "PER_PAGE_MAX",
    "SATISFACTIONS",
    "SEARCH_TEXT_MAX",
    "WORKING_DAYS",
    "ActionField",
    "BoardQueries",
    "Case",
    "CaseAction",
    "CaseCommands",
    "CaseDetail",
    "CaseFilter",
    "CaseHistoryReadModel",
    "CasePage",
    "CaseQueries",
    "CaseReadModel",
    "CaseSummary",
    "CasesAsOf",
    "DeadlineWatch",
    "HistoryEntry",
    "LadderSettings",
    "LightCounts",
    "Moment",
    "NotYetLogged",
    "Standing",
    "case_number",
    "check_category",
    "check_channel",
    "history_entry",
    "working_days_between",
]
