"""What the task-force, project and service-star pages read: rows kept by projections."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from application.cases import CaseSummary
from application.shared.access import CaseScope


@dataclass(frozen=True)
class TaskForceRow:
    """A task force with the counts of its problem list."""

    key: str
    name: str
    leader: str
    member_units: list[str]
    purpose: str
    formed_on: date
    project: str
    dissolved_on: date | None
    summary: str
    meetings: int
    version: int
    total: int = 0
    open: int = 0
    overdue: int = 0
    struck_off: int = 0


@dataclass(frozen=True)
class MeetingRow:
    """One coordination meeting as recorded."""

    task_force: str
    number: int
    held_on: date
    title: str
    attendees: list[str]
    decisions: list[str]
    listed: list[dict[str, Any]]
    deadline_changes: list[dict[str, Any]]
    struck_off: list[str]
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class ProblemRow:
    """A case as a problem list or ledger shows it."""

    case: CaseSummary
    supporting_units: list[str] = field(default_factory=list)
    project: str | None = None
    closed_on: date | None = None
    satisfaction: str | None = None
    latest_note: str = ""
    escalation_reason: str = ""


@dataclass(frozen=True)
class ProjectRow:
    """A key project or listing-reserve enterprise with its ledger counts."""

    key: str
    kind: str
    name: str
    enterprise_uscc: str
    enterprise_name: str
    park: str
    investment_cny: int | None
    stage: str
    task_force: str
    version: int
    total: int = 0
    open: int = 0


@dataclass(frozen=True)
class SecretaryRow:
    """One tenure of a secretary on a project (until is None while serving)."""

    project: str
    tier: str
    secretary_id: str
    name: str
    unit: str
    phone: str
    since: date
    until: date | None


@dataclass(frozen=True)
class MilestoneRow:
    """A milestone against its plan."""

    project: str
    name: str
    planned_on: date
    first_planned_on: date
    achieved_on: date | None
    replans: int


@dataclass(frozen=True)
class AwardRow:
    """The stars chosen for one period."""

    start: date
    end: date
    stars: list[dict[str, Any]]
    note: str
    chosen_by: str
    chosen_at: datetime


class ProjectReadModel(Protocol):
    """Queries over the task-force, project and award tables."""

    def task_forces(
        self, keys: tuple[str, ...] | None, today: date, scope: CaseScope | None = None
    ) -> list[TaskForceRow]:
        """Task forces (all when keys is None) with open, overdue and struck-off counts (of a scope's cases)."""
        ...

    def meetings(self, task_force: str) -> list[MeetingRow]:
        """A task force's meetings, first to last."""
        ...

    def problems(
        self, *, task_force: str | None = None, project: str | None = None, scope: CaseScope | None = None
    ) -> list[ProblemRow]:
        """The cases on a task force's problem list or a project's ledger, oldest first (within a scope, if given)."""
        ...

    def projects(self, keys: tuple[str, ...] | None, scope: CaseScope | None = None) -> list[ProjectRow]:
        """Projects (all when keys is None) with their ledger counts (of a scope's cases, if given)."""
        ...

    def secretaries(
        self, projects: tuple[str, ...] | None = None, secretary_id: str | None = None, current_only: bool = False
    ) -> list[SecretaryRow]:
        """Tenures, filtered by project or person."""
        ...

    def milestones(self, projects: tuple[str, ...] | None = None) -> list[MilestoneRow]:
        """Milestones in planned order."""
        ...

    def awards(self) -> list[AwardRow]:
        """Every period's chosen stars, newest first."""
        ...

    # As they stood at a cutoff (the temporal projection, rm_case_versions, and the dated rows).
    def task_forces_as_of(
        self, keys: tuple[str, ...] | None, cutoff: datetime, day: date, scope: CaseScope | None = None
    ) -> list[TaskForceRow]:
        """Task forces formed by the day with their counts then (of a scope's cases, if given)."""
        ...

    def meetings_as_of(self, task_force: str, cutoff: datetime) -> list[MeetingRow]:
        """Meetings recorded before the cutoff."""
        ...

    def problems_as_of(
        self,
        cutoff: datetime,
        *,
        task_force: str | None = None,
        project: str | None = None,
        scope: CaseScope | None = None,
    ) -> list[ProblemRow]:
        """A problem list or ledger as it stood before the cutoff (within a person's scope, if given)."""
        ...

    def projects_as_of(
        self, keys: tuple[str, ...] | None, cutoff: datetime, scope: CaseScope | None = None
    ) -> list[ProjectRow]:
        """Projects with their ledgers' counts then (of a scope's cases, if given)."""
        ...
