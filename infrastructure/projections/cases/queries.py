"""The SQL behind the case list, the deadline board and the scheduler's candidates."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from application.cases import CaseFilter, CasePage, LightCounts
from infrastructure.projections.engine import (
    CASE_COLUMNS,
    CASE_JOINS,
    OPEN_WITH_DEADLINE,
    Rows,
    SqlReads,
    case_page,
    deadline_board,
    filter_clauses,
    read_uuid,
)


def case_where(case_filter: CaseFilter) -> tuple[str, dict[str, Any]]:
    """The WHERE clause and parameters for a filter."""
    clauses, params = filter_clauses(case_filter, "c")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class SqlCaseReads(SqlReads):
    """CaseReadModel over rm_cases (joined to the registry tables for names)."""

    def list_cases(self, case_filter: CaseFilter) -> CasePage:
        """A page of cases, most recent activity first."""
        return case_page(self._rows, "c", CASE_COLUMNS, CASE_JOINS, case_where(case_filter), case_filter)

    def deadline_board(
        self, case_filter: CaseFilter, today: date, yellow_until: date, blue_until: date
    ) -> tuple[CasePage, LightCounts]:
        """Open cases with a deadline, earliest due first, and how many show each light."""
        lights = {"today": today, "yellow": yellow_until, "blue": blue_until}
        return deadline_board(self._rows, "c", CASE_COLUMNS, CASE_JOINS, case_where(case_filter), case_filter, lights)

    def cases_needing_attention(self, today: date, horizon: date, district_cutoff: date) -> list[UUID]:
        """Candidates for the scheduler (the aggregate has the last word)."""
        return _cases_needing_attention(self._rows, today, horizon, district_cutoff)

    def open_cases_due_from(self, day: date) -> list[UUID]:
        """Open cases whose due date is on or after day (candidates when a schedule is published)."""
        return _open_cases_due_from(self._rows, day)


def _open_cases_due_from(rows_of: Rows, day: date) -> list[UUID]:
    statuses = {f"s{i}": status for i, status in enumerate(OPEN_WITH_DEADLINE)}
    names = ", ".join(f":{name}" for name in statuses)
    rows = rows_of(
        f"SELECT case_id FROM rm_cases WHERE status IN ({names}) AND due_on >= :day", {**statuses, "day": day}
    )
    return [read_uuid(r["case_id"]) for r in rows]


def _cases_needing_attention(rows_of: Rows, today: date, horizon: date, cutoff: date) -> list[UUID]:
    statuses = {f"s{i}": status for i, status in enumerate(OPEN_WITH_DEADLINE)}
    names = ", ".join(f":{name}" for name in statuses)
    rows = rows_of(
        f"SELECT case_id FROM rm_cases WHERE status IN ({names}) AND due_on <= :horizon AND ("
        " due_on >= :today"
        " OR escalation_level IS NULL"
        " OR (escalation_level <> 'district_leader' AND due_on <= :cutoff)) ORDER BY due_on",
        {**statuses, "today": today, "horizon": horizon, "cutoff": cutoff},
    )
    return [read_uuid(r["case_id"]) for r in rows]
