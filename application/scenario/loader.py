"""Loading a scenario: registries first, then every case action replayed through the application at its date.

The loader never writes events itself: it sets a ControlledClock to each action's day (09:00 in the
district, one minute later per action that day) and calls the same use cases people use, so the
history, deadlines and read models are what they would have been had the district used Ganxin all year.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Any
from uuid import UUID

from application.registry import EnterpriseDetails
from application.scenario.actions import LOADER, ScenarioActors, ScenarioError, check_action_name, perform
from application.scenario.projects import (
    link_project,
    perform_project_step,
    project_steps,
    read_bundled_supplement,
    register_projects,
)
from application.shared.clock import SHANGHAI, ControlledClock
from application.shared.errors import ApplicationError
from application.visits import ProblemInput, VisitInput
from domain.registry import Unit

if TYPE_CHECKING:
    from application.services import Services

__all__ = [
    "ScenarioAlreadyLoaded",
    "ScenarioError",
    "ScenarioResult",
    "load_scenario",
    "read_bundled_scenario",
    "scenario_clock",
    "scenario_start",
]

BUNDLED_SCENARIO = "ganjingzi.json"
REGISTRY_HOUR = 8  # registries are set up before the first case of the first day
ACTION_HOUR = 9


class ScenarioAlreadyLoaded(ApplicationError):
    """The scenario's units are already registered in this database; nothing was loaded again."""

    code = "scenario_already_loaded"
    status = 409


@dataclass(frozen=True)
class ScenarioResult:
    """What a load created: case ids and visit ids by scenario case key, and each case's key project."""

    case_ids: dict[str, UUID] = field(default_factory=dict)
    visit_ids: dict[str, UUID] = field(default_factory=dict)
    case_projects: dict[str, str] = field(default_factory=dict)
    actions: int = 0


@dataclass(frozen=True)
class _Step:
    """One moment of the global timeline: logging a visit's cases (index -1) or one action of one case."""

    on: date
    order: int
    index: int
    case_keys: tuple[str, ...]
    action: dict[str, Any] | None = None


def read_bundled_scenario() -> dict[str, Any]:
    """The Ganjingzi district scenario shipped with the package."""
    text = resources.files("application.scenario").joinpath(BUNDLED_SCENARIO).read_text(encoding="utf-8")
    # The district's file stays as the district gave it; what its reports add travels beside it.
    scenario: dict[str, Any] = json.loads(text)
    return scenario | {"supplement": read_bundled_supplement()}


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    """A district wall-clock moment, in UTC."""
    local = datetime.combine(day, time(hour), tzinfo=SHANGHAI) + timedelta(minutes=minute)
    return local.astimezone(UTC)


def scenario_start(data: dict[str, Any]) -> datetime:
    """Midnight (district time) of the earliest date the scenario mentions."""
    days = [_day(c["logged_on"]) for c in data.get("cases", [])]
    days += [_day(a["on"]) for c in data.get("cases", []) for a in c.get("timeline", [])]
    days += [_day(t["formed_on"]) for t in data.get("task_forces", []) if t.get("formed_on")]
    if not days:
        raise ScenarioError("场景数据中没有任何日期（cases / task_forces 为空）")
    return _at(min(days), 0)


def scenario_clock(data: dict[str, Any]) -> ControlledClock:
    """A controlled clock standing at the scenario's start, for build_services(clock=...)."""
    return ControlledClock(scenario_start(data))


def load_scenario(ganxin: Services, data: dict[str, Any], clock: ControlledClock) -> ScenarioResult:
    """Replay the scenario through the application; raise ScenarioAlreadyLoaded if its units exist."""
    _check_ready(ganxin, data, clock)
    steps = _timeline(data)
    first_day = scenario_start(data).astimezone(SHANGHAI).date()
    clock.set(_at(first_day, REGISTRY_HOUR))
    _register(ganxin, data)
    register_projects(ganxin, data, data.get("supplement", {}), first_day)
    return _replay(ganxin, data, clock, steps)


def _check_ready(ganxin: Services, data: dict[str, Any], clock: ControlledClock) -> None:
    if ganxin.store.clock is not clock:
        raise ValueError("load_scenario needs the ControlledClock the application was built with")
    for unit in data.get("units", []):
        if ganxin.store.exists(Unit.create_id(unit["key"])):
            raise ScenarioAlreadyLoaded(
                f"示范数据已载入过：单位“{unit['name']}”已登记，未重复载入 / scenario already loaded", "units"
            )
    start = scenario_start(data)
    if clock.now() > start:
        raise ScenarioError(f"时钟已过场景开始时间 {start.isoformat()}，无法按原日期重放（请用 scenario_clock(data)）")


def _timeline(data: dict[str, Any]) -> list[_Step]:
    """Visits and actions of all cases in date order; same-day steps keep case order, then action order."""
    steps: list[_Step] = []
    visits: dict[tuple[str, str, str], list[str]] = {}
    orders: dict[str, int] = {}
    for order, case in enumerate(data.get("cases", [])):
        orders[case["key"]] = order
        visits.setdefault((_uscc(case, data), case["logged_on"], case["channel"]), []).append(case["key"])
        for index, action in enumerate(case.get("timeline", [])):
            check_action_name(case["key"], action)
            if _day(action["on"]) < _day(case["logged_on"]):
                raise ScenarioError(f"问题 {case['key']} 的动作 {action['action']} 早于登记日期")
            steps.append(_Step(_day(action["on"]), order, index, (case["key"],), action))
    for (_, logged_on, _), keys in visits.items():
        steps.append(_Step(_day(logged_on), orders[keys[0]], -1, tuple(keys)))
    for index, (on, action) in enumerate(project_steps(data.get("supplement", {}))):
        steps.append(_Step(on, len(orders), index, (), action))  # after that day's case actions
    return sorted(steps, key=lambda s: (s.on, s.order, s.index))


def _uscc(case: dict[str, Any], data: dict[str, Any]) -> str:
    """The case's enterprise credit code, given directly or found by the enterprise's name."""
    if case.get("enterprise_uscc"):
        return str(case["enterprise_uscc"])
    for enterprise in data.get("enterprises", []):
        if enterprise["name"] == case.get("enterprise"):
            return str(enterprise["uscc"])
    raise ScenarioError(f"问题 {case['key']} 的企业“{case.get('enterprise')}”不在 enterprises 中")


def _register(ganxin: Services, data: dict[str, Any]) -> None:
    """Units, then task forces (which name units), then enterprises."""
    for unit in data.get("units", []):
        ganxin.registry.register_unit(
            LOADER, unit["key"], unit["name"], unit.get("short_name", ""), unit.get("head", "")
        )
    for tf in data.get("task_forces", []):
        ganxin.registry.form_task_force(
            LOADER,
            tf["key"],
            tf["name"],
            tf["leader"],
            list(tf.get("member_units", [])),
            tf.get("purpose", ""),
            _day(tf["formed_on"]),
        )
    for e in data.get("enterprises", []):
        ganxin.registry.register_enterprise(
            LOADER,
            EnterpriseDetails(
                e["uscc"], e["name"], e.get("street", ""), e.get("industry", ""), list(e.get("tags", []))
            ),
        )


def _replay(ganxin: Services, data: dict[str, Any], clock: ControlledClock, steps: list[_Step]) -> ScenarioResult:
    cases = {c["key"]: c for c in data.get("cases", [])}
    actors = ScenarioActors(data)
    result = ScenarioResult(case_projects={k: c["project"] for k, c in cases.items() if c.get("project")})
    minutes: dict[date, int] = {}
    done = 0
    for step in steps:
        clock.set(_at(step.on, ACTION_HOUR, minutes.get(step.on, 0)))
        minutes[step.on] = minutes.get(step.on, 0) + 1
        if step.action is None:
            _log(ganxin, data, [cases[k] for k in step.case_keys], actors, result)
            continue
        if not step.case_keys:
            perform_project_step(ganxin, step.action, result.case_ids, actors.leaders)
            continue
        key = step.case_keys[0]
        try:
            perform(ganxin, result.case_ids[key], step.action, actors)
        except Exception as error:  # say which line of the data failed, keep the original error
            raise ScenarioError(
                f"问题 {key} 在 {step.action['on']} 的动作 {step.action['action']} 失败：{error}"
            ) from error
        done += 1
    return ScenarioResult(result.case_ids, result.visit_ids, result.case_projects, done)


def _log(
    ganxin: Services, data: dict[str, Any], group: list[dict[str, Any]], actors: ScenarioActors, result: ScenarioResult
) -> None:
    """One visit for the cases an enterprise raised through one channel on one day (one atomic save)."""
    first = group[0]
    cadre = actors.cadre(first["channel"])
    logged = ganxin.visits.log_visit(
        cadre,
        VisitInput(
            channel=first["channel"],
            occurred_on=_day(first["logged_on"]),
            enterprise=EnterpriseDetails(_uscc(first, data), first.get("enterprise", "")),
            problems=[ProblemInput(c["category"], c["description"], c.get("request", "")) for c in group],
            cadres=[cadre.actor.name],
        ),
    )
    for case, case_id in zip(group, logged.case_ids, strict=True):
        result.case_ids[case["key"]] = case_id
        result.visit_ids[case["key"]] = logged.visit_id
        if case.get("project"):
            link_project(ganxin, case_id, case["project"])
