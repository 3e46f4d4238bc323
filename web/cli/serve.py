"""`ganxin serve` and `ganxin demo`: the web application, on the configured database or the district demo."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import Any, TextIO

import uvicorn

from application.scenario import read_bundled_scenario
from web.app import create_app
from web.cli.demo import DEMO_PASSWORD, ensure_demo_accounts, is_empty, log_live_cases
from web.cli.options import add_database_option, add_server_options, settings_for
from web.cli.scenario import describe_load, load_into
from web.cli.users import demo_totp_lines

DEMO_DATABASE_URL = "sqlite:///./var/demo.db"


def print_url(host: str, port: int, out: TextIO = sys.stdout) -> None:
    """Say where to point the browser, in Chinese and English."""
    print(f"甘心办已启动，请在浏览器打开 / Ganxin is running at: http://{host}:{port}/", file=out, flush=True)


def run_uvicorn(app: Any, host: str, port: int, trusted_proxy: str = "") -> int:
    """Serve until interrupted (Ctrl-C or SIGTERM); X-Forwarded-* only from GANXIN_TRUSTED_PROXY."""
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        timeout_graceful_shutdown=5,
        proxy_headers=bool(trusted_proxy),
        forwarded_allow_ips=trusted_proxy or None,
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """`ganxin serve`: the web application on the configured database."""
    settings = settings_for(args)
    host, port = args.host or settings.host, args.port or settings.port
    app = create_app(settings)
    print_url(host, port)
    return run_uvicorn(app, host, port, settings.trusted_proxy)


def cmd_demo(args: argparse.Namespace) -> int:
    """`ganxin demo`: the district scenario and one account per role, served with the system clock."""
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
    for line in demo_totp_lines(app.state.ganxin):
        print(line)
    host, port = args.host or settings.host, args.port or settings.port
    print_url(host, port)
    return run_uvicorn(app, host, port, settings.trusted_proxy)


def add_serve_commands(commands: Any) -> None:
    """Register `ganxin serve` and `ganxin demo`."""
    serve = commands.add_parser("serve", help="启动网站 / serve the web application")
    add_server_options(serve)
    serve.set_defaults(handler=cmd_serve)
    demo = commands.add_parser("demo", help="载入示范数据并启动（含演示账号）/ serve the district demo")
    add_server_options(demo)
    add_database_option(demo, DEMO_DATABASE_URL)
    demo.set_defaults(handler=cmd_demo)
