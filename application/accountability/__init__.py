"""Accountability."""

from .measures import HANDLER_LABELS, HANDLER_MEASURES, HOW_ENDED, MEASURES, Entry, UnitStats
from .metrics import DEFAULT_STALL_DAYS
from .ports import AccountabilityReadModel, CannotDoFact, CaseLabel, Fact
from .queries import (
    AccountabilityReport,
    AccountabilityReports,
    CannotDoLedger,
    ReportQuery,
    parse_day,
    parse_stall_days,
)
from .tables import Table, cannot_do_table, period_line, report_tables

__all__ = [
    "DEFAULT_STALL_DAYS",
    "HANDLER_LABELS",
    "HANDLER_MEASURES",
    "HOW_ENDED",
    "MEASURES",
    "AccountabilityReadModel",
    "AccountabilityReport",
    "AccountabilityReports",
    "CannotDoFact",
    "CannotDoLedger",
    "CaseLabel",
    "Entry",
    "Fact",
    "ReportQuery",
    "Table",
    "UnitStats",
    "cannot_do_table",
    "parse_day",
    "parse_stall_days",
    "period_line",
    "report_tables",
]
