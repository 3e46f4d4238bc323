"""`ganxin projections rebuild`: empty the read models and project the whole event log again."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any, TextIO

from infrastructure.wiring.services import build_services
from web.cli.options import add_database_option, settings_for

BAR_WIDTH = 30


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
    ganxin = build_services(settings_for(args), catch_up=False, sync_calendar=False)
    try:
        started = time.monotonic()
        print("正在重建读模型 / rebuilding read models …", file=sys.stderr, flush=True)
        projected = ganxin.store.rebuild_read_models(progress=progress_bar())
        elapsed = time.monotonic() - started
        print(file=sys.stderr, flush=True)
        print(
            f"读模型重建完成：{projected} 个事件，用时 {elapsed:.1f} 秒 / "
            f"rebuilt read models from {projected} events in {elapsed:.1f}s"
        )
    finally:
        ganxin.store.close()
    return 0


def add_projection_commands(commands: Any) -> None:
    """Register `ganxin projections rebuild`."""
    projections = commands.add_parser("projections", help="读模型维护 / read-model maintenance")
    projection_commands = projections.add_subparsers(dest="projections_command", metavar="ACTION", required=True)
    rebuild = projection_commands.add_parser("rebuild", help="从事件日志重建全部读模型 / rebuild every read model")
    add_database_option(rebuild)
    rebuild.set_defaults(handler=cmd_projections_rebuild)
