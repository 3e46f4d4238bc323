"""The scenario's key projects, secretaries, milestones and task-force meetings, through the use cases."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING, Any

from application.projects import ProjectDetails, SecretaryDetails
from application.scenario.actions import ScenarioError
from application.shared.access import Principal
from domain.cases import Case
from domain.projects import KeyProject
from domain.shared.actor import Actor
from domain.task_forces import MeetingMinutes

if TYPE_CHECKING:
    from application.services import Services

BUNDLED_SUPPLEMENT = "ganjingzi_projects.json"
DISPATCH_DESK = Principal(
    Actor("dispatcher-yingshang", "营商局调度员", "task_force_lead"), unit="yingshang", dispatch_all=True
)


def read_bundled_supplement() -> dict[str, Any]:
    """Meetings, phones and milestones reached that go with the bundled scenario."""
    text = resources.files("application.scenario").joinpath(BUNDLED_SUPPLEMENT).read_text(encoding="utf-8")
    supplement: dict[str, Any] = json.loads(text)
    return supplement


def secretary_ids(data: dict[str, Any]) -> dict[str, str]:
    """An id per secretary named in the scenario (people's names only), in order of first appearance."""
    names = [s["name"] for p in data.get("key_projects", []) for s in p.get("secretaries", [])]
    names += [r["listing_secretary"] for r in data.get("listing_reserve", [])]
    return {name: f"secretary-{n:02d}" for n, name in enumerate(dict.fromkeys(names), start=1)}


def listing_key(uscc: str) -> str:
    """A listing-reserve enterprise's project code."""
    return f"listing-{uscc.lower()}"


def register_projects(ganxin: Services, data: dict[str, Any], extra: dict[str, Any], first_day: date) -> None:
    """Key projects and listing-reserve enterprises, their secretaries (from the first day) and milestones."""
    ids, phones = secretary_ids(data), extra.get("phones", {})
    for p in data.get("key_projects", []):
        ganxin.projects.register_project(
            DISPATCH_DESK,
            ProjectDetails(
                p["key"],
                p["name"],
                "key_project",
                p.get("enterprise_uscc") or "",
                p.get("park", ""),
                p.get("investment_cny"),
                "建设推进",
                p.get("task_force", ""),
            ),
        )
        for s in p.get("secretaries", []):
            _appoint(
                ganxin,
                p["key"],
                SecretaryDetails(s["tier"], ids[s["name"]], s["name"], s["unit"], first_day, phones.get(s["name"], "")),
            )
        for m in p.get("milestones", []):
            version = ganxin.store.load(KeyProject.create_id(p["key"]), KeyProject).version
            ganxin.projects.plan_milestone(
                DISPATCH_DESK, p["key"], version, m["name"], date.fromisoformat(m["planned_on"])
            )
    by_name = {e["name"]: e["uscc"] for e in data.get("enterprises", [])}
    for r in data.get("listing_reserve", []):
        uscc = by_name.get(r["enterprise"])
        if uscc is None:
            raise ScenarioError(f"上市后备企业“{r['enterprise']}”不在 enterprises 中")
        key = listing_key(uscc)
        ganxin.projects.register_project(
            DISPATCH_DESK,
            ProjectDetails(key, r["enterprise"], "listing_reserve", uscc, "", None, "上市辅导", "tf-listing"),
        )
        _appoint(
            ganxin,
            key,
            SecretaryDetails(
                "listing",
                ids[r["listing_secretary"]],
                r["listing_secretary"],
                extra.get("listing_unit", "jinrong"),
                first_day,
                phones.get(r["listing_secretary"], ""),
            ),
        )


def _appoint(ganxin: Services, key: str, secretary: SecretaryDetails) -> None:
    version = ganxin.store.load(KeyProject.create_id(key), KeyProject).version
    ganxin.projects.appoint_secretary(DISPATCH_DESK, key, version, secretary)


def link_project(ganxin: Services, case_id: Any, project: str) -> None:
    """Put a freshly logged case on its project's ledger (the dispatch desk files it)."""
    ganxin.projects.link_case_to_project(DISPATCH_DESK, case_id, ganxin.store.load(case_id, Case).version, project)


def project_steps(extra: dict[str, Any]) -> list[tuple[date, dict[str, Any]]]:
    """Meetings and milestones reached, as dated steps run after that day's case actions."""
    steps = [(date.fromisoformat(m["held_on"]), {"action": "meeting", **m}) for m in extra.get("meetings", [])]
    steps += [(date.fromisoformat(m["on"]), {"action": "milestone", **m}) for m in extra.get("milestones_achieved", [])]
    return steps


def perform_project_step(
    ganxin: Services, step: dict[str, Any], case_ids: dict[str, Any], leaders: dict[str, str]
) -> None:
    """Hold a meeting (as its task force's leader) or record a milestone reached (as the dispatch desk)."""
    if step["action"] == "milestone":
        version = ganxin.store.load(KeyProject.create_id(step["project"]), KeyProject).version
        ganxin.projects.achieve_milestone(
            DISPATCH_DESK, step["project"], version, step["name"], date.fromisoformat(step["on"])
        )
        return
    key = step["task_force"]
    leader = Principal(Actor(f"leader-{key}", leaders.get(key, "专班负责人"), "task_force_lead"), task_forces=(key,))
    version = ganxin.registry.get_task_force(key).version
    minutes = MeetingMinutes(
        held_on=date.fromisoformat(step["held_on"]),
        attendees=tuple(step["attendees"]),
        decisions=tuple(step["decisions"]),
        struck_off=tuple(str(case_ids[k]) for k in step.get("struck_off", [])),
        title=step.get("title", ""),
    )
    ganxin.task_forces.hold_meeting(leader, key, version, minutes)
