"""A scenario file's shape, checked before anything is written: one Chinese line naming the first problem."""

from __future__ import annotations

from datetime import date
from typing import Any

from application.scenario.actions import ScenarioError
from domain.registry import check_credit_code
from domain.shared.errors import DomainError

LISTS = ("units", "enterprises", "task_forces", "key_projects", "listing_reserve", "cases")
REQUIRED = {
    "units": ("key", "name"),
    "enterprises": ("uscc", "name"),
    "task_forces": ("key", "name", "leader"),
    "key_projects": ("key", "name"),
    "listing_reserve": ("enterprise", "listing_secretary"),
    "cases": ("key", "channel", "logged_on", "category", "description"),
}
# Fields of a case's timeline step that name a unit (one key, or a list of keys).
UNIT_FIELDS = ("lead_unit", "unit", "from_unit", "to_unit", "supporting_units")


def check_scenario(data: Any) -> None:
    """Raise ScenarioError unless data is a scenario the loader can replay (shape, keys, dates, unit keys)."""
    if not isinstance(data, dict):
        raise ScenarioError("场景文件应为 JSON 对象（含 units、cases 等列表）")
    for name in LISTS:
        _check_list(data, name)
    units = {unit["key"] for unit in data.get("units", [])}
    for index, enterprise in enumerate(data.get("enterprises", [])):
        try:
            check_credit_code(enterprise["uscc"])
        except DomainError as error:
            raise ScenarioError(f"场景文件 enterprises[{index}].uscc：{error.message}") from None
    for index, task_force in enumerate(data.get("task_forces", [])):
        where = f"task_forces[{index}]"
        _optional_day(task_force, "formed_on", where)
        _known_units(task_force.get("member_units", []), units, f"{where}.member_units")
    for index, project in enumerate(data.get("key_projects", [])):
        for number, secretary in enumerate(_items(project, "secretaries", f"key_projects[{index}]")):
            _known_units(secretary.get("unit"), units, f"key_projects[{index}].secretaries[{number}].unit")
    for index, case in enumerate(data.get("cases", [])):
        _check_case(case, units, f"cases[{index}]")
    if not data.get("cases") and not data.get("task_forces"):
        raise ScenarioError("场景数据中没有任何问题或专班（cases / task_forces 为空），无可载入的内容")


def _check_list(data: dict[str, Any], name: str) -> None:
    items = data.get(name, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ScenarioError(f"场景文件的 {name} 应为对象列表")
    for index, item in enumerate(items):
        for key in REQUIRED[name]:
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise ScenarioError(f"场景文件 {name}[{index}] 缺少字段 {key}（应为非空文本）")


def _check_case(case: dict[str, Any], units: set[str], where: str) -> None:
    _day(case["logged_on"], f"{where}.logged_on")
    for number, step in enumerate(_items(case, "timeline", where)):
        if not isinstance(step.get("action"), str):
            raise ScenarioError(f"场景文件 {where}.timeline[{number}] 缺少字段 action")
        _day(step.get("on"), f"{where}.timeline[{number}].on")
        for field in UNIT_FIELDS:
            if field in step:
                _known_units(step[field], units, f"{where}.timeline[{number}].{field}")


def _items(owner: dict[str, Any], name: str, where: str) -> list[dict[str, Any]]:
    items = owner.get(name, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ScenarioError(f"场景文件 {where}.{name} 应为对象列表")
    return items


def _day(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ScenarioError(f"场景文件 {where} 的日期“{value}”无效，应为 YYYY-MM-DD") from None


def _optional_day(owner: dict[str, Any], field: str, where: str) -> None:
    if owner.get(field) is not None:
        _day(owner[field], f"{where}.{field}")


def _known_units(value: Any, units: set[str], where: str) -> None:
    keys = value if isinstance(value, list) else [value]
    for key in keys:
        if key is not None and key not in units:
            raise ScenarioError(f"场景文件 {where} 中的单位“{key}”不在 units 中")
