"""The `ganxin` command: serve, demo, projections rebuild, load-scenario (and `users`, from web/cli/users.py)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from application.scenario.loader import (
    ScenarioAlreadyLoaded, ScenarioError, ScenarioResult, load_scenario, read_bundled_scenario, scenario_clock,
)
from application.shared.errors import ApplicationError
from application.scenario.check import check_scenario
from domain.shared.errors import DomainError
from infrastructure.settings import Settings
from infrastructure.wiring import build_application
from web.cli.db import add_db_commands
from web.cli.audit import add_audit_commands
from web.cli.tick import add_tick_command

DEMO_DATABASE_URL = "sqlite:///./var/demo.db"
BAR_WIDTH = 30

DESCRIPTION = """甘心办 Ganxin — 企业问题全流程跟踪 / case tracker for enterprise problems.

配置来自环境变量 / configuration from the environment:
  GANXIN_DATABASE_URL  sqlite:///./var/ganxin.db（默认）或 postgresql://user:pw@host:port/db
  GANXIN_HOST, GANXIN_PORT  serve 的监听地址（默认 127.0.0.1:8000）
"""


def settings_for(args: argparse.Namespace, default_url: str | None = None) -> Settings:
    """Settings from the environment; --database-url (or the command's default) overrides the URL."""
    settings = Settings.from_environ()
    url = getattr(args, "database_url", None) or default_url
    return replace(settings, database_url=url) if url else settings


def print_url(host: str, port: int, out: TextIO = sys.stdout) -> None:
    """Say where to point the browser, in Chinese and English."""
    print(f"甘心办已启动，请在浏览器打开 / Ganxin is running at: http://{host}:{port}/", file=out, flush=True)


def run_uvicorn(app: Any, host: str, port: int, trusted_proxy: str = "") -> int:
    """Serve until interrupted (Ctrl-C or SIGTERM); X-Forwarded-* only from GANXIN_TRUSTED_PROXY."""
    import uvicorn  # noqa: PLC0415 - only the serving commands need it

    uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=5,
                proxy_headers=bool(trusted_proxy), forwarded_allow_ips=trusted_proxy or None)
    return 0


# --- serve ------------------------------------------------------------------------------------
def cmd_serve(args: argparse.Namespace) -> int:
    """`ganxin serve`: the web application on the configured database."""
    from web.app import create_app  # noqa: PLC0415 - the web app is only built when serving

    settings = settings_for(args)
    host, port = args.host or settings.host, args.port or settings.port
    app = create_app(settings)
    print_url(host, port)
    return run_uvicorn(app, host, port, settings.trusted_proxy)


# --- projections rebuild --------------------------------------------------------------------------
def progress_bar(out: TextIO = sys.stderr) -> Any:
    """A callback drawing `[#####.....] 12345/800000` in place on out."""

    def draw(position: int, max_id: int) -> None:
        total = max(max_id, position, 1)
        filled = BAR_WIDTH * position // total
        out.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {position}/{max_id}")
        out.flush()

    return draw


def cmd_projections_rebuild(args: argparse.Namespace) -> int:
    """`ganxin projections rebuild`: empty the read models and project the whole event log again."""
    ganxin = build_application(settings_for(args), catch_up=False, sync_calendar=False)
    try:
        started = time.monotonic()
        print("正在重建读模型 / rebuilding read models …", file=sys.stderr, flush=True)
        projected = ganxin.projector.rebuild(progress=progress_bar())
        elapsed = time.monotonic() - started
        print(file=sys.stderr, flush=True)
        print(f"读模型重建完成：{projected} 个事件，用时 {elapsed:.1f} 秒 / "
              f"rebuilt read models from {projected} events in {elapsed:.1f}s")
    finally:
        ganxin.close()
    return 0


# --- load-scenario --------------------------------------------------------------------------------
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
    ganxin = build_application(settings, clock=clock)
    try:
        return load_scenario(ganxin, data, clock)
    finally:
        ganxin.close()


def describe_load(result: ScenarioResult) -> str:
    """One line saying what a load created."""
    visits = len(set(result.visit_ids.values()))
    return (f"已载入示范数据：{visits} 次走访/来电，{len(result.case_ids)} 个问题，{result.actions} 个办理动作 / "
            f"scenario loaded: {visits} visits, {len(result.case_ids)} cases, {result.actions} actions")


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


# --- demo ---------------------------------------------------------------------------------------
def cmd_demo(args: argparse.Namespace) -> int:
    """`ganxin demo`: the district scenario and one account per role, served with the system clock."""
    from web.app import create_app  # noqa: PLC0415
    from web.cli.demo import DEMO_PASSWORD, ensure_demo_accounts, is_empty, log_live_cases  # noqa: PLC0415

    # Demo mode alone may keep its published TOTP secrets unsealed when no GANXIN_SECRET_KEY is set.
    settings = replace(settings_for(args, DEMO_DATABASE_URL), plain_totp_secrets=True)
    fresh = is_empty(settings)
    if fresh:
        print("空数据库：正在载入甘井子区示范数据 / empty database: loading the district scenario …", flush=True)
        print(describe_load(load_into(settings, read_bundled_scenario())), flush=True)
    else:
        print("数据库已有数据，不再载入示范数据 / database not empty: scenario not loaded again", flush=True)
    app = create_app(settings)
    if fresh:
        live = log_live_cases(app.state.ganxin)
        print(f"另登记 {live} 个今日示例问题（用于展示各状态灯）/ {live} live example cases logged today", flush=True)
    accounts = ensure_demo_accounts(app.state.ganxin)
    print(f"演示账号（密码均为 {DEMO_PASSWORD}，仅供演示）/ demo accounts (password {DEMO_PASSWORD}, demo only):")
    for username, role_label in accounts:
        print(f"  {username:<24} {role_label}")
    from web.cli.users import demo_totp_lines  # noqa: PLC0415

    for line in demo_totp_lines(app.state.ganxin):
        print(line)
    host, port = args.host or settings.host, args.port or settings.port
    print_url(host, port)
    return run_uvicorn(app, host, port, settings.trusted_proxy)


# --- the parser ------------------------------------------------------------------------------------
def _add_server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=None, help="监听地址 / host (默认 GANXIN_HOST 或 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="端口 / port (默认 GANXIN_PORT 或 8000)")


def _add_database_option(parser: argparse.ArgumentParser, default: str = "GANXIN_DATABASE_URL") -> None:
    parser.add_argument("--database-url", default=None, help=f"数据库 URL / database URL (默认 {default})")


def build_parser() -> argparse.ArgumentParser:
    """The ganxin command with its subcommands."""
    parser = argparse.ArgumentParser(
        prog="ganxin", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    serve = commands.add_parser("serve", help="启动网站 / serve the web application")
    _add_server_options(serve)
    serve.set_defaults(handler=cmd_serve)
    demo = commands.add_parser("demo", help="载入示范数据并启动（含演示账号）/ serve the district demo")
    _add_server_options(demo)
    _add_database_option(demo, DEMO_DATABASE_URL)
    demo.set_defaults(handler=cmd_demo)
    projections = commands.add_parser("projections", help="读模型维护 / read-model maintenance")
    projection_commands = projections.add_subparsers(dest="projections_command", metavar="ACTION", required=True)
    rebuild = projection_commands.add_parser("rebuild", help="从事件日志重建全部读模型 / rebuild every read model")
    _add_database_option(rebuild)
    rebuild.set_defaults(handler=cmd_projections_rebuild)
    load = commands.add_parser("load-scenario", help="载入示范场景数据 / load a scenario")
    load.add_argument("--file", default=None, help="场景 JSON 文件（默认内置的甘井子区场景）/ scenario file")
    _add_database_option(load)
    load.set_defaults(handler=cmd_load_scenario)
    add_tick_command(commands)
    add_audit_commands(commands)
    add_db_commands(commands)
    _add_user_commands(commands)
    return parser


def _add_user_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`ganxin users …` lives in web/cli/users.py; if that module is missing, say so when it is used."""
    try:
        from web.cli.users import add_user_commands  # noqa: PLC0415
    except ModuleNotFoundError as error:
        if error.name != "web.cli.users":
            raise
        missing = commands.add_parser("users", help="管理账号（未安装）/ manage accounts (not installed)")
        missing.add_argument("rest", nargs=argparse.REMAINDER)
        missing.set_defaults(handler=_users_missing)
        return
    add_user_commands(commands)


def _users_missing(args: argparse.Namespace) -> int:
    print("错误：账号管理命令不可用（缺少 web/cli/users.py）/ error: user commands are not installed",
          file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `ganxin` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    return int(handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
