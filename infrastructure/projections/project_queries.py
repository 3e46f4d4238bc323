"""The SQL behind the task-force, project and service-star pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from application.accounts.access import CaseScope
from application.projects.ports import (
    AwardRow, MeetingRow, MilestoneRow, ProblemRow, ProjectRow, SecretaryRow, TaskForceRow,
)
from infrastructure.projections.dialect import read_date, read_json, read_ts

OPEN = "c.status NOT IN ('closed', 'cannot_do')"
UNRESOLVED = "c.status NOT IN ('closed', 'cannot_do', 'resolved')"


def _in(prefix: str, values: tuple[str, ...], params: dict[str, Any]) -> str:
    params.update({f"{prefix}{i}": v for i, v in enumerate(values)})
    return ", ".join(f":{prefix}{i}" for i in range(len(values))) or "NULL"


class SqlProjectQueries:
    """ProjectReadModel over the rm_* tables; mixed into SqlCaseReadModel (needs its _rows)."""

    _rows: Any

    def task_forces(self, keys: tuple[str, ...] | None, today: date,
                    scope: CaseScope | None = None) -> list[TaskForceRow]:
        """Task forces with the counts of their problem lists (the cases within a scope, if given), in code order."""
        from infrastructure.projections.queries import scoped_join  # noqa: PLC0415 - queries mixes this module in

        params: dict[str, Any] = {"today": today}
        where = "" if keys is None else f" WHERE t.key IN ({_in('k', keys, params)})"
        where = scoped_join("c", scope, params) + where
        rows = self._rows(
            "SELECT t.*, COUNT(c.case_id) AS total, "
            f"SUM(CASE WHEN {OPEN} THEN 1 ELSE 0 END) AS open_count, "
            f"SUM(CASE WHEN {UNRESOLVED} AND c.due_on < :today THEN 1 ELSE 0 END) AS overdue, "
            "SUM(CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END) AS struck_off "
            f"FROM rm_task_forces t LEFT JOIN rm_cases c ON c.task_force = t.key{where} "
            "GROUP BY t.key, t.id, t.name, t.leader, t.member_units, t.purpose, t.formed_on, t.project, "
            "t.dissolved_on, t.summary, t.meetings, t.version ORDER BY t.key", params)
        return [TaskForceRow(
            r["key"], r["name"], r["leader"], list(read_json(r["member_units"])), r["purpose"],
            read_date(r["formed_on"]), r["project"], read_date(r["dissolved_on"]), r["summary"], int(r["meetings"]),
            int(r["version"]), int(r["total"] or 0), int(r["open_count"] or 0), int(r["overdue"] or 0),
            int(r["struck_off"] or 0)) for r in rows]

    def meetings(self, task_force: str) -> list[MeetingRow]:
        """A task force's meetings, first to last."""
        rows = self._rows("SELECT * FROM rm_meetings WHERE task_force = :tf ORDER BY number", {"tf": task_force})
        return [MeetingRow(
            r["task_force"], int(r["number"]), read_date(r["held_on"]), r["title"], read_json(r["attendees"]),
            read_json(r["decisions"]), read_json(r["listed"]), read_json(r["deadline_changes"]),
            read_json(r["struck_off"]), read_ts(r["recorded_at"]), r["recorded_by"]) for r in rows]

    def problems(self, *, task_force: str | None = None, project: str | None = None,
                 scope: CaseScope | None = None) -> list[ProblemRow]:
        """The cases on a task force's list or a project's ledger, in the order they were logged;
        with a scope, only the cases that person may see."""
        from infrastructure.projections.queries import (  # noqa: PLC0415 - queries mixes this module in
            CASE_COLUMNS, CASE_JOINS, _case_summary, scope_where,
        )

        column, value = ("task_force", task_force) if task_force is not None else ("project", project)
        where, params = f"WHERE c.{column} = :value", {"value": value}
        if scope is not None and not scope.everything:
            scope_sql, scope_params = scope_where(scope)
            where, params = f"{where} AND {scope_sql}", {**params, **scope_params}
        rows = self._rows(
            f"SELECT {CASE_COLUMNS}, c.project, c.closed_on, c.satisfaction, c.latest_note, c.escalation_reason "
            f"{CASE_JOINS} {where} ORDER BY c.logged_at, c.case_id", params)
        supporting = self._supporting([r["case_id"] for r in rows])
        return [ProblemRow(
            _case_summary(r), supporting.get(str(r["case_id"]), []), r["project"], read_date(r["closed_on"]),
            r["satisfaction"], r["latest_note"], r["escalation_reason"]) for r in rows]

    def _supporting(self, case_ids: list[Any]) -> dict[str, list[str]]:
        if not case_ids:
            return {}
        params: dict[str, Any] = {}
        names = _in("c", tuple(case_ids), params)
        rows = self._rows(
            "SELECT cu.case_id, COALESCE(u.short_name, cu.unit) AS name FROM rm_case_units cu "
            f"LEFT JOIN rm_units u ON u.key = cu.unit WHERE cu.is_lead = :no AND cu.case_id IN ({names}) "
            "ORDER BY cu.unit", {**params, "no": False})
        found: dict[str, list[str]] = {}
        for r in rows:
            found.setdefault(str(r["case_id"]), []).append(r["name"])
        return found

    def projects(self, keys: tuple[str, ...] | None, scope: CaseScope | None = None) -> list[ProjectRow]:
        """Projects with their ledger counts (the cases within a scope, if given), key projects first, then by code."""
        from infrastructure.projections.queries import scoped_join  # noqa: PLC0415 - queries mixes this module in

        params: dict[str, Any] = {}
        where = "" if keys is None else f" WHERE p.key IN ({_in('k', keys, params)})"
        where = scoped_join("c", scope, params) + where
        rows = self._rows(
            "SELECT p.key, p.kind, p.name, p.enterprise_uscc, e.name AS enterprise_name, p.park, p.investment_cny, "
            f"p.stage, p.task_force, p.version, COUNT(c.case_id) AS total, "
            f"SUM(CASE WHEN {OPEN} THEN 1 ELSE 0 END) AS open_count "
            "FROM rm_projects p LEFT JOIN rm_enterprises e ON e.uscc = p.enterprise_uscc "
            f"LEFT JOIN rm_cases c ON c.project = p.key{where} "
            "GROUP BY p.key, p.kind, p.name, p.enterprise_uscc, e.name, p.park, p.investment_cny, p.stage, "
            "p.task_force, p.version ORDER BY p.kind, p.key", params)
        return [ProjectRow(
            r["key"], r["kind"], r["name"], r["enterprise_uscc"], r["enterprise_name"] or "", r["park"],
            None if r["investment_cny"] is None else int(r["investment_cny"]), r["stage"], r["task_force"],
            int(r["version"]), int(r["total"] or 0), int(r["open_count"] or 0)) for r in rows]

    def secretaries(self, projects: tuple[str, ...] | None = None, secretary_id: str | None = None,
                    current_only: bool = False) -> list[SecretaryRow]:
        """Tenures, filtered by project and/or person, in project, tier and date order."""
        clauses, params = [], {}
        if projects is not None:
            clauses.append(f"project IN ({_in('p', projects, params)})")
        if secretary_id is not None:
            clauses.append("secretary_id = :person")
            params["person"] = secretary_id
        if current_only:
            clauses.append("until IS NULL")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._rows(f"SELECT * FROM rm_secretaries{where} ORDER BY project, tier, since", params)
        return [SecretaryRow(r["project"], r["tier"], r["secretary_id"], r["name"], r["unit"], r["phone"],
                             read_date(r["since"]), read_date(r["until"])) for r in rows]

    def milestones(self, projects: tuple[str, ...] | None = None) -> list[MilestoneRow]:
        """Milestones in the order they were planned."""
        params: dict[str, Any] = {}
        where = "" if projects is None else f" WHERE project IN ({_in('p', projects, params)})"
        rows = self._rows(f"SELECT * FROM rm_milestones{where} ORDER BY project, position", params)
        return [MilestoneRow(r["project"], r["name"], read_date(r["planned_on"]), read_date(r["first_planned_on"]),
                             read_date(r["achieved_on"]), int(r["replans"])) for r in rows]

    def awards(self) -> list[AwardRow]:
        """Every period's chosen stars, newest period first."""
        rows = self._rows("SELECT * FROM rm_star_awards ORDER BY period_start DESC, period_end DESC")
        return [AwardRow(read_date(r["period_start"]), read_date(r["period_end"]), read_json(r["stars"]), r["note"],
                         r["chosen_by"], read_ts(r["chosen_at"])) for r in rows]
