"""Seals: leaves, checkpoints and how a log diverges from what was sealed, on hand-made events."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from domain.audit.seal import Checkpoint, Divergence, SealedLeaf, StoredEvent, first_divergence, version_gap
from domain.audit.sensitive_read import SensitiveRead
from domain.shared.actor import Actor


def event(n: int, aggregate: str = "a", version: int = 1, state: bytes = b"{}") -> StoredEvent:
    return StoredEvent(n, aggregate, version, "ganxin:Case.Logged", state)


LOG = [event(1, "a", 1), event(2, "b", 1), event(3, "a", 2), event(4, "b", 2)]
SEALED = [SealedLeaf.of(i, e) for i, e in enumerate(LOG)]


def test_a_stored_event_names_its_aggregate_version_and_hashes_by_rfc_6962():
    e = event(7, "agg", 3, b"\x00\xff")
    assert e.key == ("agg", 3) and e.state_b64() == "AP8="
    fields = [b"7", b"agg", b"3", b"ganxin:Case.Logged", b"\x00\xff"]
    framed = b"".join(len(f).to_bytes(8, "big") + f for f in fields)
    assert e.leaf_hash == hashlib.sha256(b"\x00" + framed).digest()
    leaf = SealedLeaf.of(5, e)
    assert (leaf.position, leaf.notification_id, leaf.key, leaf.topic, leaf.leaf_hash) == (
        5,
        7,
        ("agg", 3),
        "ganxin:Case.Logged",
        e.leaf_hash,
    )


def test_a_checkpoint_signs_exactly_its_lines_and_round_trips():
    checkpoint = Checkpoint(4, 9, bytes(range(32)), "2026-04-08T01:00:00Z", "key-1", b"\x01\x02")
    assert checkpoint.signed_bytes() == (
        b"ganxin-checkpoint-v1\n4\n9\n" + bytes(range(32)).hex().encode() + b"\n2026-04-08T01:00:00Z\nkey-1"
    )
    data = checkpoint.as_dict()
    assert data == {
        "format": "ganxin-checkpoint-v1",
        "tree_size": 4,
        "last_notification_id": 9,
        "root": bytes(range(32)).hex(),
        "sealed_at": "2026-04-08T01:00:00Z",
        "key_id": "key-1",
        "signature": "0102",
    }
    assert Checkpoint.from_dict(data) == checkpoint
    assert Checkpoint(1, 1, b"", "t", "k").signature == b""


@pytest.mark.parametrize("broken", [{"tree_size": 4}, {**Checkpoint(1, 1, b"", "t", "k").as_dict(), "root": None}])
def test_a_malformed_checkpoint_is_a_value_error_in_chinese(broken):
    with pytest.raises(ValueError, match=r"^检查点格式错误 \(malformed checkpoint\): "):
        Checkpoint.from_dict(broken)


def test_an_untouched_log_and_its_unsealed_tail_do_not_diverge():
    assert first_divergence(SEALED, LOG) is None
    assert first_divergence(SEALED[:2], LOG) is None  # events 3 and 4 are simply not sealed yet
    assert first_divergence(SEALED[2:], LOG[2:], first_position=2) is None


def test_an_edited_event_is_named_with_what_changed():
    edited = [*LOG[:2], event(3, "a", 2, b'{"x":1}'), LOG[3]]
    assert first_divergence(SEALED, edited) == Divergence(
        "edited", 2, 3, "a", 2, "ganxin:Case.Logged", "内容与封存时不同"
    )
    renumbered = [*LOG[:2], event(30, "a", 2), LOG[3]]
    assert first_divergence(SEALED, renumbered).detail == "通知编号与封存时不同"


def test_a_deleted_event_an_inserted_one_a_swap_and_a_truncated_tail():
    assert first_divergence(SEALED, [LOG[0], LOG[2], LOG[3]]) == Divergence(
        "deleted", 1, 2, "b", 1, "ganxin:Case.Logged", "封存过的事件已不在日志中"
    )
    forged = event(2, "x", 1)
    assert first_divergence(SEALED, [LOG[0], forged, *LOG[1:]]) == Divergence(
        "inserted", 1, 2, "x", 1, "ganxin:Case.Logged", "封存时此处没有该事件"
    )
    assert first_divergence(SEALED, [LOG[1], LOG[0], *LOG[2:]]) == Divergence(
        "reordered", 0, 2, "b", 1, "ganxin:Case.Logged", "封存时它在位置 1"
    )
    assert first_divergence(SEALED, LOG[:3]) == Divergence(
        "truncated", 3, 4, "b", 2, "ganxin:Case.Logged", "封存过 4 个事件，现存仅 3 个"
    )
    assert first_divergence(SEALED[1:], LOG[1:2], first_position=1).position == 2


def test_divergences_read_as_one_chinese_line():
    line = Divergence("edited", 2, 3, "a", 2, "ganxin:Case.Logged", "内容与封存时不同").describe()
    assert line == "事件被修改 (edited)：位置 2，通知编号 3，对象 a，版本 2，类型 ganxin:Case.Logged；内容与封存时不同"
    assert Divergence("odd", 0, None, None, None, None).describe() == (
        "odd：位置 0，通知编号 None，对象 None，版本 None，类型 None"
    )


def test_versions_run_1_2_3_over_the_whole_log_and_on_from_the_first_seen_in_a_slice():
    assert version_gap(LOG) is None
    assert version_gap([event(1, "a", 2)]) == Divergence(
        "version_gap", 0, 1, "a", 2, "ganxin:Case.Logged", "应为版本 1"
    )
    assert version_gap([event(1, "a", 1), event(2, "a", 3)], first_position=10) == Divergence(
        "version_gap", 11, 2, "a", 3, "ganxin:Case.Logged", "应为版本 2"
    )
    assert version_gap([event(5, "a", 7), event(6, "a", 8)], whole_log=False) is None
    assert version_gap([event(5, "a", 7), event(6, "a", 7)], whole_log=False).detail == "应为版本 8"
    assert version_gap([event(1, "a", 1), event(2, "b", 1), event(3, "b", 2), event(4, "a", 2)]) is None


def test_a_sensitive_read_names_the_reader_the_resource_and_the_moment():
    reader = Actor("inspector-qian", "钱监察", "inspector")
    at = datetime(2026, 4, 8, 1, tzinfo=UTC)
    read = SensitiveRead.record("case_history", "case-1", reader, at)
    other = SensitiveRead.record("case_history", "case-1", reader, at)
    assert (read.resource, read.subject, read.reader) == ("case_history", "case-1", reader.as_dict())
    assert read.id != other.id  # every reading is its own record
    (recorded,) = read.collect_events()
    assert (type(recorded).__name__, recorded.actor, recorded.timestamp) == ("Recorded", reader.as_dict(), at)
