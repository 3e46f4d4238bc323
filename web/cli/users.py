"""`ganxin users add|grant|membership|disable|reset-password|reset-totp|enable-totp|token-*`: accounts, by command."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from application.shared import Actor, DomainError, Role
from application.shared.access import Principal
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services


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


def _add(ganxin: Any, actor: Principal, args: argparse.Namespace) -> str:
    ganxin.accounts.create_account(
        actor,
        username=args.username,
        display_name=args.name,
        role=args.role,
        password=_read_password(args),
        unit=args.unit,
    )
    return f"已创建账号 {args.username}（{Role(args.role).label}）"


def _grant(ganxin: Any, actor: Principal, args: argparse.Namespace) -> str:
    ganxin.accounts.grant_role(actor, args.username, args.role, args.unit)
    return f"已将 {args.username} 的角色设为 {Role(args.role).label}，其登录会话已全部结束"


def _membership(ganxin: Any, actor: Principal, args: argparse.Namespace) -> str:
    ganxin.accounts.change_membership(
        actor,
        args.username,
        unit=args.unit,
        street=args.street,
        task_forces=args.task_force,
        dispatch_all=args.dispatch_all,
    )
    return f"已更新 {args.username} 的所属单位、街道和专班，其登录会话已全部结束"


def _disable(ganxin: Any, actor: Principal, args: argparse.Namespace) -> str:
    ganxin.accounts.disable_account(actor, args.username, args.reason)
    return f"已停用账号 {args.username}，其登录会话已全部结束"


def _reset_password(ganxin: Any, actor: Principal, args: argparse.Namespace) -> str:
    ganxin.accounts.reset_password(actor, args.username, _read_password(args))
    return f"已重置 {args.username} 的密码，其登录会话已全部结束"


def _reset_totp(ganxin: Any, actor: Principal, args: argparse.Namespace) -> str:
    ganxin.credentials.reset_totp(actor, args.username)
    return f"已清除 {args.username} 的动态验证码，其登录会话已全部结束；下次登录时需重新设置"


def _enable_totp(ganxin: Any, actor: Principal, args: argparse.Namespace) -> str:
    secret = ganxin.credentials.provision_totp(actor, args.username)
    return (
        f"已为 {args.username} 开启动态验证码；请把下面的密钥加入其手机验证器（仅显示这一次）\n"
        f"secret: {secret}\n此后登录须输入6位动态验证码"
    )


def _token_create(ganxin: Any, actor: Principal, args: argparse.Namespace) -> str:
    issued = ganxin.tokens.issue_token(actor, args.username, args.name)
    return (
        f"已为 {issued.username} 签发令牌“{issued.name}”，编号 {issued.token_id}\n"
        f"令牌（仅显示这一次，请立即妥善保存）/ token (shown once only):\n{issued.token}\n"
        f"使用方式 / usage: Authorization: Bearer <令牌>"
    )


def _token_revoke(ganxin: Any, actor: Principal, args: argparse.Namespace) -> str:
    ganxin.tokens.revoke_token(actor, args.username, args.token_id)
    return f"已吊销 {args.username} 的令牌 {args.token_id}"


def _token_list(ganxin: Any, actor: Principal, args: argparse.Namespace) -> str:
    tokens = ganxin.tokens.list_tokens(actor, args.username)
    if not tokens:
        return f"{args.username} 没有有效的令牌"
    return "\n".join(f"{t.token_id}  {t.issued_at}  {t.name}" for t in tokens)


COMMANDS: dict[str, Callable[[Any, Principal, argparse.Namespace], str]] = {
    "add": _add,
    "grant": _grant,
    "membership": _membership,
    "disable": _disable,
    "reset-password": _reset_password,
    "reset-totp": _reset_totp,
    "enable-totp": _enable_totp,
    "token-create": _token_create,
    "token-revoke": _token_revoke,
    "token-list": _token_list,
}


def _run(args: argparse.Namespace) -> int:
    settings = Settings.from_environ()
    if getattr(args, "database_url", None):
        settings = replace(settings, database_url=args.database_url)  # keep GANXIN_SECRET_KEY and the rest
    ganxin = build_services(settings)
    try:
        print(COMMANDS[args.users_command](ganxin, _cli_principal(), args))
    except DomainError as error:
        print(f"错误（{error.code}）：{error.message}", file=sys.stderr)
        return 2
    finally:
        ganxin.store.close()
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
    for parser in (add, grant, membership, disable, reset, *_credential_commands(sub)):
        parser.add_argument("--database-url", default=None, help="覆盖 GANXIN_DATABASE_URL")
        parser.set_defaults(handler=_run)


def _credential_commands(sub: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:  # type: ignore[type-arg]
    """reset-totp and the API token commands."""
    reset_totp = sub.add_parser("reset-totp", help="清除动态验证码（手机丢失时）；下次登录重新设置")
    reset_totp.add_argument("username")
    enable_totp = sub.add_parser("enable-totp", help="为任一角色的账号开启动态验证码（纪检监察、管理员本就必须）")
    enable_totp.add_argument("username")
    create = sub.add_parser("token-create", help="为（服务）账号签发接口令牌，令牌只显示一次")
    create.add_argument("username")
    create.add_argument("--name", required=True, help="令牌名称，如 热线系统")
    revoke = sub.add_parser("token-revoke", help="吊销接口令牌")
    revoke.add_argument("username")
    revoke.add_argument("token_id")
    listed = sub.add_parser("token-list", help="列出账号的有效令牌（不显示令牌本身）")
    listed.add_argument("username")
    return [reset_totp, enable_totp, create, revoke, listed]


# --- demo mode: fixed, printed TOTP secrets for the demo accounts whose role needs a second factor ----------
DEMO_TOTP_SECRETS = {
    "demo-inspector": "GANXINDEMOINSPECTORTOTPSECRET234",
    "demo-admin": "GANXINDEMOADMINTOTPSECRETKEY2345",
}


def demo_totp_lines(ganxin: Any) -> list[str]:
    """Demo only: give demo-inspector/demo-admin their documented TOTP secret if they have none; the lines to print."""
    setup = Principal(Actor("demo-setup", "演示环境初始化", "admin"))
    lines = ["演示账号的动态验证码密钥（在手机验证器中添加，仅供演示）/ demo TOTP secrets (demo only):"]
    for username, secret in DEMO_TOTP_SECRETS.items():
        try:
            account = ganxin.accounts.get_account(username)
        except DomainError:
            continue
        if account.totp_secret is None:
            ganxin.credentials.provision_totp(setup, username, secret)
        uri = ganxin.credentials.provisioning_uri(secret, username)
        lines.append(f"  {username:<24} {secret}  {uri}")
    return lines
