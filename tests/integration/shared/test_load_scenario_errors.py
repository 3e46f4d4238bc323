"""`ganxin load-scenario --file` with a bad file: one clear line on stderr, a non-zero exit, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from domain.registry.registry import Unit
from tests.support.app import ganxin_on
from web.cli.main import main

UNITS = [{"key": "x-unit", "name": "示例局"}]
ENTERPRISES = [{"uscc": "91210211983690064E", "name": "示例企业", "street": "中华路街道"}]


def a_case(**changes: object) -> dict:
    case = {
        "key": "c1",
        "channel": "visit",
        "enterprise": "示例企业",
        "logged_on": "2026-04-08",
        "category": "市政配套",
        "description": "需迁移施工红线内树木",
        "timeline": [
            {"on": "2026-04-08", "action": "classify", "disposition": "immediate"},
            {"on": "2026-04-08", "action": "assign", "lead_unit": "x-unit", "working_days": 10},
        ],
    }
    return case | changes


BAD_FILES = {
    "only units": (json.dumps({"units": UNITS}), "没有任何问题或专班"),
    "not JSON": ("{units: [", "不是有效的 UTF-8 JSON"),
    "not UTF-8": (b"\xff\xfe{}", "不是有效的 UTF-8 JSON"),
    "a list, not an object": ("[1, 2, 3]", "应为 JSON 对象"),
    "units not a list of objects": (json.dumps({"units": "x-unit"}), "units 应为对象列表"),
    "a case missing its day": (
        json.dumps(
            {
                "units": UNITS,
                "enterprises": ENTERPRISES,
                "cases": [{k: v for k, v in a_case().items() if k != "logged_on"}],
            }
        ),
        "cases[0] 缺少字段 logged_on",
    ),
    "an unknown unit": (
        json.dumps(
            {
                "units": UNITS,
                "enterprises": ENTERPRISES,
                "cases": [
                    a_case(
                        timeline=[{"on": "2026-04-08", "action": "assign", "lead_unit": "nowhere", "working_days": 10}]
                    )
                ],
            }
        ),
        "单位“nowhere”不在 units 中",
    ),
    "a bad date": (
        json.dumps({"units": UNITS, "enterprises": ENTERPRISES, "cases": [a_case(logged_on="2026-13-40")]}),
        "日期“2026-13-40”无效",
    ),
    "a bad credit code": (
        json.dumps({"units": UNITS, "enterprises": [{"uscc": "123", "name": "示例企业"}], "cases": [a_case()]}),
        "enterprises[0].uscc",
    ),
}


@pytest.mark.parametrize("bad", list(BAD_FILES))
def test_a_bad_scenario_file_gets_one_clear_line_and_writes_nothing(bad, database_url, tmp_path: Path, capsys):
    content, said = BAD_FILES[bad]
    path = tmp_path / "scenario.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code = main(["load-scenario", "--file", str(path), "--database-url", database_url])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("未载入") and said in err, err
    with ganxin_on(database_url) as ganxin:
        assert not ganxin.store.exists(Unit.create_id("x-unit"))


def test_a_missing_file_gets_one_clear_line(tmp_path: Path, capsys):
    code = main(
        ["load-scenario", "--file", str(tmp_path / "absent.json"), "--database-url", f"sqlite:///{tmp_path / 'g.db'}"]
    )
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "无法读取场景文件" in err, err


def test_a_good_file_of_one_case_loads(database_url, tmp_path: Path, capsys):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps({"units": UNITS, "enterprises": ENTERPRISES, "cases": [a_case()]}), encoding="utf-8")
    assert main(["load-scenario", "--file", str(path), "--database-url", database_url]) == 0
    assert "1 个问题" in capsys.readouterr().out
    with ganxin_on(database_url) as ganxin:
        assert ganxin.store.exists(Unit.create_id("x-unit"))
