"""Use cases for the registries: enterprises, units and task forces."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from application.shared.access import Permission, Principal, require
from application.shared.clock import Clock
from application.shared.errors import NotFound
from application.shared.store import Store
from domain.projects import KeyProject
from domain.registry import Enterprise, Unit, check_credit_code
from domain.shared.actor import Actor
from domain.shared.errors import InvalidValue
from domain.task_forces import TaskForce


@dataclass(frozen=True)
class EnterpriseDetails:
    """An enterprise as typed on a form: the code, and the rest if it is new."""

    uscc: str
    name: str = ""
    street: str = ""
    industry: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RegistryCommands:
    """Registering and looking up the things cases point at."""

    store: Store
    clock: Clock

    def register_unit(self, principal: Principal, key: str, name: str, short_name: str = "", head: str = "") -> str:
        """Add a responsible unit; its code must be new."""
        require(principal, Permission.MANAGE_REGISTRY)
        unit = Unit.register(key, name, short_name, head, principal.actor, self.clock.now())
        if self.store.exists(unit.id):
            raise InvalidValue(f"单位代码“{unit.key}”已存在", "key")
        self.store.commit(unit)
        return unit.key

    def form_task_force(
        self,
        principal: Principal,
        key: str,
        name: str,
        leader: str,
        member_units: list[str],
        purpose: str,
        formed_on: date,
        project: str = "",
    ) -> str:
        """Form a task force from registered units (for a key project, or a theme when project is empty)."""
        if not principal.dispatch_all:
            require(principal, Permission.MANAGE_REGISTRY)
        self.require_units(member_units, "member_units")
        task_force = TaskForce.form(
            key, name, leader, member_units, purpose, formed_on, principal.actor, self.clock.now(), project
        )
        if self.store.exists(task_force.id):
            raise InvalidValue(f"专班代码“{task_force.key}”已存在", "key")
        if task_force.project and not self.store.exists(KeyProject.create_id(task_force.project)):
            raise InvalidValue(f"未知的重点项目“{task_force.project}”，请先登记项目", "project")
        self.store.commit(task_force)
        return task_force.key

    def register_enterprise(self, principal: Principal, details: EnterpriseDetails) -> str:
        """Add an enterprise; its credit code must be new."""
        if not principal.can(Permission.LOG_VISIT):
            require(principal, Permission.MANAGE_REGISTRY)
        enterprise = self.new_enterprise(principal.actor, details)
        if self.store.exists(enterprise.id):
            raise InvalidValue(f"统一社会信用代码 {enterprise.uscc} 已登记", "uscc")
        self.store.commit(enterprise)
        return enterprise.uscc

    def new_enterprise(self, actor: Actor, details: EnterpriseDetails) -> Enterprise:
        """An unsaved enterprise built from a form's details."""
        return Enterprise.register(
            details.uscc, details.name, details.street, details.industry, details.tags, actor, self.clock.now()
        )

    def enterprise_or_new(self, actor: Actor, details: EnterpriseDetails) -> tuple[str, Enterprise | None]:
        """The registered enterprise's code, or a new unsaved one when the code is unknown."""
        code = check_credit_code(details.uscc).code
        if self.store.exists(Enterprise.create_id(code)):
            return code, None
        if not details.name.strip():
            raise InvalidValue(f"统一社会信用代码 {code} 尚未登记，请填写企业名称和所在街道", "enterprise_name")
        return code, self.new_enterprise(
            actor, EnterpriseDetails(code, details.name, details.street, details.industry, details.tags)
        )

    def require_units(self, keys: list[str], field_name: str) -> None:
        """Every key names a registered unit."""
        for key in keys:
            if not key or not self.store.exists(Unit.create_id(key)):
                raise InvalidValue(f"未知的单位“{key}”", field_name)

    def require_task_force(self, key: str) -> None:
        """The key names a task force."""
        if not self.store.exists(TaskForce.create_id(key)):
            raise InvalidValue(f"未知的工作专班“{key}”", "task_force")

    def get_task_force(self, key: str) -> TaskForce:
        """A task force by key."""
        try:
            return self.store.load(TaskForce.create_id(key), TaskForce, "工作专班")
        except NotFound:
            raise NotFound("工作专班不存在", "task_force") from None
