"""The SQL behind the task-force, project and service-star pages, now and as they stood at a past moment."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from application.projects import AwardRow, MeetingRow, MilestoneRow, ProblemRow, ProjectRow, SecretaryRow, TaskForceRow
from application.shared.access import CaseScope
from infrastructure.projections.engine import (
    CASE_COLUMNS,
    CASE_JOINS,
    HELD_AT,
    VERSION_COLUMNS,
    VERSION_JOINS,
    SqlReads,
    case_summary,
    in_list,
    read_date,
    scope_where,
    scoped_join,
)
from infrastructure.projections.projects.rows import (
    award_row,
    meeting_row,
    milestone_row,
    project_row,
    secretary_row,
    task_force_row,
    task_force_then_row,
)

ENDED = "('closed', 'cannot_do')"
SETTLED = "('closed', 'cannot_do', 'resolved')"
TASK_FORCE_GROUP = (
    "t.key, t.name, t.leader, t.member_units, t.purpose, t.formed_on, t.project, t.dissolved_on, t.summary, t.version"
)


def _ledger_counts(cases: str) -> str:
    """The cases on a list and the open ones, over alias `cases` (c: the cases now, v: as they stood)."""
    return (
        f"COUNT({cases}.case_id) AS total, SUM(CASE WHEN {cases}.status NOT IN {ENDED} THEN 1 ELSE 0 END) AS open_count"
    )


def _task_force_counts(cases: str, day: str) -> str:
    """The ledger counts, the unresolved cases past their due day (named by `day`) and those struck off."""
    return (
        f"{_ledger_counts(cases)}, "
        f"SUM(CASE WHEN {cases}.status NOT IN {SETTLED} AND {cases}.due_on < :{day} THEN 1 ELSE 0 END) AS overdue, "
        f"SUM(CASE WHEN {cases}.status = 'closed' THEN 1 ELSE 0 END) AS struck_off"
    )


def _filter(
    owner: str,
    keys: tuple[str, ...] | None,
    cases: str,
    scope: CaseScope | None,
    params: dict[str, Any],
    *conditions: str,
) -> str:
    """The scope's join condition on the cases (alias `cases`), then a WHERE on the rows of `owner`: the conditions
    given and, with keys, only those codes."""
    if keys is not None:
        conditions = (*conditions, f"{owner}.key IN ({in_list('k', keys, params)})")
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return scoped_join(cases, scope, params) + where


def _on_list(
    cases: str, task_force: str | None, project: str | None, scope: CaseScope | None, params: dict[str, Any]
) -> str:
    """The condition on the cases (alias `cases`) on a task force's list, or else on a project's ledger; with a
    scope, only the cases that person may see."""
    column, params["value"] = ("task_force", task_force) if task_force is not None else ("project", project)
    where = f"{cases}.{column} = :value"
    if scope is not None and not scope.everything:
        scope_sql, scope_params = scope_where(scope)
        params.update(scope_params)
        where = f"{where} AND {scope_sql}"
    return where


class SqlProjectReads(SqlReads):
    """ProjectReadModel over the task-force, project and award tables (and rm_case_versions for the past)."""

    def task_forces(
        self, keys: tuple[str, ...] | None, today: date, scope: CaseScope | None = None
    ) -> list[TaskForceRow]:
        """Task forces with the counts of their problem lists (the cases within a scope, if given), in code order."""
        params: dict[str, Any] = {"today": today}
        where = _filter("t", keys, "c", scope, params)
        rows = self._rows(
            f"SELECT t.*, {_task_force_counts('c', 'today')} "
            f"FROM rm_task_forces t LEFT JOIN rm_cases c ON c.task_force = t.key{where} "
            "GROUP BY t.key, t.id, t.name, t.leader, t.member_units, t.purpose, t.formed_on, t.project, "
            "t.dissolved_on, t.summary, t.meetings, t.version ORDER BY t.key",
            params,
        )
        return [task_force_row(r, int(r["meetings"]), read_date(r["dissolved_on"]), r["summary"]) for r in rows]

    def meetings(self, task_force: str) -> list[MeetingRow]:
        """A task force's meetings, first to last."""
        rows = self._rows("SELECT * FROM rm_meetings WHERE task_force = :tf ORDER BY number", {"tf": task_force})
        return [meeting_row(r) for r in rows]

    def problems(
        self, *, task_force: str | None = None, project: str | None = None, scope: CaseScope | None = None
    ) -> list[ProblemRow]:
        """The cases on a task force's list or a project's ledger, in the order they were logged;
        with a scope, only the cases that person may see."""
        params: dict[str, Any] = {}
        where = f"WHERE {_on_list('c', task_force, project, scope, params)}"
        rows = self._rows(
            f"SELECT {CASE_COLUMNS}, c.project, c.closed_on, c.satisfaction, c.latest_note, c.escalation_reason "
            f"{CASE_JOINS} {where} ORDER BY c.logged_at, c.case_id",
            params,
        )
        supporting = self._supporting([r["case_id"] for r in rows])
        return [
            ProblemRow(
                case_summary(r),
                supporting.get(str(r["case_id"]), []),
                r["project"],
                read_date(r["closed_on"]),
                r["satisfaction"],
                r["latest_note"],
                r["escalation_reason"],
            )
            for r in rows
        ]

    def _supporting(self, case_ids: list[Any]) -> dict[str, list[str]]:
        if not case_ids:
            return {}
        params: dict[str, Any] = {}
        names = in_list("c", tuple(case_ids), params)
        rows = self._rows(
            "SELECT cu.case_id, COALESCE(u.short_name, cu.unit) AS name FROM rm_case_units cu "
            f"LEFT JOIN rm_units u ON u.key = cu.unit WHERE cu.is_lead = :no AND cu.case_id IN ({names}) "
            "ORDER BY cu.unit",
            {**params, "no": False},
        )
        found: dict[str, list[str]] = {}
        for r in rows:
            found.setdefault(str(r["case_id"]), []).append(r["name"])
        return found

    def projects(self, keys: tuple[str, ...] | None, scope: CaseScope | None = None) -> list[ProjectRow]:
        """Projects with their ledger counts (the cases within a scope, if given), key projects first, then by code."""
        params: dict[str, Any] = {}
        where = _filter("p", keys, "c", scope, params)
        rows = self._rows(
            "SELECT p.key, p.kind, p.name, p.enterprise_uscc, e.name AS enterprise_name, p.park, p.investment_cny, "
            f"p.stage, p.task_force, p.version, {_ledger_counts('c')} "
            "FROM rm_projects p LEFT JOIN rm_enterprises e ON e.uscc = p.enterprise_uscc "
            f"LEFT JOIN rm_cases c ON c.project = p.key{where} "
            "GROUP BY p.key, p.kind, p.name, p.enterprise_uscc, e.name, p.park, p.investment_cny, p.stage, "
            "p.task_force, p.version ORDER BY p.kind, p.key",
            params,
        )
        return [project_row(r, r["stage"]) for r in rows]

    def secretaries(
        self, projects: tuple[str, ...] | None = None, secretary_id: str | None = None, current_only: bool = False
    ) -> list[SecretaryRow]:
        """Tenures, filtered by project and/or person, in project, tier and date order."""
        clauses, params = [], {}
        if projects is not None:
            clauses.append(f"project IN ({in_list('p', projects, params)})")
        if secretary_id is not None:
            clauses.append("secretary_id = :person")
            params["person"] = secretary_id
        if current_only:
            clauses.append("until IS NULL")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._rows(f"SELECT * FROM rm_secretaries{where} ORDER BY project, tier, since", params)
        return [secretary_row(r) for r in rows]

    def milestones(self, projects: tuple[str, ...] | None = None) -> list[MilestoneRow]:
        """Milestones in the order they were planned."""
        params: dict[str, Any] = {}
        where = "" if projects is None else f" WHERE project IN ({in_list('p', projects, params)})"
        rows = self._rows(f"SELECT * FROM rm_milestones{where} ORDER BY project, position", params)
        return [milestone_row(r) for r in rows]

    def awards(self) -> list[AwardRow]:
        """Every period's chosen stars, newest period first."""
        rows = self._rows("SELECT * FROM rm_star_awards ORDER BY period_start DESC, period_end DESC")
        return [award_row(r) for r in rows]

    # --- as they stood at a cutoff: the version of each case held then (rm_case_versions) ---------------
    def task_forces_as_of(
        self, keys: tuple[str, ...] | None, cutoff: datetime, day: date, scope: CaseScope | None = None
    ) -> list[TaskForceRow]:
        """Task forces formed by the day, with their problem lists' counts (within a scope, if given) and meetings
        as they stood then."""
        params: dict[str, Any] = {"cutoff": cutoff, "day": day}
        where = _filter("t", keys, "v", scope, params, "t.formed_on <= :day")
        rows = self._rows(
            f"SELECT {TASK_FORCE_GROUP}, {_task_force_counts('v', 'day')}, "
            "(SELECT COUNT(*) FROM rm_meetings m WHERE m.task_force = t.key AND m.recorded_at < :cutoff) AS held "
            f"FROM rm_task_forces t LEFT JOIN rm_case_versions v ON v.task_force = t.key AND {HELD_AT}{where} "
            f"GROUP BY {TASK_FORCE_GROUP} ORDER BY t.key",
            params,
        )
        return [task_force_then_row(r, day) for r in rows]

    def meetings_as_of(self, task_force: str, cutoff: datetime) -> list[MeetingRow]:
        """A task force's meetings recorded before the cutoff, first to last."""
        rows = self._rows(
            "SELECT * FROM rm_meetings WHERE task_force = :tf AND recorded_at < :cutoff ORDER BY number",
            {"tf": task_force, "cutoff": cutoff},
        )
        return [meeting_row(r) for r in rows]

    def problems_as_of(
        self,
        cutoff: datetime,
        *,
        task_force: str | None = None,
        project: str | None = None,
        scope: CaseScope | None = None,
    ) -> list[ProblemRow]:
        """The cases on a task force's list or a project's ledger as they stood before the cutoff, oldest first;
        with a scope, only the cases that person may see now."""
        params: dict[str, Any] = {"cutoff": cutoff}
        where = f"WHERE {HELD_AT} AND {_on_list('v', task_force, project, scope, params)}"
        rows = self._rows(
            f"SELECT {VERSION_COLUMNS}, v.project, v.closed_on, v.satisfaction {VERSION_JOINS} "
            f"{where} ORDER BY v.logged_at, v.case_id",
            params,
        )
        # Supporting units and progress notes are not kept per version: a past row leaves them out.
        return [
            ProblemRow(case_summary(r), [], r["project"], read_date(r["closed_on"]), r["satisfaction"]) for r in rows
        ]

    def projects_as_of(
        self, keys: tuple[str, ...] | None, cutoff: datetime, scope: CaseScope | None = None
    ) -> list[ProjectRow]:
        """Projects with their ledgers' counts (within a scope, if given) as they stood before the cutoff (the
        stage is not kept per day)."""
        params: dict[str, Any] = {"cutoff": cutoff}
        # Not yet registered then: not on the list then.
        where = _filter("p", keys, "v", scope, params, "p.registered_at < :cutoff")
        rows = self._rows(
            "SELECT p.key, p.kind, p.name, p.enterprise_uscc, e.name AS enterprise_name, p.park, p.investment_cny, "
            f"p.task_force, p.version, {_ledger_counts('v')} "
            "FROM rm_projects p LEFT JOIN rm_enterprises e ON e.uscc = p.enterprise_uscc "
            f"LEFT JOIN rm_case_versions v ON v.project = p.key AND {HELD_AT}{where} "
            "GROUP BY p.key, p.kind, p.name, p.enterprise_uscc, e.name, p.park, p.investment_cny, p.task_force, "
            "p.version ORDER BY p.kind, p.key",
            params,
        )
        return [project_row(r, "") for r in rows]
