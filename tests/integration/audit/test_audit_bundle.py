"""Evidence bundles checked offline (`verify-bundle`), and inclusion proofs (`prove`, `verify-proof`)."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from application.shared.clock import ControlledClock
from domain.audit.merkle import event_leaf_hash, root_from_inclusion
from domain.audit.seal import Checkpoint
from infrastructure.audit.ed25519 import Ed25519Signer, public_pem
from tests.integration.audit_support import seal_and_export_may, seal_env
from tests.support.app import ganxin_on, log_problems, register_units
from web.cli.main import main

MAY = ControlledClock(datetime(2026, 5, 11, 2, tzinfo=UTC))


@pytest.fixture
def bundle(database_url, tmp_path, monkeypatch, capsys):
    """April's setup and May's cases, sealed; May exported as a bundle."""
    paths = seal_env(monkeypatch, tmp_path)
    with ganxin_on(database_url) as ganxin:
        register_units(ganxin)
        log_problems(ganxin, "需迁移树木", "需迁改电源箱")
    with ganxin_on(database_url, MAY) as ganxin:
        for problems in (("需道路挖掘许可", "需协调用电"), ("需办理施工许可",), ("需增设公交站", "需疏通排水")):
            log_problems(ganxin, *problems)
    out = tmp_path / "bundle"
    seal_and_export_may(database_url, out)
    capsys.readouterr()
    return {**paths, "url": database_url, "dir": out}


def lines_of(bundle) -> list[dict]:
    return [json.loads(line) for line in (bundle["dir"] / "events.jsonl").read_text().splitlines()]


def write_lines(bundle, lines: list[dict]) -> None:
    (bundle["dir"] / "events.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))


def verify_bundle(bundle, capsys, *extra: str) -> tuple[int, str]:
    code = main(["audit", "verify-bundle", str(bundle["dir"]), *extra])
    return code, capsys.readouterr().out


def named(line: dict) -> str:
    return f"通知编号 {line['notification_id']}，对象 {line['originator_id']}，版本 {line['originator_version']}"


def test_the_bundle_holds_only_may_and_verifies_offline(bundle, capsys):
    lines = lines_of(bundle)
    assert len(lines) >= 8 and lines[0]["position"] > 0
    assert all(line["timestamp"].startswith("2026-05-11") for line in lines)
    assert {p.name for p in bundle["dir"].iterdir()} == {
        "manifest.json",
        "events.jsonl",
        "checkpoints.json",
        "public_key.pem",
        "README.md",
    }
    assert "如何验证" in (bundle["dir"] / "README.md").read_text()
    code, out = verify_bundle(bundle, capsys, "--public-key", str(bundle["public"]))
    assert code == 0, out
    assert f"验证通过 (verified)：{len(lines)} 个事件" in out


def test_an_edited_event_is_named(bundle, capsys):
    lines = lines_of(bundle)
    state = bytearray(base64.b64decode(lines[4]["state"]))
    state[10] ^= 0x01
    lines[4]["state"] = base64.b64encode(bytes(state)).decode()
    write_lines(bundle, lines)
    code, out = verify_bundle(bundle, capsys)
    assert code == 1 and "事件被修改 (edited)" in out and named(lines[4]) in out


def test_a_deleted_event_is_named(bundle, capsys):
    lines = lines_of(bundle)
    write_lines(bundle, lines[:3] + lines[4:])
    code, out = verify_bundle(bundle, capsys)
    assert code == 1 and "事件被删除 (deleted)" in out and named(lines[3]) in out


def test_an_inserted_event_is_named(bundle, capsys):
    lines = lines_of(bundle)
    forged = {**lines[2], "originator_id": "0b5f7d1e-4a8c-4f7e-9d2a-6c1b3e5f7a90", "originator_version": 1}
    write_lines(bundle, [*lines[:3], forged, *lines[3:]])
    code, out = verify_bundle(bundle, capsys)
    assert code == 1 and "插入了伪造事件 (inserted/forged)" in out and named(forged) in out


def test_two_swapped_events_are_named(bundle, capsys):
    lines = lines_of(bundle)
    lines[5], lines[6] = lines[6], lines[5]
    write_lines(bundle, lines)
    code, out = verify_bundle(bundle, capsys)
    assert code == 1 and "事件顺序被调换 (reordered/swapped)" in out and named(lines[5]) in out


def test_a_truncated_tail_is_named(bundle, capsys):
    lines = lines_of(bundle)
    write_lines(bundle, lines[:-2])
    code, out = verify_bundle(bundle, capsys)
    assert code == 1 and "日志尾部被截断 (truncated tail)" in out and named(lines[-2]) in out


def test_a_checkpoint_with_a_bad_signature_is_rejected(bundle, capsys):
    path = bundle["dir"] / "checkpoints.json"
    checkpoints = json.loads(path.read_text())
    checkpoints[0]["root"] = "00" * 32
    path.write_text(json.dumps(checkpoints))
    code, out = verify_bundle(bundle, capsys)
    assert code == 1 and f"树大小 {checkpoints[0]['tree_size']} 的检查点签名无效，拒绝" in out


def test_a_changed_sealed_list_does_not_reproduce_the_signed_root(bundle, capsys):
    path = bundle["dir"] / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["sealed"][1][5] = "ab" * 32
    path.write_text(json.dumps(manifest))
    code, out = verify_bundle(bundle, capsys)
    assert code == 1 and "与签名检查点的根不符" in out


def test_a_bundle_resigned_with_another_key_fails_against_the_pinned_key(bundle, tmp_path, capsys):
    assert main(["audit", "keygen", "--out", str(tmp_path / "other.key")]) == 0
    capsys.readouterr()
    code, out = verify_bundle(bundle, capsys, "--public-key", str(tmp_path / "other.key.pub"))
    assert code == 1 and "签名无效" in out


def test_verify_bundle_loads_no_database_code(bundle):
    script = (
        "import sys; from web.cli.audit_offline import cmd_verify_bundle; import argparse; "
        f"code = cmd_verify_bundle(argparse.Namespace(bundle={str(bundle['dir'])!r}, public_key=None)); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('psycopg', 'sqlite3', '_sqlite3') "
        "or m in ('eventsourcing.sqlite', 'eventsourcing.postgres', 'infrastructure.wiring.services')]; "
        "print('LOADED', bad); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "LOADED []" in done.stdout


def test_an_inclusion_proof_verifies_and_a_changed_one_fails(bundle, tmp_path, capsys):
    target = lines_of(bundle)[2]
    assert main(["audit", "prove", "--database-url", bundle["url"], str(target["notification_id"])]) == 0
    proof = json.loads(capsys.readouterr().out)
    assert proof["event"]["originator_id"] == target["originator_id"]
    path = tmp_path / "proof.json"
    path.write_text(json.dumps(proof))
    assert main(["audit", "verify-proof", str(path), "--public-key", str(bundle["public"])]) == 0
    assert "证明有效" in capsys.readouterr().out
    first = proof["audit_path"][0]
    flipped = first[:-1] + format((int(first[-1], 16) + 1) % 16, "x")  # always a different hash
    bent = {**proof, "audit_path": [flipped, *proof["audit_path"][1:]]}
    path.write_text(json.dumps(bent))
    assert main(["audit", "verify-proof", str(path), "--public-key", str(bundle["public"])]) == 1
    assert "审计路径不能" in capsys.readouterr().out
    edited = {**proof, "event": {**proof["event"], "originator_version": 9}}
    path.write_text(json.dumps(edited))
    assert main(["audit", "verify-proof", str(path)]) == 1
    assert "事件内容与证明中的叶哈希不符" in capsys.readouterr().out


def test_proving_an_unsealed_event_is_refused(bundle, capsys):
    with ganxin_on(bundle["url"], MAY) as ganxin:
        log_problems(ganxin, "需新增路灯")
        last = ganxin.store.event_log.recorder.max_notification_id()
    assert main(["audit", "prove", "--database-url", bundle["url"], str(last)]) == 2
    assert "尚未封存" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("timestamp", "2026-05-01T00:00:00+00:00", "时间字段与存储内容不符"),
        ("position", 0, "位置字段被改"),
        ("leaf_hash", "cd" * 32, "记录的叶哈希被改"),
    ],
)
def test_a_changed_line_field_is_named(bundle, capsys, field, value, said):
    lines = lines_of(bundle)
    lines[3][field] = value
    write_lines(bundle, lines)
    code, out = verify_bundle(bundle, capsys)
    assert code == 1 and said in out and named(lines[3]) in out


def test_a_forged_checkpoint_over_a_forged_event_fails_on_its_signature(bundle, tmp_path, capsys):
    """A tree head recomputed over a forged event reaches its root: only the signature can refuse it."""
    target = lines_of(bundle)[2]
    assert main(["audit", "prove", "--database-url", bundle["url"], str(target["notification_id"])]) == 0
    proof = json.loads(capsys.readouterr().out)
    forged_state = b'{"forged": true}'
    event = proof["event"]
    leaf = event_leaf_hash(
        event["notification_id"], event["originator_id"], event["originator_version"], event["topic"], forged_state
    )
    path = [bytes.fromhex(h) for h in proof["audit_path"]]
    genuine = Checkpoint.from_dict(proof["checkpoint"])
    head = replace(genuine, root=root_from_inclusion(leaf, event["position"], genuine.tree_size, path))
    foreign = Ed25519Signer(Ed25519PrivateKey.generate())
    foreign_head = replace(head, key_id=foreign.key_id)
    forgeries = {
        "the genuine signature over another root": head,
        "a foreign key's signature under its own key id": replace(
            foreign_head, signature=foreign.sign(foreign_head.signed_bytes())
        ),
        "a foreign key's signature under the pinned key id": replace(head, signature=foreign.sign(head.signed_bytes())),
    }
    file = tmp_path / "forged.json"
    for name, checkpoint in forgeries.items():
        forged = {
            **proof,
            "event": {**event, "state": base64.b64encode(forged_state).decode()},
            "leaf_hash": leaf.hex(),
            "checkpoint": checkpoint.as_dict(),
            "public_key": public_pem(foreign.public),
        }
        file.write_text(json.dumps(forged))
        assert main(["audit", "verify-proof", str(file), "--public-key", str(bundle["public"])]) == 1, name
        out = capsys.readouterr().out
        assert "签名无效" in out and "证明有效" not in out, name
