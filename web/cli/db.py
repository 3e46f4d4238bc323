"""`ganxin db init`: set up the database; on PostgreSQL, an append-only event store."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import Any
from urllib.parse import urlparse

from infrastructure.settings import Settings
from infrastructure.wiring.database import SQLITE_WARNING, AppendOnlySetupError, AppRole, prepare_append_only
from infrastructure.wiring.services import build_services

OWNER_URL_ENV = "GANXIN_DATABASE_OWNER_URL"

EPILOG = """PostgreSQL：以所有者角色建事件表，并让应用角色只能读取和追加事件 / append-only event store.
  GANXIN_DATABASE_OWNER_URL=postgresql://ganxin_owner:…@host/ganxin   表的所有者（或超级用户）
  GANXIN_DATABASE_URL=postgresql://ganxin_app:…@host/ganxin           应用角色（没有则创建）
之后运行应用时设置 GANXIN_APPEND_ONLY=1（应用不再尝试建事件表）。可重复运行。
SQLite：只建表，并提醒文件所有者可改写事件。"""


def _same_database(owner_url: str, app_url: str) -> bool:
    # Database names only: the owner may come in through a Unix socket, the application over TCP.
    return urlparse(owner_url).path == urlparse(app_url).path


def _check_application(settings: Settings) -> None:
    """Start the application once as its role, as `ganxin serve` would, so a bad grant shows now."""
    ganxin = build_services(replace(settings, append_only=True))
    ganxin.store.close()


def init_postgres(settings: Settings, owner_url: str) -> int:
    """Prepare the append-only event store, then start the application once as its role."""
    if not owner_url:
        print(
            f"错误：请用 --owner-url 或环境变量 {OWNER_URL_ENV} 给出数据库所有者的连接 / "
            "error: the owner's URL is required",
            file=sys.stderr,
        )
        return 2
    if not _same_database(owner_url, settings.database_url):
        print(
            "错误：所有者 URL 与 GANXIN_DATABASE_URL 指向不同的数据库 / error: the two URLs name different databases",
            file=sys.stderr,
        )
        return 2
    try:
        lines = prepare_append_only(replace(settings, database_url=owner_url), AppRole.from_url(settings.database_url))
    except AppendOnlySetupError as error:
        print(f"错误：{error.message}", file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    _check_application(settings)
    print("已以应用角色启动一次应用：建好读模型、会话等表 / the application started once as its role")
    print("完成。运行应用时请设置 GANXIN_APPEND_ONLY=1 / done: run the application with GANXIN_APPEND_ONLY=1")
    return 0


def init_sqlite(settings: Settings) -> int:
    """Create the tables in the SQLite file and warn that its owner can rewrite it."""
    print(SQLITE_WARNING)
    build_services(settings).store.close()
    print(f"已建好 SQLite 数据库 / SQLite database ready: {settings.database_url}")
    return 0


def cmd_db_init(args: argparse.Namespace) -> int:
    """`ganxin db init`."""
    settings = Settings.from_environ()
    if args.database_url:
        settings = replace(settings, database_url=args.database_url)
    if not settings.is_postgres:
        return init_sqlite(settings)
    return init_postgres(settings, args.owner_url or os.environ.get(OWNER_URL_ENV, ""))


def add_db_commands(commands: Any) -> None:
    """Register `ganxin db init`."""
    db = commands.add_parser("db", help="数据库初始化 / database set-up")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init",
        help="建表；PostgreSQL 上设为只许追加 / create tables, append-only on PostgreSQL",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument("--owner-url", default=None, help=f"所有者连接（默认 {OWNER_URL_ENV}）/ owner's URL")
    init.add_argument("--database-url", default=None, help="应用角色连接（默认 GANXIN_DATABASE_URL）/ app role's URL")
    init.set_defaults(handler=cmd_db_init)
