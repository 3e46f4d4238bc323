"""The case list and the deadline board as they stood at a past moment, from rm_case_versions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from application.cases import CaseFilter, CasePage, LightCounts
from infrastructure.projections.engine import (
    HELD_AT,
    VERSION_COLUMNS,
    VERSION_JOINS,
    SqlReads,
    case_page,
    deadline_board,
    filter_clauses,
)


def version_where(case_filter: CaseFilter, cutoff: datetime) -> tuple[str, dict[str, Any]]:
    """WHERE for the versions held at the cutoff: filters on the past row, scope on the current one."""
    clauses, params = filter_clauses(case_filter, "v")
    return " WHERE " + " AND ".join([HELD_AT, *clauses]), {"cutoff": cutoff, **params}


class SqlCaseHistoryReads(SqlReads):
    """CaseHistoryReadModel over rm_case_versions."""

    def list_cases_as_of(self, case_filter: CaseFilter, cutoff: datetime) -> CasePage:
        """A page of the cases as they stood just before the cutoff, most recent activity (then) first."""
        filtered = version_where(case_filter, cutoff)
        return case_page(self._rows, "v", VERSION_COLUMNS, VERSION_JOINS, filtered, case_filter)

    def deadline_board_as_of(
        self, case_filter: CaseFilter, cutoff: datetime, today: date, yellow_until: date, blue_until: date
    ) -> tuple[CasePage, LightCounts]:
        """The board as it stood just before the cutoff, its lights counted against that day."""
        lights = {"today": today, "yellow": yellow_until, "blue": blue_until}
        filtered = version_where(case_filter, cutoff)
        return deadline_board(self._rows, "v", VERSION_COLUMNS, VERSION_JOINS, filtered, case_filter, lights)
