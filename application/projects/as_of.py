"""Time travel for task forces and projects: their lists and pages as they stood at a past moment.

Lists come from the temporal read model (rm_case_versions) and the dated rows of rm_task_forces, rm_meetings and
rm_secretaries; only the one task force or project a page is about is replayed from its own events."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from application.cases import CaseQueries, CasesAsOf, Moment
from application.projects.ports import MilestoneRow, ProjectReadModel, ProjectRow, SecretaryRow, TaskForceRow
from application.projects.queries import (
    MilestoneState,
    Problem,
    ProjectView,
    ProjectViews,
    TaskForceView,
    meetings_within,
    milestone_label,
)
from application.shared.as_of import AsOf
from application.shared.errors import NotFound
from application.shared.store import Store
from domain.projects import KeyProject
from domain.task_forces import TaskForce

if TYPE_CHECKING:
    from application.shared.access import Principal


class TaskForceNotYetFormed(NotFound):
    """The task force exists now but had not been formed at the moment asked for."""

    code = "task_force_not_yet_formed"


class ProjectNotYetRegistered(NotFound):
    """The project exists now but had not been registered at the moment asked for."""

    code = "project_not_yet_registered"


def secretaries_on(tenures: list[SecretaryRow], day: date) -> tuple[list[SecretaryRow], list[SecretaryRow]]:
    """Who served on the day (their tenure not yet ended) and who had served before and left."""
    serving = [t for t in tenures if t.since <= day and (t.until is None or t.until > day)]
    # The tenure's end is only known once it came: a tenure ended later reads as still running then.
    serving = [replace(t, until=None) for t in serving]
    return serving, [t for t in tenures if t.until is not None and t.until <= day]


@dataclass(frozen=True)
class ProjectsAsOf:
    """The task-force and project pages and lists as of a past moment, each person within their remit now."""

    store: Store
    reads: ProjectReadModel
    as_of: AsOf
    case_queries: CaseQueries
    project_views: ProjectViews
    cases_as_of: CasesAsOf

    def task_force_overview_as_of(self, principal: Principal, moment: Moment) -> list[TaskForceRow]:
        """The leader's view as it stood: task forces formed by then, their counts and meetings then."""
        return self.reads.task_forces_as_of(
            self.project_views.visible_task_forces(principal),
            moment.checked_cutoff,
            moment.day,
            self.case_queries.scope_of(principal),
        )

    def task_force_view_as_of(self, principal: Principal, key: str, moment: Moment) -> TaskForceView:
        """One task force's page as it stood: the task force replayed, its list and meetings from the read model."""
        visible = self.project_views.visible_task_forces(principal)
        if (visible is not None and key not in visible) or not self.reads.task_forces((key,), self.store.today()):
            raise NotFound("工作专班不存在", "key")
        force = self.as_of.as_at(TaskForce.create_id(key), moment.checked_cutoff, TaskForce)
        if force is None:
            raise TaskForceNotYetFormed(f"该工作专班在 {moment.label}（北京时间）时尚未成立", "as_of")
        versions = self.reads
        problems = [
            Problem(p, self.cases_as_of.summary_standing_on(p.case, moment.day))
            for p in versions.problems_as_of(
                moment.checked_cutoff, task_force=key, scope=self.case_queries.scope_of(principal)
            )
        ]
        meetings = meetings_within(
            versions.meetings_as_of(key, moment.checked_cutoff), problems, principal.sees_everything
        )
        since = [p for p in problems if p.row.case.last_activity_at > meetings[-1].recorded_at] if meetings else []
        return TaskForceView(_task_force_row(force, problems, len(meetings), moment.day), meetings, problems, since)

    def project_list_as_of(self, principal: Principal, moment: Moment) -> list[ProjectRow]:
        """Every visible project with its ledger's counts as they stood then."""
        return self.reads.projects_as_of(
            self.project_views.visible_projects(principal), moment.checked_cutoff, self.case_queries.scope_of(principal)
        )

    def project_view_as_of(self, principal: Principal, key: str, moment: Moment) -> ProjectView:
        """One project's page as it stood: the project replayed, its ledger and secretaries from the read model."""
        visible = self.project_views.visible_projects(principal)
        rows = self.reads.projects((key,)) if visible is None or key in visible else []
        if not rows:
            raise NotFound("项目不存在", "key")
        project = self.as_of.as_at(KeyProject.create_id(key), moment.checked_cutoff, KeyProject)
        if project is None:
            raise ProjectNotYetRegistered(f"该项目在 {moment.label}（北京时间）时尚未登记", "as_of")
        # Today's remit decides: a case since moved to a project this person does not serve stays hidden.
        scope = None if principal.sees_everything else self.case_queries.scope_of(principal)
        problems = [
            Problem(p, self.cases_as_of.summary_standing_on(p.case, moment.day))
            for p in self.reads.problems_as_of(moment.checked_cutoff, project=key, scope=scope)
        ]
        serving, served = secretaries_on(self.reads.secretaries((key,)), moment.day)
        milestones = [
            MilestoneState(row, milestone_label(row, moment.day))
            for row in (
                MilestoneRow(key, m["name"], m["planned_on"], m["first_planned_on"], m["achieved_on"], m["replans"])
                for m in project.milestones.values()
            )
        ]
        row = ProjectRow(
            project.key,
            project.kind,
            project.name,
            project.enterprise_uscc,
            rows[0].enterprise_name,
            project.park,
            project.investment_cny,
            project.stage,
            project.task_force,
            project.version,
            len(problems),
            sum(p.row.case.status not in ("closed", "cannot_do") for p in problems),
        )
        return ProjectView(row, serving, served, milestones, problems)


def _task_force_row(force: TaskForce, problems: list[Problem], meetings: int, day: date) -> TaskForceRow:
    """The replayed task force with its list's counts, as the overview counts them."""
    cases = [p.row.case for p in problems]
    unresolved = [c for c in cases if c.status not in ("closed", "cannot_do", "resolved")]
    return TaskForceRow(
        force.key,
        force.name,
        force.leader,
        list(force.member_units),
        force.purpose,
        force.formed_on,
        force.project,
        force.dissolved_on,
        getattr(force, "summary", ""),
        meetings,
        force.version,
        len(cases),
        sum(c.status not in ("closed", "cannot_do") for c in cases),
        sum(c.due_on is not None and c.due_on < day for c in unresolved),
        sum(c.status == "closed" for c in cases),
    )
