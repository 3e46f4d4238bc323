"""Matrix requests for task forces, key projects and service stars (issue 5's routes).

Each write is built from the world's state when it is sent, so the one role allowed succeeds whatever
order the matrix runs in: a fresh code, a fresh milestone name, the task force's current version.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from typing import Any

from domain.projects.key_project import KeyProject
from domain.task_forces.task_force import TaskForce
from tests.web.matrix_support import FAGAI, MILESTONE, PROJECT, SPARE_TASK_FORCE, TASK_FORCE, World

_serial = count(1)
PERIOD = {"params": {"start": "2026-03-01", "end": "2026-04-30"}}
KEYED_PREFIXES = ("/api/v1/task-forces/", "/api/v1/projects/", "/task-forces/", "/projects/")


def key_in(path: str) -> str:
    """Which task force or project a {key} route is asked about."""
    if path.endswith("/dissolve"):
        return SPARE_TASK_FORCE
    return TASK_FORCE if "/task-forces/" in path else PROJECT


def _task_force_version(world: World, key: str = TASK_FORCE) -> int:
    return world.ganxin.store.load(TaskForce.create_id(key), TaskForce).version


def _project_version(world: World) -> int:
    return world.ganxin.store.load(KeyProject.create_id(PROJECT), KeyProject).version


def _on_task_force(body: Callable[[], dict[str, Any]], key: str = TASK_FORCE) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"json": {"expected_version": _task_force_version(world, key), **body()}}


def _on_project(body: Callable[[], dict[str, Any]]) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"json": {"expected_version": _project_version(world), **body()}}


def _as_form(body: Callable[[], dict[str, Any]]) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"data": {"expected_version": str(_project_version(world)), **body()}}


def _new_task_force(_: World) -> dict[str, Any]:
    n = next(_serial)
    return {
        "json": {
            "key": f"tf_matrix_{n}",
            "name": f"矩阵专班{n}",
            "leader": "区领导",
            "member_units": ["zhujian"],
            "formed_on": "2026-04-01",
        }
    }


def _new_project(_: World) -> dict[str, Any]:
    n = next(_serial)
    return {"json": {"key": f"kp-matrix-{n}", "name": f"矩阵项目{n}", "task_force": TASK_FORCE}}


def _link_case(world: World) -> dict[str, Any]:
    case_id = world.shared_case()  # a fresh case here would write events before the matrix counts them
    return {"json": {"case_id": str(case_id), "expected_version": world.version(case_id)}}


MEETING = {"held_on": "2026-04-08", "attendees": ["李专班", "住建局"], "decisions": ["道路修复列入本周计划"]}
SECRETARY = {
    "tier": "district",
    "secretary_id": "m-district",
    "name": "周区级",
    "unit": "zhujian",
    "appointed_on": "2026-04-02",
}
SAMPLES: dict[tuple[str, str], tuple[Any, int]] = {
    ("GET", "/api/v1/task-forces-overview"): ({}, 200),
    ("POST", "/api/v1/task-forces"): (_new_task_force, 201),
    ("GET", "/api/v1/task-forces/{key}"): ({}, 200),
    ("GET", "/api/v1/task-forces/{key}/ledger.xlsx"): ({}, 200),
    ("POST", "/api/v1/task-forces/{key}/meetings"): (_on_task_force(lambda: MEETING), 200),
    ("POST", "/api/v1/task-forces/{key}/members"): (_on_task_force(lambda: {"unit": "city_ziranziyuan"}), 200),
    ("POST", "/api/v1/task-forces/{key}/members/remove"): (
        _on_task_force(lambda: {"unit": FAGAI[0], "reason": "职责调整"}),
        200,
    ),
    ("POST", "/api/v1/task-forces/{key}/leader"): (
        _on_task_force(lambda: {"leader": "新领导", "reason": "分工调整"}),
        200,
    ),
    ("POST", "/api/v1/task-forces/{key}/dissolve"): (
        _on_task_force(lambda: {"dissolved_on": "2026-04-08", "summary": "任务完成"}, SPARE_TASK_FORCE),
        200,
    ),
    ("GET", "/api/v1/projects"): ({}, 200),
    ("GET", "/api/v1/my-projects"): ({}, 200),
    ("POST", "/api/v1/projects"): (_new_project, 201),
    ("GET", "/api/v1/projects/{key}"): ({}, 200),
    ("GET", "/api/v1/projects/{key}/ledger.xlsx"): ({}, 200),
    ("GET", "/api/v1/handbook.pdf"): ({}, 200),
    ("POST", "/api/v1/projects/{key}/secretaries"): (_on_project(lambda: SECRETARY), 200),
    ("POST", "/api/v1/projects/{key}/milestones"): (
        _on_project(lambda: {"name": f"节点{next(_serial)}", "planned_on": "2026-06-30"}),
        200,
    ),
    ("POST", "/api/v1/projects/{key}/stage"): (_on_project(lambda: {"stage": f"阶段{next(_serial)}"}), 200),
    ("POST", "/api/v1/projects/{key}/cases"): (_link_case, 200),
    ("GET", "/api/v1/service-stars"): (PERIOD, 200),
    ("POST", "/api/v1/service-stars"): (
        {"json": {"start": "2026-03-01", "end": "2026-04-30", "secretary_ids": ["m-secretary"]}},
        201,
    ),
    ("GET", "/task-forces"): ({}, 200),
    ("GET", "/task-forces/{key}"): ({}, 200),
    ("POST", "/task-forces/{key}/meetings"): (
        lambda world: {
            "data": {
                "expected_version": str(_task_force_version(world)),
                "held_on": "2026-04-08",
                "attendees": "李专班\n住建局",
                "decisions": "道路修复列入本周计划",
            }
        },
        303,
    ),
    ("GET", "/projects"): ({}, 200),
    ("GET", "/my-projects"): ({}, 200),
    ("GET", "/projects/{key}"): ({}, 200),
    ("POST", "/projects/{key}/milestones"): (
        _as_form(lambda: {"name": f"节点{next(_serial)}", "planned_on": "2026-06-30"}),
        303,
    ),
    ("POST", "/projects/{key}/milestones/achieved"): (
        _as_form(lambda: {"name": MILESTONE, "achieved_on": "2026-04-08"}),
        303,
    ),
    ("POST", "/projects/{key}/stage"): (_as_form(lambda: {"stage": f"阶段{next(_serial)}"}), 303),
    ("POST", "/projects/{key}/secretaries"): (_as_form(lambda: {**SECRETARY, "tier": "department"}), 303),
    ("GET", "/handbook"): ({}, 200),
    ("GET", "/service-stars"): ({}, 200),
    ("POST", "/service-stars"): ({"data": {"start": "2026-03-01", "end": "2026-04-30", "stars": ["m-secretary"]}}, 303),
}
