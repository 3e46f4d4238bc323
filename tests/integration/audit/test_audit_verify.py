"""`ganxin audit seal` and `verify` on a real store, tampered with by its owner through SQL."""

from __future__ import annotations

import json

import pytest

from tests.integration.audit_support import owner_of, seal_env
from tests.support.app import ganxin_on, log_problems, register_units
from web.cli.main import main


@pytest.fixture
def sealed(database_url, tmp_path, monkeypatch, capsys):
    """A store with a few cases, sealed with checkpoints every 10 events; the seal's paths."""
    paths = seal_env(monkeypatch, tmp_path)
    with ganxin_on(database_url) as ganxin:
        register_units(ganxin)
        log_problems(ganxin, "需迁移树木", "需迁改电源箱", "需道路挖掘许可")
    assert main(["audit", "seal", "--database-url", database_url]) == 0
    capsys.readouterr()
    return {**paths, "url": database_url}


def verify(sealed, capsys, *extra: str) -> tuple[int, str]:
    code = main(["audit", "verify", "--database-url", sealed["url"], *extra])
    return code, capsys.readouterr().out


def failed_verify(sealed, capsys, *extra: str) -> str:
    """What verify printed, having found something wrong (exit code 1)."""
    code, out = verify(sealed, capsys, *extra)
    assert code == 1, out
    return out


def test_an_untouched_log_verifies_and_new_events_are_only_not_yet_sealed(sealed, capsys):
    with ganxin_on(sealed["url"]) as ganxin:
        log_problems(ganxin, "需协调用电")
    code, out = verify(sealed, capsys, "--checkpoints", str(sealed["drop"]))
    assert code == 0, out
    assert "验证通过" in out and "尚未封存 (not yet sealed)" in out
    assert ("SQLite 数据库文件的所有者" in out) == sealed["url"].startswith("sqlite")
    files = sorted(p.name for p in sealed["drop"].iterdir())
    assert files and all(name.startswith("checkpoint-") for name in files)


def test_checkpoints_come_every_n_events_and_the_last_covers_the_log(sealed):
    files = sorted(sealed["drop"].iterdir())
    sizes = [json.loads(path.read_text())["tree_size"] for path in files]
    with owner_of(sealed["url"]) as owner:
        total = len(owner.rows())
    assert sizes[:-1] == list(range(10, total, 10))
    assert sizes[-1] == total


# One row tampered with by the owner: which row, how, and what verify names (notification id, object, version).
ONE_ROW_TAMPERED = {
    "edited state byte": (20, "edit_state_byte", "事件被修改 (edited)", "通知编号 {0}，对象 {1}，版本 {2}"),
    "deleted row": (15, "delete", "事件被删除 (deleted)", "通知编号 {0}，对象 {1}"),
}


@pytest.mark.parametrize("tampering", list(ONE_ROW_TAMPERED))
def test_an_edited_or_deleted_row_is_named(sealed, capsys, tampering):
    position, method, kind, where = ONE_ROW_TAMPERED[tampering]
    with owner_of(sealed["url"]) as owner:
        target = owner.rows()[position]
        getattr(owner, method)(target[0])
    out = failed_verify(sealed, capsys)
    assert kind in out and where.format(*target) in out


def test_a_forged_row_slipped_in_is_named(sealed, capsys):
    with owner_of(sealed["url"]) as owner:
        after = owner.rows()[12][0]
        forged = owner.insert_forged_after(after)
    out = failed_verify(sealed, capsys)
    assert "插入了伪造事件 (inserted/forged)" in out and f"通知编号 {after + 1}，对象 {forged}" in out


def test_two_swapped_rows_are_named(sealed, capsys):
    with owner_of(sealed["url"]) as owner:
        rows = owner.rows()
        first, second = rows[10], rows[25]
        owner.swap(first[0], second[0])
    out = failed_verify(sealed, capsys)
    assert "事件顺序被调换 (reordered/swapped)" in out and f"通知编号 {first[0]}，对象 {second[1]}" in out


def test_a_dropped_tail_is_named(sealed, capsys):
    with owner_of(sealed["url"]) as owner:
        rows = owner.rows()
        dropped = owner.drop_tail(3)
    out = failed_verify(sealed, capsys)
    first = next(row for row in rows if row[0] == dropped)
    assert "日志尾部被截断 (truncated tail)" in out and f"通知编号 {dropped}，对象 {first[1]}" in out


def test_a_bad_checkpoint_signature_is_rejected(sealed, capsys):
    with owner_of(sealed["url"]) as owner:
        owner.run("UPDATE audit_checkpoints SET signature = ? WHERE tree_size = 10", "00" * 64)
    out = failed_verify(sealed, capsys)
    assert "树大小 10 的检查点签名无效" in out


def test_a_rewrite_of_events_and_seal_tables_is_caught_by_the_pushed_out_checkpoints(sealed, capsys):
    with owner_of(sealed["url"]) as owner:
        target = owner.rows()[5]
        owner.edit_state_byte(target[0])
        owner.run("DELETE FROM audit_leaves")
        owner.run("DELETE FROM audit_checkpoints")
    out = failed_verify(sealed, capsys, "--checkpoints", str(sealed["drop"]))
    assert "外送的树大小 10 的检查点在数据库中缺失" in out
    assert "位置 0 至 9 之间的事件与签名检查点（树大小 10）不符" in out


def test_the_sealer_refuses_to_seal_on_top_of_rewritten_leaves(sealed, capsys):
    with owner_of(sealed["url"]) as owner:
        owner.run("UPDATE audit_leaves SET leaf_hash = ? WHERE position = 3", "ab" * 32)
    assert main(["audit", "seal", "--database-url", sealed["url"]]) == 2
    assert "封存记录与位置" in capsys.readouterr().err


def test_a_version_gap_in_an_aggregate_is_named(sealed, capsys):
    with owner_of(sealed["url"]) as owner:
        rows = owner.rows()
        last = {row[1]: row for row in rows}  # each aggregate's last event
        target = next(row for row in last.values() if row[2] >= 2)
        owner.run("UPDATE {t} SET originator_version = ? WHERE {id} = ?", target[2] + 5, target[0])
    out = failed_verify(sealed, capsys)
    assert "版本号不连续" in out and f"对象 {target[1]}，版本 {target[2] + 5}" in out


def test_a_tail_dropped_with_its_leaves_and_newest_checkpoints_is_caught_by_the_drop_dir_by_default(sealed, capsys):
    with owner_of(sealed["url"]) as owner:
        kept = len(owner.rows()) - 3
        owner.drop_tail(3)
        owner.run("DELETE FROM audit_leaves WHERE position >= ?", kept)
        owner.run("DELETE FROM audit_checkpoints WHERE tree_size > ?", kept)
    out = failed_verify(sealed, capsys)  # no --checkpoints: GANXIN_SEAL_DROP_DIR is the default
    assert f"已与外送检查点核对 (compared with pushed-out checkpoints)：{sealed['drop']}" in out
    assert "日志尾部被截断 (truncated tail)" in out and f"现存仅 {kept} 个，自位置 {kept} 起缺失" in out
    assert "验证通过" not in out


def test_without_pushed_out_copies_verify_warns_that_a_truncated_tail_could_go_unseen(sealed, capsys, monkeypatch):
    monkeypatch.delenv("GANXIN_SEAL_DROP_DIR")
    code, out = verify(sealed, capsys)
    assert code == 0, out
    assert "未与外送检查点核对" in out and "a truncated tail deleted together with its newest checkpoints" in out
    assert "验证通过" in out


# What an owner can store in place of an event's fields, per database: one row where the column's type
# allows it (SQLite stores any type anywhere), else the whole column retyped (PostgreSQL's ALTER … TYPE).
ODD_VALUES = {
    "state cast to text": (
        "UPDATE {t} SET state = CAST(state AS TEXT) WHERE {id} = ?",
        "ALTER TABLE {t} ALTER COLUMN state TYPE text USING encode(state, 'escape')",
    ),
    "state NULL": ("UPDATE {t} SET state = NULL WHERE {id} = ?", "UPDATE {t} SET state = NULL WHERE {id} = ?"),
    "state a number": (
        "UPDATE {t} SET state = 7 WHERE {id} = ?",
        "ALTER TABLE {t} ALTER COLUMN state TYPE bigint USING length(state)",
    ),
    "topic NULL": ("UPDATE {t} SET topic = NULL WHERE {id} = ?", "UPDATE {t} SET topic = NULL WHERE {id} = ?"),
}


@pytest.mark.parametrize("odd", list(ODD_VALUES))
def test_a_stored_value_of_another_type_is_named_as_an_edited_event(sealed, capsys, odd):
    with owner_of(sealed["url"]) as owner:
        statement = ODD_VALUES[odd][owner.postgres]
        position = 0 if "ALTER" in statement else 20
        target = owner.rows()[position]
        owner.run(statement, *([target[0]] if "?" in statement else []))
    out = failed_verify(sealed, capsys)
    assert f"事件被修改 (edited)：位置 {position}，通知编号 {target[0]}，对象 {target[1]}，版本 {target[2]}" in out
