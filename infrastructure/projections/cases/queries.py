"""The SQL behind the case list, the deadline board and the scheduler's candidates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from application.cases import CaseFilter, CasePage, LightCounts
from infrastructure.projections.engine import (
    CASE_COLUMNS,
    CASE_JOINS,
    OPEN_WITH_DEADLINE,
    SqlReads,
    case_summary,
    filter_clauses,
    read_uuid,
)

Rows = Callable[[str, dict[str, Any]], list[Any]]  # a read model's query runner


def case_where(case_filter: CaseFilter) -> tuple[str, dict[str, Any]]:
    """The WHERE clause and parameters for a filter."""
    clauses, params = filter_clauses(case_filter, "c")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class SqlCaseReads(SqlReads):
    """CaseReadModel over rm_cases (joined to the registry tables for names)."""

    def list_cases(self, case_filter: CaseFilter) -> CasePage:
        """A page of cases, most recent activity first."""
        where, params = case_where(case_filter)
        total = self._rows(f"SELECT COUNT(*) AS n FROM rm_cases c{where}", params)[0]["n"]
        page_params = {**params, "limit": case_filter.per_page, "offset": (case_filter.page - 1) * case_filter.per_page}
        rows = self._rows(
            f"SELECT {CASE_COLUMNS} {CASE_JOINS}{where} "
            "ORDER BY c.last_activity_at DESC, c.case_id LIMIT :limit OFFSET :offset",
            page_params,
        )
        return CasePage([case_summary(r) for r in rows], int(total), case_filter.page, case_filter.per_page)

    def deadline_board(
        self, case_filter: CaseFilter, today: date, yellow_until: date, blue_until: date
    ) -> tuple[CasePage, LightCounts]:
        """Open cases with a deadline, earliest due first, and how many show each light."""
        where, params = case_where(case_filter)
        statuses = {f"open{i}": status for i, status in enumerate(OPEN_WITH_DEADLINE)}
        open_clause = f"c.status IN ({', '.join(':' + k for k in statuses)}) AND c.due_on IS NOT NULL"
        where = f"{where} AND {open_clause}" if where else f" WHERE {open_clause}"
        params.update(statuses)
        counts = self._rows(
            "SELECT SUM(CASE WHEN c.due_on < :today THEN 1 ELSE 0 END) AS red, "
            "SUM(CASE WHEN c.due_on >= :today AND c.due_on <= :yellow THEN 1 ELSE 0 END) AS yellow, "
            "SUM(CASE WHEN c.due_on > :yellow AND c.due_on <= :blue THEN 1 ELSE 0 END) AS blue, "
            f"SUM(CASE WHEN c.due_on > :blue THEN 1 ELSE 0 END) AS green FROM rm_cases c{where}",
            {**params, "today": today, "yellow": yellow_until, "blue": blue_until},
        )[0]
        light_counts = LightCounts(*(int(counts[k] or 0) for k in ("red", "yellow", "blue", "green")))
        rows = self._rows(
            f"SELECT {CASE_COLUMNS} {CASE_JOINS}{where} ORDER BY c.due_on, c.case_id LIMIT :limit OFFSET :offset",
            {**params, "limit": case_filter.per_page, "offset": (case_filter.page - 1) * case_filter.per_page},
        )
        total = sum((light_counts.red, light_counts.yellow, light_counts.blue, light_counts.green))
        page = CasePage([case_summary(r) for r in rows], total, case_filter.page, case_filter.per_page)
        return page, light_counts

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
