"""What every area's read models share: the dialects, the handler registry, the recorders, the catch-up projector."""

from .case_rows import (
    CASE_COLUMNS,
    CASE_JOINS,
    HELD_AT,
    LIST_COLUMNS_DDL,
    OPEN_WITH_DEADLINE,
    VERSION_COLUMNS,
    VERSION_JOINS,
    Rows,
    case_page,
    case_summary,
    deadline_board,
    filter_clauses,
    scope_where,
    scoped_join,
)
from .dialect import POSTGRES, SQLITE, Dialect, read_date, read_json, read_ts, read_uuid
from .dispatch import Writer, handles, handles_the_rest_of, observes_every_event
from .projector import CatchUpProjector, Poller
from .sql import SqlReads, in_list, like_pattern

__all__ = [
    "CASE_COLUMNS",
    "CASE_JOINS",
    "HELD_AT",
    "LIST_COLUMNS_DDL",
    "OPEN_WITH_DEADLINE",
    "POSTGRES",
    "SQLITE",
    "VERSION_COLUMNS",
    "VERSION_JOINS",
    "CatchUpProjector",
    "Dialect",
    "Poller",
    "Rows",
    "SqlReads",
    "Writer",
    "case_page",
    "case_summary",
    "deadline_board",
    "filter_clauses",
    "handles",
    "handles_the_rest_of",
    "in_list",
    "like_pattern",
    "observes_every_event",
    "read_date",
    "read_json",
    "read_ts",
    "read_uuid",
    "scope_where",
    "scoped_join",
]
