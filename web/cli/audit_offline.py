"""`ganxin audit verify-bundle` and `verify-proof`: offline checks that never touch a database.

Imports only the domain, the pure application checks and the key/file code: no database driver.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from application.audit import check_proof, verify_bundle
from infrastructure.wiring.offline import PUBLIC_KEY, Ed25519Checker, KeyFileError, read_bundle

FAILED = "验证失败 (verification FAILED)"


def _checker(given: str | None, bundled: str | None, origin: str) -> Ed25519Checker:
    """The pinned public key if given, else the one that came with the bundle or proof."""
    if given:
        return Ed25519Checker.from_file(Path(given))
    if not bundled:
        raise KeyFileError("请用 --public-key 指定公钥文件 (no public key given)")
    print(
        f"注意：使用{origin}自带的公钥，请核对其指纹或用 --public-key 指定可信公钥 "
        "(using the bundled public key: pin a trusted one with --public-key)"
    )
    return Ed25519Checker.from_pem(bundled, origin)


def cmd_verify_bundle(args: argparse.Namespace) -> int:
    """Check an exported bundle directory."""
    directory = Path(args.bundle)
    try:
        manifest, lines, checkpoints, public_key = read_bundle(directory)
        checker = _checker(args.public_key, public_key, f"证据包 {PUBLIC_KEY} ")
    except (OSError, ValueError) as error:
        print(f"错误：无法读取证据包 (cannot read bundle) {directory}: {error}", file=sys.stderr)
        return 2
    except KeyFileError as error:
        print(f"错误：{error.message}", file=sys.stderr)
        return 2
    print(f"公钥指纹 (key id): {checker.key_id}")
    report = verify_bundle(manifest, lines, checkpoints, checker)
    for problem in report.problems:
        print(f"✗ {problem}")
    if report.divergence is not None:
        print(f"✗ 第一个差异 (first divergence): {report.divergence.describe()}")
    if not report.ok:
        print(FAILED)
        return 1
    print(
        f"验证通过 (verified)：{report.events} 个事件（位置 {report.first_position} 起）与树大小 "
        f"{report.tree_size} 的签名检查点一致"
    )
    return 0


def cmd_verify_proof(args: argparse.Namespace) -> int:
    """Check an inclusion proof file."""
    try:
        proof = json.loads(Path(args.file).read_text(encoding="utf-8"))
        checker = _checker(args.public_key, proof.get("public_key"), "证明 ")
    except (OSError, ValueError, AttributeError) as error:
        print(f"错误：无法读取证明文件 (cannot read proof) {args.file}: {error}", file=sys.stderr)
        return 2
    except KeyFileError as error:
        print(f"错误：{error.message}", file=sys.stderr)
        return 2
    ok, message = check_proof(proof, checker)
    print(("✓ " if ok else "✗ ") + message)
    if not ok:
        print(FAILED)
    return 0 if ok else 1


def add_offline_commands(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register verify-bundle and verify-proof under `ganxin audit`."""
    bundle = actions.add_parser("verify-bundle", help="离线验证证据包 / check an exported bundle offline")
    bundle.add_argument("bundle", help="证据包目录 / bundle directory")
    bundle.add_argument("--public-key", default=None, help="可信公钥文件 (PEM) / trusted public key")
    bundle.set_defaults(handler=cmd_verify_bundle)
    proof = actions.add_parser("verify-proof", help="离线验证包含证明 / check an inclusion proof offline")
    proof.add_argument("file", help="证明文件 (JSON) / proof file")
    proof.add_argument("--public-key", default=None, help="可信公钥文件 (PEM) / trusted public key")
    proof.set_defaults(handler=cmd_verify_proof)
