"""The `ganxin` command: serve, demo, projections rebuild, load-scenario, tick, audit, db and users."""

from __future__ import annotations

import argparse
import sys

from web.cli.audit import add_audit_commands
from web.cli.db import add_db_commands
from web.cli.projections import add_projection_commands
from web.cli.scenario import add_scenario_command
from web.cli.serve import add_serve_commands
from web.cli.tick import add_tick_command
from web.cli.users import add_user_commands

DESCRIPTION = """甘心办 Ganxin — 企业问题全流程跟踪 / case tracker for enterprise problems.

配置来自环境变量 / configuration from the environment:
  GANXIN_DATABASE_URL  sqlite:///./var/ganxin.db（默认）或 postgresql://user:pw@host:port/db
  GANXIN_HOST, GANXIN_PORT  serve 的监听地址（默认 127.0.0.1:8000）
"""


def build_parser() -> argparse.ArgumentParser:
    """The ganxin command with its subcommands."""
    parser = argparse.ArgumentParser(
        prog="ganxin", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_serve_commands(commands)
    add_projection_commands(commands)
    add_scenario_command(commands)
    add_tick_command(commands)
    add_audit_commands(commands)
    add_db_commands(commands)
    add_user_commands(commands)
    return parser


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
