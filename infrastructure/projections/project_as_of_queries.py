"""Task forces, their problem lists and the project ledgers as they stood at a past moment, from rm_case_versions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from application.accounts.access import CaseScope
from application.projects.ports import MeetingRow, ProblemRow, ProjectRow, TaskForceRow
from infrastructure.projections.as_of_queries import HELD_AT, VERSION_COLUMNS, VERSION_JOINS
from infrastructure.projections.dialect import read_date, read_json, read_ts

# The same definitions as today's counts (project_queries.py), applied to the version held at the cutoff.
OPEN_THEN = "v.status NOT IN ('closed', 'cannot_do')"
UNRESOLVED_THEN = "v.status NOT IN ('closed', 'cannot_do', 'resolved')"
TASK_FORCE_GROUP = ("t.key, t.name, t.leader, t.member_units, t.purpose, t.formed_on, t.project, t.dissolved_on, "
                    "t.summary, t.version")


def _in(prefix: str, values: tuple[str, ...], params: dict[str, Any]) -> str:
    params.update({f"{prefix}{i}": v for i, v in enumerate(values)})
    return ", ".join(f":{prefix}{i}" for i in range(len(values))) or "NULL"


class SqlProjectAsOfQueries:
    """ProjectVersionsReadModel; mixed into SqlCaseReadModel (needs its _rows and _case_summary's columns)."""

    _rows: Any

    def task_forces_as_of(self, keys: tuple[str, ...] | None, cutoff: datetime, day: date,
                          scope: CaseScope | None = None) -> list[TaskForceRow]:
        """Task forces formed by the day, with their problem lists' counts (within a scope, if given) and meetings
        as they stood then."""
        from infrastructure.projections.queries import scoped_join  # noqa: PLC0415 - queries mixes this module in

        params: dict[str, Any] = {"cutoff": cutoff, "day": day}
        where = " WHERE t.formed_on <= :day" + ("" if keys is None else f" AND t.key IN ({_in('k', keys, params)})")
        where = scoped_join("v", scope, params) + where
        rows = self._rows(
            f"SELECT {TASK_FORCE_GROUP}, COUNT(v.case_id) AS total, "
            f"SUM(CASE WHEN {OPEN_THEN} THEN 1 ELSE 0 END) AS open_count, "
            f"SUM(CASE WHEN {UNRESOLVED_THEN} AND v.due_on < :day THEN 1 ELSE 0 END) AS overdue, "
            "SUM(CASE WHEN v.status = 'closed' THEN 1 ELSE 0 END) AS struck_off, "
            "(SELECT COUNT(*) FROM rm_meetings m WHERE m.task_force = t.key AND m.recorded_at < :cutoff) AS held "
            f"FROM rm_task_forces t LEFT JOIN rm_case_versions v ON v.task_force = t.key AND {HELD_AT}{where} "
            f"GROUP BY {TASK_FORCE_GROUP} ORDER BY t.key", params)
        return [self._task_force_then(r, day) for r in rows]

    @staticmethod
    def _task_force_then(r: Any, day: date) -> TaskForceRow:
        # A task force dissolved after the day was still at work then.
        dissolved_on = read_date(r["dissolved_on"])
        dissolved = dissolved_on is not None and dissolved_on <= day
        return TaskForceRow(
            r["key"], r["name"], r["leader"], list(read_json(r["member_units"])), r["purpose"],
            read_date(r["formed_on"]), r["project"], dissolved_on if dissolved else None,
            r["summary"] if dissolved else "", int(r["held"] or 0), int(r["version"]), int(r["total"] or 0),
            int(r["open_count"] or 0), int(r["overdue"] or 0), int(r["struck_off"] or 0))

    def meetings_as_of(self, task_force: str, cutoff: datetime) -> list[MeetingRow]:
        """A task force's meetings recorded before the cutoff, first to last."""
        rows = self._rows("SELECT * FROM rm_meetings WHERE task_force = :tf AND recorded_at < :cutoff ORDER BY number",
                          {"tf": task_force, "cutoff": cutoff})
        return [MeetingRow(
            r["task_force"], int(r["number"]), read_date(r["held_on"]), r["title"], read_json(r["attendees"]),
            read_json(r["decisions"]), read_json(r["listed"]), read_json(r["deadline_changes"]),
            read_json(r["struck_off"]), read_ts(r["recorded_at"]), r["recorded_by"]) for r in rows]

    def problems_as_of(self, cutoff: datetime, *, task_force: str | None = None, project: str | None = None,
                       scope: CaseScope | None = None) -> list[ProblemRow]:
        """The cases on a task force's list or a project's ledger as they stood before the cutoff, oldest first;
        with a scope, only the cases that person may see now."""
        from infrastructure.projections.queries import _case_summary, scope_where  # noqa: PLC0415 - mixes this in

        column, value = ("task_force", task_force) if task_force is not None else ("project", project)
        params: dict[str, Any] = {"cutoff": cutoff, "value": value}
        where = f"WHERE {HELD_AT} AND v.{column} = :value"
        if scope is not None and not scope.everything:
            scope_sql, scope_params = scope_where(scope)
            where, params = f"{where} AND {scope_sql}", {**params, **scope_params}
        rows = self._rows(
            f"SELECT {VERSION_COLUMNS}, v.project, v.closed_on, v.satisfaction {VERSION_JOINS} "
            f"{where} ORDER BY v.logged_at, v.case_id", params)
        # Supporting units and progress notes are not kept per version: a past row leaves them out.
        return [ProblemRow(_case_summary(r), [], r["project"], read_date(r["closed_on"]), r["satisfaction"])
                for r in rows]

    def projects_as_of(self, keys: tuple[str, ...] | None, cutoff: datetime,
                       scope: CaseScope | None = None) -> list[ProjectRow]:
        """Projects with their ledgers' counts (within a scope, if given) as they stood before the cutoff (the
        stage is not kept per day)."""
        from infrastructure.projections.queries import scoped_join  # noqa: PLC0415 - queries mixes this module in

        params: dict[str, Any] = {"cutoff": cutoff}
        where = " WHERE p.registered_at < :cutoff"  # not yet registered then: not on the list then
        where += "" if keys is None else f" AND p.key IN ({_in('k', keys, params)})"
        where = scoped_join("v", scope, params) + where
        rows = self._rows(
            "SELECT p.key, p.kind, p.name, p.enterprise_uscc, e.name AS enterprise_name, p.park, p.investment_cny, "
            f"p.task_force, p.version, COUNT(v.case_id) AS total, SUM(CASE WHEN {OPEN_THEN} THEN 1 ELSE 0 END) "
            "AS open_count FROM rm_projects p LEFT JOIN rm_enterprises e ON e.uscc = p.enterprise_uscc "
            f"LEFT JOIN rm_case_versions v ON v.project = p.key AND {HELD_AT}{where} "
            "GROUP BY p.key, p.kind, p.name, p.enterprise_uscc, e.name, p.park, p.investment_cny, p.task_force, "
            "p.version ORDER BY p.kind, p.key", params)
        return [ProjectRow(
            r["key"], r["kind"], r["name"], r["enterprise_uscc"], r["enterprise_name"] or "", r["park"],
            None if r["investment_cny"] is None else int(r["investment_cny"]), "", r["task_force"],
            int(r["version"]), int(r["total"] or 0), int(r["open_count"] or 0)) for r in rows]
