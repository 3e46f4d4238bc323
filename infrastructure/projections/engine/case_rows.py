"""Reading case rows and keeping to a person's scope: shared by every area that lists cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from application.cases import CaseFilter, CasePage, CaseSummary, LightCounts
from application.shared.access import CaseScope
from infrastructure.projections.engine.dialect import read_date, read_ts, read_uuid
from infrastructure.projections.engine.sql import in_list, like_pattern

CASE_COLUMNS = (
    "c.case_id, c.case_no, c.status, c.channel, c.category, c.description, c.enterprise_uscc, "
    "e.name AS enterprise_name, e.street AS street, c.lead_unit, u.name AS lead_unit_name, "
    "c.task_force, t.name AS task_force_name, c.due_on, c.deadline_provisional, c.logged_at, "
    "c.last_activity_at, c.version, c.original_due_on, c.resolved_on, c.escalation_level"
)
CASE_JOINS = (
    "FROM rm_cases c "
    "LEFT JOIN rm_enterprises e ON e.uscc = c.enterprise_uscc "
    "LEFT JOIN rm_units u ON u.key = c.lead_unit "
    "LEFT JOIN rm_task_forces t ON t.key = c.task_force"
)
# The list columns as rm_cases keeps a case now and rm_case_versions keeps each version (DDL, in table order).
LIST_COLUMNS_DDL = """
        case_no TEXT NOT NULL,
        status TEXT NOT NULL,
        channel TEXT NOT NULL,
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        enterprise_uscc TEXT NOT NULL,
        lead_unit TEXT,
        task_force TEXT,
        due_on {date},
        deadline_provisional {bool} NOT NULL,
        logged_at {ts} NOT NULL,
        last_activity_at {ts} NOT NULL,"""
EQUALITY_FILTERS = ("status", "lead_unit", "task_force", "channel", "category", "enterprise_uscc", "street")
OPEN_WITH_DEADLINE = ("assigned", "accepted", "reopened", "returned")

# The version of each case that held at the cutoff (rm_case_versions): it began before and was not yet replaced.
HELD_AT = "v.valid_from < :cutoff AND (v.valid_to IS NULL OR v.valid_to >= :cutoff)"
VERSION_COLUMNS = (
    "v.case_id, v.case_no, v.status, v.channel, v.category, v.description, v.enterprise_uscc, "
    "e.name AS enterprise_name, v.street AS street, v.lead_unit, u.name AS lead_unit_name, "
    "v.task_force, t.name AS task_force_name, v.due_on, v.deadline_provisional, v.logged_at, "
    "v.last_activity_at, v.version, v.original_due_on, v.resolved_on, v.escalation_level"
)
# rm_cases (alias c) is joined for the scope only: who may see a case is decided by the case as it is now.
VERSION_JOINS = (
    "FROM rm_case_versions v "
    "JOIN rm_cases c ON c.case_id = v.case_id "
    "LEFT JOIN rm_enterprises e ON e.uscc = v.enterprise_uscc "
    "LEFT JOIN rm_units u ON u.key = v.lead_unit "
    "LEFT JOIN rm_task_forces t ON t.key = v.task_force"
)


def filter_clauses(case_filter: CaseFilter, alias: str) -> tuple[list[str], dict[str, Any]]:
    """The conditions a filter puts on the case rows of `alias` (c: now, v: a past version); the scope is always
    checked on the case as it is now (c)."""
    clauses, params = [], {}
    for name in EQUALITY_FILTERS:
        value = getattr(case_filter, name)
        if value:
            clauses.append(f"{alias}.{name} = :{name}")
            params[name] = value
    if case_filter.scope is not None and not case_filter.scope.everything:
        scope_sql, scope_params = scope_where(case_filter.scope)
        clauses.append(scope_sql)
        params.update(scope_params)
    if case_filter.text and case_filter.text.strip():
        clauses.append(f"{alias}.search_text LIKE :text ESCAPE '\\'")
        params["text"] = like_pattern(case_filter.text.strip().lower())
    return clauses, params


def scope_where(scope: CaseScope) -> tuple[str, dict[str, Any]]:
    """The cases a person may see: the same rule as application.shared.access.in_scope, in SQL."""
    ors, params = ["c.logged_by = :scope_user"], {"scope_user": scope.logged_by or ""}
    if scope.units:
        names = in_list("scope_unit", scope.units, params)
        ors.append(f"c.case_id IN (SELECT case_id FROM rm_case_units WHERE unit IN ({names}))")
    if scope.task_forces:
        ors.append(f"c.task_force IN ({in_list('scope_tf', scope.task_forces, params)})")
    if scope.street:
        ors.append("c.street = :scope_street")
        params["scope_street"] = scope.street
    if scope.projects:
        ors.append(f"c.project IN ({in_list('scope_project', scope.projects, params)})")
    return "(" + " OR ".join(ors) + ")", params


def scoped_join(alias: str, scope: CaseScope | None, params: dict[str, Any]) -> str:
    """An extra join condition keeping only the cases of `alias` the scope may see ("" for everything)."""
    if scope is None or scope.everything:
        return ""
    scope_sql, scope_params = scope_where(scope)
    params.update(scope_params)
    return f" AND {alias}.case_id IN (SELECT c.case_id FROM rm_cases c WHERE {scope_sql})"


def case_summary(row: Any) -> CaseSummary:
    """A case list row from CASE_COLUMNS (or the same columns of a past version)."""
    return CaseSummary(
        case_id=read_uuid(row["case_id"]),
        case_no=row["case_no"],
        status=row["status"],
        channel=row["channel"],
        category=row["category"],
        description=row["description"],
        enterprise_uscc=row["enterprise_uscc"],
        enterprise_name=row["enterprise_name"] or row["enterprise_uscc"],
        street=row["street"] or "",
        lead_unit=row["lead_unit"],
        lead_unit_name=row["lead_unit_name"],
        task_force=row["task_force"],
        task_force_name=row["task_force_name"],
        due_on=read_date(row["due_on"]),
        deadline_provisional=bool(row["deadline_provisional"]),
        logged_at=read_ts(row["logged_at"]),
        last_activity_at=read_ts(row["last_activity_at"]),
        version=int(row["version"]),
        original_due_on=read_date(row["original_due_on"]),
        resolved_on=read_date(row["resolved_on"]),
        escalation_level=row["escalation_level"],
    )


Rows = Callable[[str, dict[str, Any]], list[Any]]  # a read model's query runner


def case_page(
    rows: Rows, alias: str, columns: str, joins: str, filtered: tuple[str, dict[str, Any]], case_filter: CaseFilter
) -> CasePage:
    """A page of the case rows of `alias` (c: now, v: as they stood) that the filtered WHERE picks, selected as
    `columns` over `joins`, most recent activity first."""
    where, params = filtered
    total = rows(f"SELECT COUNT(*) AS n {joins}{where}", params)[0]["n"]
    order = f"{alias}.last_activity_at DESC, {alias}.case_id"
    return _page(rows, f"SELECT {columns} {joins}{where} ORDER BY {order}", params, case_filter, int(total))


def _page(rows: Rows, select: str, params: dict[str, Any], case_filter: CaseFilter, total: int) -> CasePage:
    listed = rows(
        f"{select} LIMIT :limit OFFSET :offset",
        {**params, "limit": case_filter.per_page, "offset": (case_filter.page - 1) * case_filter.per_page},
    )
    return CasePage([case_summary(r) for r in listed], total, case_filter.page, case_filter.per_page)


def deadline_board(
    rows: Rows,
    alias: str,
    columns: str,
    joins: str,
    filtered: tuple[str, dict[str, Any]],
    case_filter: CaseFilter,
    lights: dict[str, date],
) -> tuple[CasePage, LightCounts]:
    """The board over the case rows of `alias` (c: now, v: as they stood) that the filtered WHERE picks: the open
    ones with a due day, earliest first, and how many show each light (against the days in `lights`: today,
    yellow, blue)."""
    where, params = filtered
    statuses = {f"open{i}": status for i, status in enumerate(OPEN_WITH_DEADLINE)}
    clause = f"{alias}.status IN ({', '.join(':' + k for k in statuses)}) AND {alias}.due_on IS NOT NULL"
    where = f"{where} AND {clause}" if where else f" WHERE {clause}"
    params = {**params, **statuses}
    due = f"{alias}.due_on"
    counts = rows(
        f"SELECT SUM(CASE WHEN {due} < :today THEN 1 ELSE 0 END) AS red, "
        f"SUM(CASE WHEN {due} >= :today AND {due} <= :yellow THEN 1 ELSE 0 END) AS yellow, "
        f"SUM(CASE WHEN {due} > :yellow AND {due} <= :blue THEN 1 ELSE 0 END) AS blue, "
        f"SUM(CASE WHEN {due} > :blue THEN 1 ELSE 0 END) AS green {joins}{where}",
        {**params, **lights},
    )[0]
    light_counts = LightCounts(*(int(counts[k] or 0) for k in ("red", "yellow", "blue", "green")))
    total = sum((light_counts.red, light_counts.yellow, light_counts.blue, light_counts.green))
    select = f"SELECT {columns} {joins}{where} ORDER BY {due}, {alias}.case_id"
    return _page(rows, select, params, case_filter, total), light_counts
