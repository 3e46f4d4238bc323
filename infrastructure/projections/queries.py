"""The SQL behind the case list and the registry lookups (the read side's 'views')."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from application.accounts.access import CaseScope
from application.cases.ports import (
    CaseFilter, CasePage, CaseSummary, EnterpriseSummary, LightCounts, TaskForceSummary, UnitSummary,
)
from infrastructure.projections.dialect import Dialect, read_date, read_json, read_ts, read_uuid
from infrastructure.projections.accountability_queries import SqlAccountabilityQueries
from infrastructure.projections.as_of_queries import SqlAsOfQueries
from infrastructure.projections.project_as_of_queries import SqlProjectAsOfQueries
from infrastructure.projections.project_queries import SqlProjectQueries
from infrastructure.projections.finding_queries import SqlFindingQueries

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
EQUALITY_FILTERS = ("status", "lead_unit", "task_force", "channel", "category", "enterprise_uscc", "street")


def case_where(case_filter: CaseFilter) -> tuple[str, dict[str, Any]]:
    """The WHERE clause and parameters for a filter."""
    clauses, params = [], {}
    for name in EQUALITY_FILTERS:
        value = getattr(case_filter, name)
        if value:
            clauses.append(f"c.{name} = :{name}")
            params[name] = value
    if case_filter.scope is not None and not case_filter.scope.everything:
        scope_sql, scope_params = scope_where(case_filter.scope)
        clauses.append(scope_sql)
        params.update(scope_params)
    if case_filter.text and case_filter.text.strip():
        clauses.append("c.search_text LIKE :text ESCAPE '\\'")
        params["text"] = "%" + _escape_like(case_filter.text.strip().lower()) + "%"
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def scope_where(scope: CaseScope) -> tuple[str, dict[str, Any]]:
    """The cases a person may see: the same rule as application.accounts.access.in_scope, in SQL."""
    ors, params = ["c.logged_by = :scope_user"], {"scope_user": scope.logged_by or ""}
    if scope.units:
        names = _in_list("scope_unit", scope.units, params)
        ors.append(f"c.case_id IN (SELECT case_id FROM rm_case_units WHERE unit IN ({names}))")
    if scope.task_forces:
        ors.append(f"c.task_force IN ({_in_list('scope_tf', scope.task_forces, params)})")
    if scope.street:
        ors.append("c.street = :scope_street")
        params["scope_street"] = scope.street
    if scope.projects:
        ors.append(f"c.project IN ({_in_list('scope_project', scope.projects, params)})")
    return "(" + " OR ".join(ors) + ")", params


def scoped_join(alias: str, scope: CaseScope | None, params: dict[str, Any]) -> str:
    """An extra join condition keeping only the cases of `alias` the scope may see ("" for everything)."""
    if scope is None or scope.everything:
        return ""
    scope_sql, scope_params = scope_where(scope)
    params.update(scope_params)
    return f" AND {alias}.case_id IN (SELECT c.case_id FROM rm_cases c WHERE {scope_sql})"


def _in_list(prefix: str, values: tuple[str, ...], params: dict[str, Any]) -> str:
    names = []
    for index, value in enumerate(values):
        params[f"{prefix}{index}"] = value
        names.append(f":{prefix}{index}")
    return ", ".join(names)


def _escape_like(text: str) -> str:
    # Users search literally: % and _ are characters, not wildcards.
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class SqlCaseReadModel(SqlAsOfQueries, SqlProjectAsOfQueries, SqlProjectQueries, SqlFindingQueries,
                       SqlAccountabilityQueries):
    """CaseReadModel (and ProjectReadModel) over the rm_* tables, on SQLite or PostgreSQL."""

    def __init__(self, datastore: Any, dialect: Dialect) -> None:
        self.datastore = datastore
        self.dialect = dialect

    def _rows(self, statement: str, params: dict[str, Any] | None = None) -> list[Any]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.dialect.sql(statement), self.dialect.params(params or {}))
            return list(cursor.fetchall())

    def list_cases(self, case_filter: CaseFilter) -> CasePage:
        """A page of cases, most recent activity first."""
        where, params = case_where(case_filter)
        total = self._rows(f"SELECT COUNT(*) AS n FROM rm_cases c{where}", params)[0]["n"]
        page_params = {**params, "limit": case_filter.per_page,
                       "offset": (case_filter.page - 1) * case_filter.per_page}
        rows = self._rows(
            f"SELECT {CASE_COLUMNS} {CASE_JOINS}{where} "
            "ORDER BY c.last_activity_at DESC, c.case_id LIMIT :limit OFFSET :offset",
            page_params,
        )
        return CasePage([_case_summary(r) for r in rows], int(total), case_filter.page, case_filter.per_page)

    def deadline_board(self, case_filter: CaseFilter, today: date, yellow_until: date, blue_until: date
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
        page = CasePage([_case_summary(r) for r in rows], total, case_filter.page, case_filter.per_page)
        return page, light_counts

    def list_units(self) -> list[UnitSummary]:
        """Every unit, by name."""
        rows = self._rows("SELECT key, name, short_name FROM rm_units ORDER BY key")
        return [UnitSummary(r["key"], r["name"], r["short_name"]) for r in rows]

    def list_task_forces(self) -> list[TaskForceSummary]:
        """Every task force, by name."""
        rows = self._rows("SELECT key, name, leader, member_units FROM rm_task_forces ORDER BY key")
        return [TaskForceSummary(r["key"], r["name"], r["leader"], read_json(r["member_units"])) for r in rows]

    def search_enterprises(self, query: str, limit: int = 10) -> list[EnterpriseSummary]:
        """Enterprises whose name or code contains the query."""
        pattern = "%" + _escape_like(query.strip().upper() if _looks_like_code(query) else query.strip()) + "%"
        rows = self._rows(
            "SELECT uscc, name, street, industry FROM rm_enterprises "
            "WHERE name LIKE :q ESCAPE '\\' OR uscc LIKE :q ESCAPE '\\' ORDER BY name LIMIT :limit",
            {"q": pattern, "limit": limit},
        )
        return [EnterpriseSummary(r["uscc"], r["name"], r["street"], r["industry"]) for r in rows]

    def cases_needing_attention(self, today: date, horizon: date, district_cutoff: date) -> list[UUID]:
        """Candidates for the scheduler (the aggregate has the last word)."""
        return _cases_needing_attention(self, today, horizon, district_cutoff)

    def open_cases_due_from(self, day: date) -> list[UUID]:
        """Open cases whose due date is on or after day (candidates when a schedule is published)."""
        return _open_cases_due_from(self, day)

    def get_enterprise(self, uscc: str) -> EnterpriseSummary | None:
        """One enterprise by code."""
        rows = self._rows(
            "SELECT uscc, name, street, industry FROM rm_enterprises WHERE uscc = :uscc", {"uscc": uscc}
        )
        return EnterpriseSummary(rows[0]["uscc"], rows[0]["name"], rows[0]["street"], rows[0]["industry"]) if rows else None


OPEN_WITH_DEADLINE = ("assigned", "accepted", "reopened", "returned")


def _open_cases_due_from(model: "SqlCaseReadModel", day: date) -> list[UUID]:
    statuses = {f"s{i}": status for i, status in enumerate(OPEN_WITH_DEADLINE)}
    names = ", ".join(f":{name}" for name in statuses)
    rows = model._rows(f"SELECT case_id FROM rm_cases WHERE status IN ({names}) AND due_on >= :day",
                       {**statuses, "day": day})
    return [read_uuid(r["case_id"]) for r in rows]


def _cases_needing_attention(model: "SqlCaseReadModel", today: date, horizon: date, cutoff: date) -> list[UUID]:
    statuses = {f"s{i}": status for i, status in enumerate(OPEN_WITH_DEADLINE)}
    names = ", ".join(f":{name}" for name in statuses)
    rows = model._rows(
        f"SELECT case_id FROM rm_cases WHERE status IN ({names}) AND due_on <= :horizon AND ("
        " due_on >= :today"
        " OR escalation_level IS NULL"
        " OR (escalation_level <> 'district_leader' AND due_on <= :cutoff)) ORDER BY due_on",
        {**statuses, "today": today, "horizon": horizon, "cutoff": cutoff},
    )
    return [read_uuid(r["case_id"]) for r in rows]


def _looks_like_code(query: str) -> bool:
    return query.strip().isascii() and any(ch.isdigit() for ch in query)


def _case_summary(row: Any) -> CaseSummary:
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
