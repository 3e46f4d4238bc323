"""The case list and the deadline board as they stood at a past moment, from rm_case_versions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from application.cases import CaseFilter, CasePage, LightCounts
from infrastructure.projections.engine import (
    HELD_AT,
    OPEN_WITH_DEADLINE,
    VERSION_COLUMNS,
    VERSION_JOINS,
    SqlReads,
    case_summary,
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
        where, params = version_where(case_filter, cutoff)
        total = self._rows(f"SELECT COUNT(*) AS n {VERSION_JOINS}{where}", params)[0]["n"]
        rows = self._rows(
            f"SELECT {VERSION_COLUMNS} {VERSION_JOINS}{where} "
            "ORDER BY v.last_activity_at DESC, v.case_id LIMIT :limit OFFSET :offset",
            {**params, **_paging(case_filter)},
        )
        return CasePage([case_summary(r) for r in rows], int(total), case_filter.page, case_filter.per_page)

    def deadline_board_as_of(
        self, case_filter: CaseFilter, cutoff: datetime, today: date, yellow_until: date, blue_until: date
    ) -> tuple[CasePage, LightCounts]:
        """The board as it stood just before the cutoff, its lights counted against that day."""
        where, params = version_where(case_filter, cutoff)
        statuses = {f"open{i}": status for i, status in enumerate(OPEN_WITH_DEADLINE)}
        where += f" AND v.status IN ({', '.join(':' + k for k in statuses)}) AND v.due_on IS NOT NULL"
        params.update(statuses)
        counts = self._rows(
            "SELECT SUM(CASE WHEN v.due_on < :today THEN 1 ELSE 0 END) AS red, "
            "SUM(CASE WHEN v.due_on >= :today AND v.due_on <= :yellow THEN 1 ELSE 0 END) AS yellow, "
            "SUM(CASE WHEN v.due_on > :yellow AND v.due_on <= :blue THEN 1 ELSE 0 END) AS blue, "
            f"SUM(CASE WHEN v.due_on > :blue THEN 1 ELSE 0 END) AS green {VERSION_JOINS}{where}",
            {**params, "today": today, "yellow": yellow_until, "blue": blue_until},
        )[0]
        light_counts = LightCounts(*(int(counts[k] or 0) for k in ("red", "yellow", "blue", "green")))
        rows = self._rows(
            f"SELECT {VERSION_COLUMNS} {VERSION_JOINS}{where} ORDER BY v.due_on, v.case_id LIMIT :limit OFFSET :offset",
            {**params, **_paging(case_filter)},
        )
        total = light_counts.red + light_counts.yellow + light_counts.blue + light_counts.green
        page = CasePage([case_summary(r) for r in rows], total, case_filter.page, case_filter.per_page)
        return page, light_counts


def _paging(case_filter: CaseFilter) -> dict[str, int]:
    return {"limit": case_filter.per_page, "offset": (case_filter.page - 1) * case_filter.per_page}
