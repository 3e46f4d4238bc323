"""One scenario timeline action replayed through the application, by an illustrative actor."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from application.accounts.access import Principal
from domain.cases.case import Case
from domain.shared.actor import Actor

if TYPE_CHECKING:
    from application.services import Services

# The district dispatch desk of the Business Environment Bureau directs and supervises every case.
DISPATCHER = Principal(Actor("dispatcher-yingshang", "营商局调度员", "task_force_lead"), unit="yingshang",
                       dispatch_all=True)
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
        raise ScenarioError(
            f"{action['on']} {action['action']}：数据中的单位 {unit} 不是当前牵头单位 {case.lead_unit}"
        )


Perform = Callable[["Services", UUID, int, Case, dict[str, Any], ScenarioActors], int]


def _classify(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    return g.cases.classify_case(cid, v, who.supervisor(case, a), a["disposition"], a.get("reason", ""))


def _assign(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    return g.cases.assign_case(cid, v, who.supervisor(case, a), lead_unit=a["lead_unit"],
                         working_days=a["working_days"], supporting_units=a.get("supporting_units", []),
                         task_force=a.get("task_force"))


def _accept(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    _expect_unit(case, a.get("unit"), a)
    return g.cases.accept_case(cid, v, who.handler(case.lead_unit))


def _return(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    _expect_unit(case, a.get("unit"), a)
    return g.cases.return_case(cid, v, who.handler(case.lead_unit), a["reason"])


def _transfer(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    _expect_unit(case, a.get("from_unit"), a)
    return g.cases.transfer_case(cid, v, who.supervisor(case, a), a["to_unit"], a["reason"])


def _progress(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    return g.cases.note_progress(cid, v, who.handler(case.lead_unit), a["note"])


def _remind(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    return g.cases.record_reminder(cid, v, who.supervisor(case, a), a["note"])


def _request_extension(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any],
                       who: ScenarioActors) -> int:
    return g.cases.request_extension(cid, v, who.handler(case.lead_unit), a["working_days"], a["reason"])


def _grant_extension(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any],
                     who: ScenarioActors) -> int:
    return g.cases.grant_extension(cid, v, who.supervisor(case, a), a.get("note", ""))


def _escalate(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    return g.cases.escalate_case(cid, v, who.supervisor(case, a), a["level"], a["reason"])


def _resolve(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    return g.cases.resolve_case(cid, v, who.handler(case.lead_unit), a["resolution"])


def _feedback(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    return g.cases.give_feedback(cid, v, who.logging_cadre(case), a["satisfaction"], a.get("comment", ""))


def _reopen(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    return g.cases.reopen_case(cid, v, who.supervisor(case, a), a["reason"])


def _cannot_do(g: "Services", cid: UUID, v: int, case: Case, a: dict[str, Any], who: ScenarioActors) -> int:
    return g.cases.register_cannot_do(cid, v, who.supervisor(case, a), a["reason"])


ACTIONS: dict[str, Perform] = {
    "classify": _classify,
    "assign": _assign,
    "accept": _accept,
    "return": _return,
    "transfer": _transfer,
    "progress": _progress,
    "remind": _remind,
    "request_extension": _request_extension,
    "grant_extension": _grant_extension,
    "escalate": _escalate,
    "resolve": _resolve,
    "feedback": _feedback,
    "reopen": _reopen,
    "register_cannot_do": _cannot_do,
}


def check_action_name(case_key: str, action: dict[str, Any]) -> None:
    """Fail before anything is saved if the data names an action the loader does not know."""
    if action.get("action") not in ACTIONS:
        raise ScenarioError(f"问题 {case_key} 的时间线含未知动作“{action.get('action')}”")


def perform(ganxin: "Services", case_id: UUID, action: dict[str, Any], actors: ScenarioActors) -> int:
    """Do one timeline action on the case at its current version; return the new version."""
    case = ganxin.case_queries.get_case(LOADER, case_id).case
    return ACTIONS[action["action"]](ganxin, case_id, case.version, case, action, actors)
