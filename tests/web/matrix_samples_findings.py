"""Route×role matrix samples for findings and the manifestation list (see tests/web/matrix_samples.py)."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from application.findings.commands import CitationInput, FindingInput
from application.shared.access import Principal
from domain.shared.actor import Actor
from tests.support.app import SETUP

INSPECTOR = Principal(Actor("m-inspector", "郑监察", "inspector"))


def _finding(world: Any) -> dict[str, Any]:
    return {
        "unit": "zhujian",
        "cases": [{"case": str(world.shared_case()), "versions": [1]}],
        "field": "projects",
        "behaviours": ["sloth"],
        "title": "签收后无进展",
        "description": "矩阵测试",
    }


def fresh_finding(world: Any) -> str:
    """A new finding (version 1) citing the shared case, so a change to it succeeds for an inspector."""
    body = _finding(world)
    return str(
        world.ganxin.findings.record_finding(
            INSPECTOR,
            FindingInput(
                cases=(CitationInput(body["cases"][0]["case"], (1,)),),
                field="projects",
                behaviours=("sloth",),
                title=body["title"],
                description=body["description"],
                unit="zhujian",
            ),
        )
    )


def fresh_item(world: Any) -> str:
    """A new behaviour on the list, so renaming or retiring it succeeds for an admin."""
    key = f"m_{uuid4().hex[:10]}"
    world.ganxin.findings.add_taxonomy_item(SETUP, "behaviour", key, f"矩阵条目{key[-6:]}")
    return key


def _new_item(_: Any) -> dict[str, Any]:
    key = f"n_{uuid4().hex[:10]}"
    return {"kind": "behaviour", "key": key, "label": f"新条目{key[-6:]}"}


def _form(world: Any) -> dict[str, Any]:
    return {
        "cases": f"{world.shared_case()} 1",
        "unit": "zhujian",
        "person": "",
        "field": "projects",
        "behaviours": ["sloth"],
        "title": "签收后无进展",
        "description": "矩阵测试",
    }


PATH_PARAMETERS = {"{finding_id}": fresh_finding, "{item_key}": fresh_item}
SAMPLES = {
    ("GET", "/api/v1/findings"): ({}, 200),
    ("POST", "/api/v1/findings"): (lambda w: {"json": _finding(w)}, 201),
    ("GET", "/api/v1/findings/{finding_id}"): ({}, 200),
    ("POST", "/api/v1/findings/{finding_id}/typical"): ({"json": {"expected_version": 1, "note": "通报"}}, 200),
    ("POST", "/api/v1/findings/{finding_id}/amend"): (
        lambda w: {
            "json": {**{k: v for k, v in _finding(w).items() if k != "unit"}, "expected_version": 1, "reason": "补充"}
        },
        200,
    ),
    ("POST", "/api/v1/findings/{finding_id}/withdraw"): ({"json": {"expected_version": 1, "reason": "证据不足"}}, 200),
    ("GET", "/api/v1/taxonomy"): ({}, 200),
    ("POST", "/api/v1/taxonomy/items"): (lambda w: {"json": _new_item(w)}, 201),
    ("POST", "/api/v1/taxonomy/items/{item_key}/rename"): (
        lambda w: {"json": {"label": f"改名{uuid4().hex[:6]}"}},
        200,
    ),
    ("POST", "/api/v1/taxonomy/items/{item_key}/retire"): ({"json": {"reason": "合并"}}, 200),
    ("GET", "/findings"): ({}, 200),
    ("GET", "/findings/new"): ({}, 200),
    ("POST", "/findings"): (lambda w: {"data": _form(w)}, 303),
    ("GET", "/findings/{finding_id}"): ({}, 200),
    ("POST", "/findings/{finding_id}/typical"): (
        {"data": {"expected_version": "1", "typical": "1", "note": "通报"}},
        303,
    ),
    ("POST", "/findings/{finding_id}/withdraw"): ({"data": {"expected_version": "1", "note": "证据不足"}}, 303),
    ("POST", "/findings/{finding_id}/amend"): (
        lambda w: {"data": {**_form(w), "title": "修订后的标题", "expected_version": "1", "reason": "补充证据"}},
        303,
    ),
    ("GET", "/taxonomy"): ({}, 200),
    ("POST", "/taxonomy/items"): (lambda w: {"data": _new_item(w)}, 303),
    ("POST", "/taxonomy/items/{item_key}/rename"): (lambda w: {"data": {"label": f"改名{uuid4().hex[:6]}"}}, 303),
    ("POST", "/taxonomy/items/{item_key}/retire"): ({"data": {"reason": "合并"}}, 303),
}
