"""`ganxin load-scenario`: replay a scenario (the bundled Ganjingzi district one by default) into the database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from application.scenario import (
    ScenarioAlreadyLoaded,
    ScenarioError,
    ScenarioResult,
    check_scenario,
    load_scenario,
    read_bundled_scenario,
    scenario_clock,
)
from application.shared import DomainError
from application.shared.errors import ApplicationError
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from web.cli.options import add_database_option, settings_for


def read_scenario(path: str | None) -> dict[str, Any]:
    """The scenario file given (checked), or the bundled Ganjingzi scenario; ScenarioError if unusable."""
    if not path:
        return read_bundled_scenario()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ScenarioError(f"无法读取场景文件 {path}：{error.strerror or error}") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise ScenarioError(f"场景文件 {path} 不是有效的 UTF-8 JSON：{error}") from None
    check_scenario(data)
    return data


def load_into(settings: Settings, data: dict[str, Any]) -> ScenarioResult:
    """Replay the scenario into the database with its own controlled clock, then close."""
    clock = scenario_clock(data)
    ganxin = build_services(settings, clock=clock)
    try:
        return load_scenario(ganxin, data, clock)
    finally:
        ganxin.store.close()


def describe_load(result: ScenarioResult) -> str:
    """One line saying what a load created."""
    visits = len(set(result.visit_ids.values()))
    return (
        f"已载入示范数据：{visits} 次走访/来电，{len(result.case_ids)} 个问题，{result.actions} 个办理动作 / "
        f"scenario loaded: {visits} visits, {len(result.case_ids)} cases, {result.actions} actions"
    )


def cmd_load_scenario(args: argparse.Namespace) -> int:
    """`ganxin load-scenario`: replay a scenario into the configured database."""
    settings = settings_for(args)
    try:
        result = load_into(settings, read_scenario(args.file))
    except ScenarioAlreadyLoaded as error:
        print(f"未载入 / not loaded: {error.message}", file=sys.stderr)
        return 1
    except ScenarioError as error:
        print(f"未载入 / not loaded: {error}", file=sys.stderr)
        return 2
    except (DomainError, ApplicationError) as error:  # data the checks let through but a rule refuses
        print(f"载入中止 / load stopped: {error.message}", file=sys.stderr)
        return 2
    print(describe_load(result))
    return 0


def add_scenario_command(commands: Any) -> None:
    """Register `ganxin load-scenario`."""
    load = commands.add_parser("load-scenario", help="载入示范场景数据 / load a scenario")
    load.add_argument("--file", default=None, help="场景 JSON 文件（默认内置的甘井子区场景）/ scenario file")
    add_database_option(load)
    load.set_defaults(handler=cmd_load_scenario)
