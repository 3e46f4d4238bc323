"""What the task-force and project pages show, read from the projections and scoped per person."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from uuid import UUID

from application.cases import BoardQueries, CaseQueries, Standing
from application.projects.ports import (
    MeetingRow,
    MilestoneRow,
    ProblemRow,
    ProjectReadModel,
    ProjectRow,
    SecretaryRow,
    TaskForceRow,
)
from application.shared.access import Permission, Principal, require
from application.shared.errors import NotFound
from application.shared.store import Store
from domain.shared.vocabulary import CaseStatus, Role


@dataclass(frozen=True)
class Problem:
    """A problem-list row with its light."""

    row: ProblemRow
    standing: Standing

    @property
    def struck_off_in_time(self) -> bool:
        """Struck off (销号) after being resolved within its time limit (the district reports count these)."""
        case = self.row.case
        return (
            self.row.closed_on is not None
            and case.resolved_on is not None
            and case.due_on is not None
            and case.resolved_on <= case.due_on
        )


@dataclass(frozen=True)
class TaskForceView:
    """A task force's page: members, meetings, the live problem list, what happened since the last meeting."""

    task_force: TaskForceRow
    meetings: list[MeetingRow]
    problems: list[Problem]
    since_last_meeting: list[Problem] = field(default_factory=list)

    @property
    def last_meeting(self) -> MeetingRow | None:
        """The latest meeting, if any."""
        return self.meetings[-1] if self.meetings else None

    @property
    def struck_off_in_time(self) -> int:
        """Problems struck off within their time limit."""
        return sum(p.struck_off_in_time for p in self.problems)

    @property
    def escalated(self) -> list[Problem]:
        """Problems raised above the task force."""
        return [p for p in self.problems if p.row.case.escalation_level]

    @property
    def awaiting_closure(self) -> int:
        """Problems resolved (已办结) but not yet struck off: waiting for the rating or the 销号."""
        return sum(p.row.case.status == CaseStatus.RESOLVED for p in self.problems)


@dataclass(frozen=True)
class MilestoneState:
    """A milestone with how it stands against plan today."""

    row: MilestoneRow
    label: str


@dataclass(frozen=True)
class ProjectView:
    """A project's page: secretaries now and before, milestones against plan, the ledger."""

    project: ProjectRow
    secretaries: list[SecretaryRow]
    past_secretaries: list[SecretaryRow]
    milestones: list[MilestoneState]
    problems: list[Problem]


def _same_case(typed: str) -> str:
    """A case id as a meeting recorded it (as typed), in the one spelling the read model uses."""
    try:
        return str(UUID(str(typed)))
    except ValueError:
        return str(typed)


def meetings_within(meetings: list[MeetingRow], problems: list[Problem], everything: bool) -> list[MeetingRow]:
    """The meetings naming only cases of the reader's list: minutes are no way round the remit."""
    if everything:
        return meetings
    seen = {str(p.row.case.case_id) for p in problems}
    return [
        replace(
            m,
            listed=[x for x in m.listed if _same_case(x.get("case_id", "")) in seen],
            deadline_changes=[x for x in m.deadline_changes if _same_case(x.get("case_id", "")) in seen],
            struck_off=[x for x in m.struck_off if _same_case(x) in seen],
        )
        for m in meetings
    ]


def milestone_label(row: MilestoneRow, today: date) -> str:
    """已按期完成 / 逾期完成 / 未到期 / 已逾期, plus how often it was re-planned."""
    if row.achieved_on is not None:
        label = "已按期完成" if row.achieved_on <= row.planned_on else "逾期完成"
    else:
        label = "已逾期" if row.planned_on < today else "未到期"
    return f"{label}（调整计划{row.replans}次）" if row.replans else label


@dataclass(frozen=True)
class ProjectViews:
    """Reading task forces and projects, each person within their remit.

    Seeing a task force or a project does not widen anyone's remit: every problem list, ledger and ranking
    shows only the cases the person may open at /cases/{id} (the same scope_of as the case list).
    """

    def project_names(self, keys: tuple[str, ...]) -> dict[str, str]:
        """Each named project's name by its key (what pages label a project with)."""
        return {p.key: p.name for p in self.reads.projects(keys)}

    store: Store
    reads: ProjectReadModel
    board: BoardQueries
    case_queries: CaseQueries

    def visible_task_forces(self, principal: Principal) -> tuple[str, ...] | None:
        """The task forces a person may read (None: all)."""
        require(principal, Permission.VIEW_PROJECTS)
        if principal.sees_everything:
            return None
        if principal.role == Role.TASK_FORCE_LEAD:
            return tuple(principal.task_forces)
        if principal.role == Role.UNIT_HANDLER:
            rows = self.reads.task_forces(None, self.store.today())
            return tuple(r.key for r in rows if principal.unit in r.member_units)
        mine = self.visible_projects(principal) or ()
        return tuple(sorted({p.task_force for p in self.reads.projects(mine) if p.task_force}))

    def visible_projects(self, principal: Principal) -> tuple[str, ...] | None:
        """The projects a person may read (None: all): a secretary's own, a lead's task forces' projects."""
        require(principal, Permission.VIEW_PROJECTS)
        if principal.sees_everything:
            return None
        if principal.role == Role.SERVICE_SECRETARY:
            return self.case_queries.scope_of(principal).projects
        forces = set(self.visible_task_forces(principal) or ())
        return tuple(p.key for p in self.reads.projects(None) if p.task_force in forces)

    def task_force_overview(self, principal: Principal) -> list[TaskForceRow]:
        """The leader's view: every visible task force with open, overdue and struck-off counts."""
        return self.reads.task_forces(
            self.visible_task_forces(principal), self.store.today(), self.case_queries.scope_of(principal)
        )

    def task_force_view(self, principal: Principal, key: str) -> TaskForceView:
        """One task force's page."""
        visible = self.visible_task_forces(principal)
        rows = (
            self.reads.task_forces((key,), self.store.today(), self.case_queries.scope_of(principal))
            if (visible is None or key in visible)
            else []
        )
        if not rows:
            raise NotFound("工作专班不存在", "key")
        problems = [
            Problem(p, self.board.standing_of(p.case))
            for p in self.reads.problems(task_force=key, scope=self.case_queries.scope_of(principal))
        ]
        meetings = meetings_within(self.reads.meetings(key), problems, principal.sees_everything)
        since = []
        if meetings:
            last = meetings[-1].recorded_at
            since = [p for p in problems if p.row.case.last_activity_at > last]
        return TaskForceView(rows[0], meetings, problems, since)

    def project_list(self, principal: Principal) -> list[ProjectRow]:
        """Every visible project (a secretary's: 'my projects')."""
        return self.reads.projects(self.visible_projects(principal), self.case_queries.scope_of(principal))

    def my_projects(self, principal: Principal) -> list[ProjectRow]:
        """The projects a secretary serves now."""
        require(principal, Permission.VIEW_PROJECTS)
        keys = tuple(
            sorted({r.project for r in self.reads.secretaries(secretary_id=principal.actor.user_id, current_only=True)})
        )
        return self.reads.projects(keys) if keys else []

    def project_view(self, principal: Principal, key: str) -> ProjectView:
        """One project's page."""
        visible = self.visible_projects(principal)
        visible_here = visible is None or key in visible
        rows = self.reads.projects((key,), self.case_queries.scope_of(principal)) if visible_here else []
        if not rows:
            raise NotFound("项目不存在", "key")
        tenures = self.reads.secretaries((key,))
        today = self.store.today()
        milestones = [MilestoneState(m, milestone_label(m, today)) for m in self.reads.milestones((key,))]
        problems = [
            Problem(p, self.board.standing_of(p.case))
            for p in self.reads.problems(project=key, scope=self.case_queries.scope_of(principal))
        ]
        return ProjectView(
            rows[0], [t for t in tenures if t.until is None], [t for t in tenures if t.until], milestones, problems
        )
