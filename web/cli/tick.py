"""`ganxin tick`: escalate overdue cases and send scheduled reminders, once (the server runs it too)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from web.deadline_watch import ladder_settings


def cmd_tick(args: argparse.Namespace) -> int:
    """Run the deadline watch once and say what it recorded."""
    settings = Settings.from_environ()
    if args.database_url:
        settings = Settings(**{**settings.__dict__, "database_url": args.database_url})
    ganxin = build_services(settings)
    try:
        report = ganxin.deadline_watch.tick(ladder_settings(settings))
    finally:
        ganxin.store.close()
    print(
        f"提级 {len(report.escalated)} 次，催办 {len(report.reminded)} 次 / "
        f"{len(report.escalated)} escalations, {len(report.reminded)} reminders",
        file=sys.stdout,
    )
    return 0


def add_tick_command(commands: Any) -> None:
    """Register `ganxin tick`."""
    tick = commands.add_parser("tick", help="超期提级与到期提醒（执行一次）/ escalate and remind, once")
    tick.add_argument("--database-url", default=None, help="覆盖 GANXIN_DATABASE_URL")
    tick.set_defaults(handler=cmd_tick)
