"""`ganxin users add|grant|disable|reset-password`: account administration from the command line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from application.access import Principal
from domain.actor import Actor
from domain.errors import DomainError
from domain.vocabulary import Role
from infrastructure.settings import Settings
from infrastructure.wiring import build_application


def _cli_principal() -> Principal:
    """Command-line changes are attributed to the operating-system user who ran them.

    Whoever can run this command on the server can already reach the database, so the command acts
    as an admin; that is how the first admin is created.
    """
    user = os.environ.get("SUDO_USER") or os.environ.get("USER") or getpass.getuser()
    return Principal(Actor(user_id=f"cli:{user}", name=f"命令行管理员（{user}）", role="admin"))


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("密码 / password: ")
    if getpass.getpass("再次输入 / again: ") != first:
        raise SystemExit("两次输入的密码不一致 / passwords differ")
    return first


def _run(args: argparse.Namespace) -> int:
    settings = Settings.from_environ()
    if getattr(args, "database_url", None):
        settings = Settings(database_url=args.database_url)
    ganxin = build_application(settings)
    actor = _cli_principal()
    try:
        if args.users_command == "add":
            ganxin.create_account(actor, username=args.username, display_name=args.name, role=args.role,
                                  password=_read_password(args), unit=args.unit)
            print(f"已创建账号 {args.username}（{Role(args.role).label}）")
        elif args.users_command == "grant":
            ganxin.grant_role(actor, args.username, args.role, args.unit)
            print(f"已将 {args.username} 的角色设为 {Role(args.role).label}，其登录会话已全部结束")
        elif args.users_command == "membership":
            ganxin.change_membership(actor, args.username, unit=args.unit, street=args.street,
                                     task_forces=args.task_force, dispatch_all=args.dispatch_all)
            print(f"已更新 {args.username} 的所属单位、街道和专班，其登录会话已全部结束")
        elif args.users_command == "disable":
            ganxin.disable_account(actor, args.username, args.reason)
            print(f"已停用账号 {args.username}，其登录会话已全部结束")
        elif args.users_command == "reset-password":
            ganxin.reset_password(actor, args.username, _read_password(args))
            print(f"已重置 {args.username} 的密码，其登录会话已全部结束")
    except DomainError as error:
        print(f"错误（{error.code}）：{error.message}", file=sys.stderr)
        return 2
    finally:
        ganxin.close()
    return 0


def add_user_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `users` and its subcommands on the ganxin command."""
    users = subparsers.add_parser("users", help="管理账号 / manage accounts")
    sub = users.add_subparsers(dest="users_command", required=True)
    roles = [r.value for r in Role]
    add = sub.add_parser("add", help="创建账号（第一个管理员也用它创建）")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="姓名")
    add.add_argument("--role", required=True, choices=roles)
    add.add_argument("--unit", default=None, help="所属单位代码，如 zhujian")
    add.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    grant = sub.add_parser("grant", help="设置角色和单位")
    grant.add_argument("username")
    grant.add_argument("--role", required=True, choices=roles)
    grant.add_argument("--unit", default=None)
    membership = sub.add_parser("membership", help="设置所属单位、街道、专班（决定可见范围）")
    membership.add_argument("username")
    membership.add_argument("--unit", default=None, help="单位代码")
    membership.add_argument("--street", default=None, help="街道名称")
    membership.add_argument("--task-force", action="append", default=[], help="专班代码，可重复")
    membership.add_argument("--dispatch-all", action="store_true", help="全区调度（营商局）：可见并指挥全部问题")
    disable = sub.add_parser("disable", help="停用账号")
    disable.add_argument("username")
    disable.add_argument("--reason", required=True)
    reset = sub.add_parser("reset-password", help="重置密码")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    for parser in (add, grant, membership, disable, reset):
        parser.add_argument("--database-url", default=None, help="覆盖 GANXIN_DATABASE_URL")
        parser.set_defaults(handler=_run)
