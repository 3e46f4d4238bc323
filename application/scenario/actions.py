"""One scenario timeline action replayed through the application, by an illustrative actor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from application.shared.access import Principal
from domain.cases import CADRE, CASE_ACTION_BY_CODE, CHOICE, CHOICES, TEXT, UNIT_HANDLER, Case, CaseAction
from domain.shared.actor import Actor

if TYPE_CHECKING:
    from application.services import Services

# The district dispatch desk of the Business Environment Bureau directs and supervises every case.
DISPATCHER = Principal(
    Actor("dispatcher-yingshang", "营商局调度员", "task_force_lead"), unit="yingshang", dispatch_all=True
)
CADRES = {
    "hotline": Principal(Actor("cadre-hotline", "企业服务热线值班员", "cadre"), unit="yingshang"),
    "citizen_hotline": Principal(Actor("cadre-hotline", "企业服务热线值班员", "cadre"), unit="yingshang"),
    "ask_me_desk": Principal(Actor("cadre-desk", "“找我办”窗口工作人员", "cadre"), unit="yingshang"),
    "complaint": Principal(Actor("cadre-complaint", "营商环境投诉受理员", "cadre"), unit="yingshang"),
}
VISIT_CADRE = Principal(Actor("cadre-visit", "甘心入企走访干部", "cadre"), unit="yingshang")


LOADER = Principal(Actor("scenario-loader", "示范数据载入程序", "admin"))


class ScenarioError(ValueError):
    """The scenario data contradicts itself or the case (e.g. the wrong unit accepts)."""


class ScenarioActors:
    """Who does what in a replayed scenario: handlers per unit, leaders per task force."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.unit_names = {u["key"]: u.get("short_name") or u["name"] for u in data.get("units", [])}
        self.leaders = {t["key"]: t["leader"] for t in data.get("task_forces", [])}

    def cadre(self, channel: str) -> Principal:
        """The cadre who logs problems from this channel."""
        return CADRES.get(channel, VISIT_CADRE)

    def logging_cadre(self, case: Case) -> Principal:
        """The cadre who logged the case goes back to the enterprise for its rating (回访)."""
        return Principal(Actor.from_dict(case.logged_by), unit="yingshang")

    def handler(self, unit: str | None) -> Principal:
        """The person in the unit who acts on its cases."""
        if not unit:
            raise ScenarioError("该动作需要承办单位，但问题当前没有牵头单位")
        actor = Actor(f"handler-{unit}", f"{self.unit_names.get(unit, unit)}承办人", "unit_handler")
        return Principal(actor, unit=unit)

    def supervisor(self, case: Case, action: dict[str, Any]) -> Principal:
        """The task force's leader when the case is with a task force, else the bureau's dispatcher."""
        if action["action"] == "escalate" and action.get("level") == "task_force_leader":
            return DISPATCHER  # escalating *to* the task-force leader is the dispatcher's call
        # Bringing a case into a task force is the dispatch desk's call; from then on its leader directs it.
        task_force = case.task_force
        if task_force and task_force in self.leaders:
            actor = Actor(f"lead-{task_force}", self.leaders[task_force], "task_force_lead")
            return Principal(actor, task_forces=(task_force,))
        return DISPATCHER


def _expect_unit(case: Case, unit: str | None, action: dict[str, Any]) -> None:
    if unit is not None and unit != case.lead_unit:
        raise ScenarioError(f"{action['on']} {action['action']}：数据中的单位 {unit} 不是当前牵头单位 {case.lead_unit}")


def _arguments(case_action: CaseAction, a: dict[str, Any]) -> dict[str, Any]:
    """The command's keywords from the timeline entry: required values must be there, the rest default."""
    left_out: dict[str, Any] = {TEXT: "", CHOICE: None, CHOICES: []}
    return {f.name: a[f.name] if f.required else a.get(f.name, left_out[f.kind]) for f in case_action.fields}


def _actor(case_action: CaseAction, case: Case, a: dict[str, Any], who: ScenarioActors) -> Principal:
    """The cadre goes back to the enterprise, the lead unit's handler works the case, a supervisor directs it."""
    if CADRE in case_action.roles:
        return who.logging_cadre(case)
    if UNIT_HANDLER in case_action.roles:
        return who.handler(case.lead_unit)
    return who.supervisor(case, a)


def check_action_name(case_key: str, action: dict[str, Any]) -> None:
    """Fail before anything is saved if the data names an action the loader does not know."""
    if action.get("action") not in CASE_ACTION_BY_CODE:
        raise ScenarioError(f"问题 {case_key} 的时间线含未知动作“{action.get('action')}”")


def perform(ganxin: Services, case_id: UUID, action: dict[str, Any], actors: ScenarioActors) -> int:
    """Do one timeline action on the case at its current version; return the new version."""
    case = ganxin.case_queries.get_case(LOADER, case_id).case
    case_action = CASE_ACTION_BY_CODE[action["action"]]
    _expect_unit(case, action.get("unit", action.get("from_unit")), action)
    command = getattr(ganxin.cases, case_action.command)
    actor = _actor(case_action, case, action, actors)
    version: int = command(case_id, case.version, actor, **_arguments(case_action, action))
    return version
