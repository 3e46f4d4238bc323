"""`ganxin audit …`: keygen, seal, verify, export, prove (and the offline checks of web/cli/audit_offline.py)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from application.audit import AuditError, Sealer, build_bundle, make_proof, verify_log
from application.shared.clock import SystemClock
from infrastructure.settings import Settings
from infrastructure.wiring.audit import (
    DropDirectory,
    Ed25519Checker,
    Ed25519Signer,
    KeyFileError,
    SealSettings,
    generate_key_file,
    key_id_of,
    opened_for_audit,
    public_path,
    public_pem,
    read_published,
    write_bundle,
)
from web.cli.audit_offline import FAILED, add_offline_commands

SQLITE_WARNING = (
    "警告：SQLite 数据库文件的所有者可以任意改写它，只有签名并外送的检查点可信 "
    "(warning: the SQLite file's owner can rewrite it; only the signed, pushed-out checkpoints stand)"
)
NO_COPIES_WARNING = (
    "警告：未与外送检查点核对（未给 --checkpoints，也未设置 GANXIN_SEAL_DROP_DIR），日志尾部连同其最新检查点"
    "一起被删除将无法发现 (warning: no pushed-out checkpoints compared; a truncated tail deleted "
    "together with its newest checkpoints cannot be detected without them)"
)


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[tuple[Any, Any, Settings, Any]]:
    """The services (no catch-up, no calendar sync), the seal store and the raw event log, closed after."""
    settings = Settings.from_environ()
    if getattr(args, "database_url", None):
        settings = replace(settings, database_url=args.database_url)
    with opened_for_audit(settings) as (services, store, log):
        yield services, store, settings, log


def cmd_keygen(args: argparse.Namespace) -> int:
    """Write a new private key (0600) and print its public key."""
    public = generate_key_file(Path(args.out))

    print(f"私钥已写入 (private key written, mode 0600): {args.out}")
    print(f"公钥已写入 (public key written): {public_path(Path(args.out))}  指纹 (key id): {key_id_of(public)}")
    print(public_pem(public), end="")
    return 0


def cmd_seal(args: argparse.Namespace) -> int:
    """Seal the log once, or keep following it."""
    seal = SealSettings.from_environ()
    if seal.key_file is None:
        raise KeyFileError("请设置 GANXIN_SEAL_KEY_FILE 为封存私钥文件 (GANXIN_SEAL_KEY_FILE is not set)")
    signer = Ed25519Signer.from_file(seal.key_file)
    publishers = [DropDirectory(seal.drop_dir)] if seal.drop_dir else []
    with opened(args) as (_, store, _, log):
        sealer = Sealer(log, store, signer, SystemClock(), publishers, seal.policy)
        if not args.follow:
            result = sealer.seal(final=True)
            print(
                f"封存完成 (sealed)：新增 {result.leaves} 个事件，{len(result.checkpoints)} 个签名检查点；"
                f"共封存 {sealer.tree.size} 个事件"
            )
            return 0
        print(
            f"持续封存中，按 Ctrl-C 停止 (following the log; Ctrl-C stops) — 每 {seal.every_events} 个事件或 "
            f"{seal.every_minutes:g} 分钟一个检查点",
            flush=True,
        )
        try:
            sealer.follow(lambda seconds: bool(time.sleep(seconds)))
        except KeyboardInterrupt:
            print(f"已停止 (stopped)：共封存 {sealer.tree.size} 个事件")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Recompute everything from the event store and report the first divergence."""
    seal = SealSettings.from_environ()
    checker = Ed25519Checker.from_file(seal.public_key(args.public_key))
    # The database's own checkpoints can be deleted with the tail they cover: only the pushed-out copies tell.
    drop = Path(args.checkpoints) if args.checkpoints else seal.drop_dir
    published, unreadable = read_published(drop) if drop else ([], [])
    with opened(args) as (_, store, settings, log):
        if not settings.is_postgres:
            print(SQLITE_WARNING)
        report = verify_log(log, store, checker, published)
    report.problems[:0] = unreadable
    print(
        f"事件 {report.events} 个，封存记录 {report.sealed} 个，有效签名检查点 {report.checkpoints} 个"
        f"（覆盖前 {report.signed_size} 个事件）；公钥指纹 {checker.key_id}"
    )
    if drop:
        print(f"已与外送检查点核对 (compared with pushed-out checkpoints)：{drop}，{len(published)} 个")
    else:
        print(NO_COPIES_WARNING)
    for problem in report.problems:
        print(f"✗ {problem}")
    if report.divergence is not None:
        print(f"✗ 第一个差异 (first divergence): {report.divergence.describe()}")
    if report.version_gap is not None:
        print(f"✗ 版本连续性 (version contiguity): {report.version_gap.describe()}")
    if report.unsealed:
        print(f"尚未封存 (not yet sealed)：位置 {report.signed_size} 起的 {report.unsealed} 个事件")
    if not report.ok:
        print(FAILED)
        return 1
    print("验证通过 (verified)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write an evidence bundle for a date range."""
    try:
        first, last = date.fromisoformat(args.from_day), date.fromisoformat(args.to_day)
    except ValueError:
        raise AuditError("日期格式应为 YYYY-MM-DD (dates must be YYYY-MM-DD)", "from") from None
    checker = Ed25519Checker.from_file(SealSettings.from_environ().public_key(args.public_key))
    out = Path(args.out)
    if out.exists():
        raise AuditError(f"输出目录已存在，不会覆盖 (output exists): {out}", "out")
    with opened(args) as (_, store, _, log):
        bundle = build_bundle(log, store, first, last)
    write_bundle(bundle, public_pem(checker.public), out)
    manifest = bundle.manifest
    print(
        f"证据包已写入 (bundle written) {out}：{len(bundle.events)} 个事件，位置 {manifest['first_position']} 至 "
        f"{manifest['end_position'] - 1}，检查点树大小 {manifest['checkpoint']['tree_size']}"
    )
    return 0


def cmd_prove(args: argparse.Namespace) -> int:
    """Print an inclusion proof for one event against the latest signed checkpoint."""
    seal = SealSettings.from_environ()
    with opened(args) as (_, store, _, log):
        proof = make_proof(log, store, args.notification_id)
    with contextlib.suppress(KeyFileError):  # the proof still checks with a key given to verify-proof
        proof["public_key"] = public_pem(Ed25519Checker.from_file(seal.public_key(args.public_key)).public)
    print(json.dumps(proof, ensure_ascii=False, indent=1))
    return 0


def _guarded(handler: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        try:
            return int(handler(args) or 0)
        except (AuditError, KeyFileError) as error:
            print(f"错误：{error.message}", file=sys.stderr)
            return 2

    return run


def add_audit_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `ganxin audit …`."""
    audit = commands.add_parser("audit", help="事件日志防篡改封存与验证 / tamper evidence over the event log")
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    keygen = actions.add_parser("keygen", help="生成封存密钥 / generate the sealing key")
    keygen.add_argument("--out", required=True, help="私钥文件 / private key file (0600)")
    keygen.set_defaults(handler=_guarded(cmd_keygen))
    seal = actions.add_parser("seal", help="封存新事件并签名检查点 / seal new events, sign checkpoints")
    seal.add_argument("--follow", action="store_true", help="持续跟随日志 / keep following the log")
    verify = actions.add_parser("verify", help="从事件库重算并验证 / recompute and check everything")
    verify.add_argument(
        "--checkpoints",
        default=None,
        help="外送检查点目录，默认 GANXIN_SEAL_DROP_DIR / "
        "pushed-out checkpoints directory (default: GANXIN_SEAL_DROP_DIR)",
    )
    export = actions.add_parser("export", help="导出证据包 / export an evidence bundle")
    export.add_argument("--from", dest="from_day", required=True, help="开始日期 YYYY-MM-DD")
    export.add_argument("--to", dest="to_day", required=True, help="结束日期 YYYY-MM-DD")
    export.add_argument("out", help="输出目录 / output directory")
    prove = actions.add_parser("prove", help="输出某事件的包含证明 / inclusion proof of one event")
    prove.add_argument("notification_id", type=int, help="通知编号 / notification id")
    for parser, handler in ((seal, cmd_seal), (verify, cmd_verify), (export, cmd_export), (prove, cmd_prove)):
        parser.add_argument("--database-url", default=None, help="数据库 URL / database URL")
        parser.set_defaults(handler=_guarded(handler))
    for parser in (verify, export, prove):
        parser.add_argument("--public-key", default=None, help="公钥文件 (PEM) / public key file")
    add_offline_commands(actions)
