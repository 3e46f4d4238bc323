"""What several `ganxin` commands share: the settings with --database-url, the server and database options."""

from __future__ import annotations

import argparse
from dataclasses import replace

from infrastructure.settings import Settings


def settings_for(args: argparse.Namespace, default_url: str | None = None) -> Settings:
    """Settings from the environment; --database-url (or the command's default) overrides the URL."""
    settings = Settings.from_environ()
    url = getattr(args, "database_url", None) or default_url
    return replace(settings, database_url=url) if url else settings


def add_server_options(parser: argparse.ArgumentParser) -> None:
    """--host and --port."""
    parser.add_argument("--host", default=None, help="监听地址 / host (默认 GANXIN_HOST 或 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="端口 / port (默认 GANXIN_PORT 或 8000)")


def add_database_option(parser: argparse.ArgumentParser, default: str = "GANXIN_DATABASE_URL") -> None:
    """--database-url, overriding the default named in its help."""
    parser.add_argument("--database-url", default=None, help=f"数据库 URL / database URL (默认 {default})")
