"""Use cases of key projects: registering, secretaries, milestones, stage and the problem ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from application.cases import CaseQueries
from application.registry import RegistryCommands
from application.shared.access import Permission, Principal, require
from application.shared.clock import Clock
from application.shared.errors import Forbidden
from application.shared.store import Store
from domain.cases import Case
from domain.projects import KeyProject
from domain.registry import Enterprise
from domain.shared.errors import InvalidValue


@dataclass(frozen=True)
class ProjectDetails:
    """A project as typed on a form."""

    key: str
    name: str
    kind: str = "key_project"
    enterprise_uscc: str = ""
    park: str = ""
    investment_cny: int | None = None
    stage: str = ""
    task_force: str = ""


@dataclass(frozen=True)
class SecretaryDetails:
    """Who is appointed to a tier, from when."""

    tier: str
    secretary_id: str
    name: str
    unit: str
    appointed_on: date
    phone: str = ""

    def tenure(self) -> tuple[str, str, str, str, str, date]:
        """Tier, person, name, unit, phone and start, in the order the project's secretary events take them."""
        return self.tier, self.secretary_id, self.name, self.unit, self.phone, self.appointed_on


@dataclass(frozen=True)
class ProjectCommands:
    """Registering projects and following them: secretaries, milestones, ledger links."""

    store: Store
    clock: Clock
    case_queries: CaseQueries
    registry: RegistryCommands

    def register_project(self, principal: Principal, details: ProjectDetails) -> str:
        """Register a key project or a listing-reserve enterprise; its code must be new."""
        self._check_manages(principal)
        if details.enterprise_uscc and not self.store.exists(Enterprise.create_id(details.enterprise_uscc)):
            raise InvalidValue(f"企业 {details.enterprise_uscc} 尚未登记", "enterprise_uscc")
        if details.task_force:
            self.registry.require_task_force(details.task_force)
        project = KeyProject.register(
            details.key,
            details.kind,
            details.name,
            details.enterprise_uscc,
            details.park,
            details.investment_cny,
            details.stage,
            details.task_force,
            principal.actor,
            self.clock.now(),
        )
        if self.store.exists(project.id):
            raise InvalidValue(f"项目代码“{project.key}”已存在", "key")
        self.store.commit(project)
        return project.key

    def _project(self, key: str, expected_version: int) -> KeyProject:
        return self.store.load_expected(KeyProject.create_id(key), KeyProject, expected_version, "项目")

    def _followed_project(self, principal: Principal, key: str, expected_version: int) -> KeyProject:
        """The project, if the person manages projects or is one of its secretaries now."""
        self._check_follows(principal, key)
        return self._project(key, expected_version)

    def may_follow(self, principal: Principal, key: str) -> bool:
        """Whether the person may plan milestones, change the stage and link cases of this project."""
        try:
            require(principal, Permission.FOLLOW_PROJECTS)
            self._check_follows(principal, key)
        except Forbidden:
            return False
        return True

    def may_manage_projects(self, principal: Principal) -> bool:
        """Whether the person registers projects and appoints their secretaries (the desk, an admin)."""
        return principal.can(Permission.MANAGE_PROJECTS) and (principal.dispatch_all or principal.role == "admin")

    def _check_follows(self, principal: Principal, key: str) -> None:
        """Forbidden unless the person manages projects or is one of this project's secretaries now."""
        if not principal.can(Permission.MANAGE_PROJECTS):
            require(principal, Permission.FOLLOW_PROJECTS)
            if key not in self.case_queries.scope_of(principal).projects:
                raise Forbidden("无权操作：只有本项目的服务秘书可以执行此操作")
        else:
            self._check_manages(principal)

    def _check_manages(self, principal: Principal) -> None:
        """Forbidden unless the person is the dispatch desk or an admin (a task force's own lead is not)."""
        require(principal, Permission.MANAGE_PROJECTS)
        if not self.may_manage_projects(principal):
            raise Forbidden("无权操作：只有营商局调度台或系统管理员可以管理项目")

    def _secretary_project(
        self, principal: Principal, key: str, expected_version: int, secretary: SecretaryDetails
    ) -> KeyProject:
        """The project a secretary is appointed to, once the person may appoint and the unit exists."""
        require(principal, Permission.MANAGE_PROJECTS)
        self.registry.require_units([secretary.unit], "unit")
        return self._followed_project(principal, key, expected_version)

    def appoint_secretary(
        self, principal: Principal, key: str, expected_version: int, secretary: SecretaryDetails
    ) -> int:
        """Appoint a secretary to a vacant tier; returns the new version."""
        project = self._secretary_project(principal, key, expected_version, secretary)
        project.appoint_secretary(*secretary.tenure(), self.store.today(), principal.actor, self.clock.now())
        return self.store.commit_version(project)

    def replace_secretary(
        self, principal: Principal, key: str, expected_version: int, secretary: SecretaryDetails, reason: str
    ) -> int:
        """Another secretary takes over a tier; returns the new version."""
        project = self._secretary_project(principal, key, expected_version, secretary)
        project.replace_secretary(*secretary.tenure(), reason, self.store.today(), principal.actor, self.clock.now())
        return self.store.commit_version(project)

    def plan_milestone(self, principal: Principal, key: str, expected_version: int, name: str, planned_on: date) -> int:
        """Add a milestone to the schedule; returns the new version."""
        project = self._followed_project(principal, key, expected_version)
        project.plan_milestone(name, planned_on, principal.actor, self.clock.now())
        return self.store.commit_version(project)

    def replan_milestone(
        self, principal: Principal, key: str, expected_version: int, name: str, planned_on: date, reason: str
    ) -> int:
        """Move a milestone, with the reason; returns the new version."""
        project = self._followed_project(principal, key, expected_version)
        project.replan_milestone(name, planned_on, reason, principal.actor, self.clock.now())
        return self.store.commit_version(project)

    def schedule_milestone(
        self, principal: Principal, key: str, expected_version: int, name: str, planned_on: date, reason: str
    ) -> int:
        """Plan a new milestone, or re-plan one of that name (then the reason is required)."""
        project = self._followed_project(principal, key, expected_version)
        if name.strip() in project.milestones:
            project.replan_milestone(name.strip(), planned_on, reason, principal.actor, self.clock.now())
        else:
            project.plan_milestone(name, planned_on, principal.actor, self.clock.now())
        return self.store.commit_version(project)

    def achieve_milestone(
        self, principal: Principal, key: str, expected_version: int, name: str, achieved_on: date
    ) -> int:
        """Record a milestone as reached; returns the new version."""
        project = self._followed_project(principal, key, expected_version)
        project.achieve_milestone(name, achieved_on, self.store.today(), principal.actor, self.clock.now())
        return self.store.commit_version(project)

    def change_project_stage(
        self, principal: Principal, key: str, expected_version: int, stage: str, note: str = ""
    ) -> int:
        """The project moves to another stage; returns the new version."""
        project = self._followed_project(principal, key, expected_version)
        project.change_stage(stage, note, principal.actor, self.clock.now())
        return self.store.commit_version(project)

    def link_case_to_project(self, principal: Principal, case_id: UUID, expected_version: int, key: str) -> int:
        """Put a case on a project's ledger; returns the case's new version."""
        require(principal, Permission.FOLLOW_PROJECTS)  # a case event: never the admin's
        self._check_follows(principal, key)
        self.store.load(KeyProject.create_id(key), KeyProject, "项目")  # not found before anything else is said
        self.case_queries.case_in_scope(principal, case_id)  # not found when the person may not see the case
        case = self.store.load_expected(case_id, Case, expected_version, "问题")
        case.link_project(key, principal.actor, self.clock.now())
        return self.store.commit_version(case)
