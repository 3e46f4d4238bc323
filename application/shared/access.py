"""Who may see and do what: one policy for pages, the JSON API and any later interface.

Roles give permissions; scope says which cases a person may see at all. A case outside someone's
scope is reported as not found, so its existence is not hinted at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from domain.cases import CASE_ACTIONS, SYSTEM, actions_of_role
from domain.shared.actor import Actor
from domain.shared.vocabulary import Role


class Permission(str, Enum):  # noqa: UP042 - StrEnum would change what str() and format() of a member give
    """Things a route or use case may require."""

    VIEW_CASES = "view_cases"
    VIEW_CASE_HISTORY = "view_case_history"  # a case's events and past states: everyone who works cases, not admins
    LOG_VISIT = "log_visit"
    ACT_ON_CASES = "act_on_cases"  # which actions exactly: ROLE_ACTIONS
    VIEW_REGISTRY = "view_registry"
    MANAGE_REGISTRY = "manage_registry"
    MANAGE_ACCOUNTS = "manage_accounts"
    VIEW_AUDIT = "view_audit"
    VIEW_PROJECTS = "view_projects"  # task forces, key projects, handbook, service-star ranking (scoped)
    RUN_TASK_FORCES = "run_task_forces"  # meetings, members, leader, dissolving: the task force's lead
    MANAGE_PROJECTS = "manage_projects"  # register projects, appoint secretaries: admin and dispatch desk
    FOLLOW_PROJECTS = "follow_projects"  # milestones, stage, ledger links: the project's secretaries
    CHOOSE_STARS = "choose_stars"  # record the bimonthly service stars: the dispatch desk's leader
    VIEW_STAR_RANKING = "view_star_ranking"  # secretaries' scores: leads, inspectors, admins (not the ranked)
    VIEW_ACCOUNTABILITY = "view_accountability"  # the 中梗阻 report and the cannot-do ledger: inspectors, admins
    VIEW_FINDINGS = "view_findings"  # inspectors' findings are seen by inspectors only
    RECORD_FINDINGS = "record_findings"  # the one thing an inspector may write
    MANAGE_TAXONOMY = "manage_taxonomy"  # the manifestation list findings are classified under: admins
    PROVE_EVENTS = "prove_events"  # a proof carries the event itself (findings, histories): inspectors only


ACTION_LABELS = {action.code: action.label for action in CASE_ACTIONS}
SYSTEM_ROLE = SYSTEM
# Which case actions each role may take: derived from the table of case actions.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    role: actions_of_role(role) for role in [*(r.value for r in Role), SYSTEM_ROLE]
}
# Supporting units report what they did too, but only the lead unit accepts, returns or resolves.
SUPPORTING_UNIT_ACTIONS = frozenset(action.code for action in CASE_ACTIONS if action.supporting_units)

_READERS = {Permission.VIEW_CASES, Permission.VIEW_REGISTRY}
_HISTORY_READERS = _READERS | {Permission.VIEW_CASE_HISTORY}  # admins administer; they never read histories
_PROJECT_READERS = {Permission.VIEW_PROJECTS}
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.CADRE.value: frozenset(_HISTORY_READERS | {Permission.LOG_VISIT, Permission.ACT_ON_CASES}),
    Role.UNIT_HANDLER.value: frozenset(_HISTORY_READERS | _PROJECT_READERS | {Permission.ACT_ON_CASES}),
    Role.TASK_FORCE_LEAD.value: frozenset(
        _HISTORY_READERS
        | _PROJECT_READERS
        | {
            Permission.LOG_VISIT,
            Permission.ACT_ON_CASES,
            Permission.RUN_TASK_FORCES,
            Permission.MANAGE_PROJECTS,
            Permission.FOLLOW_PROJECTS,
            Permission.CHOOSE_STARS,
            Permission.VIEW_STAR_RANKING,
        }
    ),
    Role.SERVICE_SECRETARY.value: frozenset(
        _HISTORY_READERS
        | _PROJECT_READERS
        | {Permission.LOG_VISIT, Permission.ACT_ON_CASES, Permission.FOLLOW_PROJECTS}
    ),
    Role.INSPECTOR.value: frozenset(
        _HISTORY_READERS
        | _PROJECT_READERS
        | {
            Permission.VIEW_AUDIT,
            Permission.VIEW_STAR_RANKING,
            Permission.VIEW_ACCOUNTABILITY,
            Permission.VIEW_FINDINGS,
            Permission.RECORD_FINDINGS,
            Permission.PROVE_EVENTS,
        }
    ),
    Role.ADMIN.value: frozenset(
        _READERS
        | _PROJECT_READERS
        | {
            Permission.MANAGE_REGISTRY,
            Permission.MANAGE_ACCOUNTS,
            Permission.VIEW_AUDIT,
            Permission.MANAGE_PROJECTS,
            Permission.VIEW_ACCOUNTABILITY,
            Permission.MANAGE_TAXONOMY,
            Permission.VIEW_STAR_RANKING,
        }
    ),
}
SEES_EVERYTHING = frozenset({Role.INSPECTOR.value, Role.ADMIN.value})
AUDITED_READERS = SEES_EVERYTHING


@dataclass(frozen=True)
class Principal:
    """An authenticated person with their remit: unit, street, task forces."""

    actor: Actor
    unit: str | None = None
    street: str | None = None
    task_forces: tuple[str, ...] = field(default_factory=tuple)
    dispatch_all: bool = False  # the district dispatch desk (营商局): directs and supervises every case

    @property
    def role(self) -> str:
        """The role code."""
        return self.actor.role

    def can(self, permission: Permission) -> bool:
        """Whether the role carries this permission."""
        return permission in ROLE_PERMISSIONS.get(self.role, frozenset())

    @property
    def sees_everything(self) -> bool:
        """Inspectors, admins and the district dispatch desk read every case."""
        return (
            self.role in SEES_EVERYTHING
            or self.role == SYSTEM_ROLE
            or (self.dispatch_all and self.role == Role.TASK_FORCE_LEAD)
        )

    @property
    def is_audited_reader(self) -> bool:
        """Inspectors' and admins' reads of histories and reports are themselves recorded (admins read no history)."""
        return self.role in AUDITED_READERS


@dataclass(frozen=True)
class CaseScope:
    """Which cases a list may show: everything, or those matching any of these."""

    everything: bool = False
    logged_by: str | None = None
    units: tuple[str, ...] = ()
    task_forces: tuple[str, ...] = ()
    street: str | None = None
    projects: tuple[str, ...] = ()  # a secretary's projects (filled in by the application from the read model)


def case_scope(principal: Principal) -> CaseScope:
    """The scope of a principal's case lists."""
    if principal.sees_everything:
        return CaseScope(everything=True)
    role = principal.role
    units = (principal.unit,) if principal.unit and role in (Role.CADRE, Role.UNIT_HANDLER) else ()
    return CaseScope(
        logged_by=principal.actor.user_id,
        units=units,
        task_forces=principal.task_forces if role == Role.TASK_FORCE_LEAD else (),
        street=principal.street if role == Role.CADRE else None,
    )


@dataclass(frozen=True)
class CaseFacts:
    """What the policy needs to know about one case."""

    logged_by: str
    lead_unit: str | None
    supporting_units: tuple[str, ...]
    task_force: str | None
    street: str | None
    project: str | None = None


def in_scope(scope: CaseScope, case: CaseFacts) -> bool:
    """Whether a case is inside a scope (the same rule the list's SQL applies)."""
    if scope.everything:
        return True
    units = {case.lead_unit, *case.supporting_units} - {None}
    return any(
        (
            case.logged_by == scope.logged_by,
            bool(units & set(scope.units)),
            case.task_force is not None and case.task_force in scope.task_forces,
            scope.street is not None and case.street == scope.street,
            case.project is not None and case.project in scope.projects,
        )
    )


def allowed_actions(principal: Principal, case: CaseFacts, state_allows: list[str]) -> list[str]:
    """The actions this person may take on this case now: the role's, the remit's and the state's."""
    role_actions = ROLE_ACTIONS.get(principal.role, frozenset())
    if principal.role == Role.UNIT_HANDLER:
        if principal.unit in case.supporting_units:
            role_actions = role_actions & SUPPORTING_UNIT_ACTIONS
        elif principal.unit != case.lead_unit:
            role_actions = frozenset()
    elif principal.role == Role.TASK_FORCE_LEAD and not leads_case(principal, case):
        role_actions = frozenset()
    elif principal.role == Role.CADRE and case.logged_by != principal.actor.user_id:
        role_actions = frozenset()  # only the cadre who logged it asks the enterprise (no unit rates itself)
    return [action for action in state_allows if action in role_actions]


def leads_case(principal: Principal, case: CaseFacts) -> bool:
    """A lead directs the cases of their task forces, the dispatch desk every case.

    A lead also directs the problems they logged themselves until those are brought into a task force.
    """
    if principal.dispatch_all:
        return True
    if case.task_force is not None:
        return case.task_force in principal.task_forces
    return case.logged_by == principal.actor.user_id


def system_principal(name: str = "系统") -> Principal:
    """In-process jobs (the deadline scheduler): never an account, so never reachable over the web."""
    return Principal(actor=Actor("system", name, SYSTEM_ROLE), dispatch_all=True)


def require(principal: Principal, permission: Permission) -> None:
    """Forbidden unless the person's role carries the permission."""
    from application.shared.errors import Forbidden  # noqa: PLC0415 - errors import nothing from here; avoid a cycle

    if not principal.can(permission):
        raise Forbidden(f"您的角色（{Role(principal.role).label}）无权执行此操作")
