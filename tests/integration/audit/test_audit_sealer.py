"""The sealer's checkpoint policy (by count, by time) and its refusal to run a second time over the same leaves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from eventsourcing.postgres import PostgresDatastore

from application.audit.sealer import Sealer, SealPolicy
from application.audit.verify import verify_log
from infrastructure.audit.ed25519 import Ed25519Checker, Ed25519Signer
from infrastructure.audit.files import DropDirectory, read_published
from infrastructure.projections.engine.dialect import POSTGRES, SQLITE
from infrastructure.storage.seal_store import SqlSealStore, create_audit_tables
from tests.support.app import log_problems


@pytest.fixture
def store(ganxin):
    datastore = ganxin.store.event_log.factory.datastore
    dialect = POSTGRES if isinstance(datastore, PostgresDatastore) else SQLITE
    create_audit_tables(datastore, dialect)
    return SqlSealStore(datastore, dialect)


def test_following_checkpoints_by_time_when_few_events_come(ganxin, clock, store, tmp_path):
    signer = Ed25519Signer(Ed25519PrivateKey.generate())
    sealer = Sealer(
        ganxin.store.event_log.recorder,
        store,
        signer,
        clock,
        [DropDirectory(tmp_path)],
        SealPolicy(every_events=1000, every_seconds=600),
    )
    first = sealer.follow(lambda seconds: True)  # one pass, then told to stop
    assert len(first.checkpoints) == 1  # the first checkpoint does not wait
    log_problems(ganxin, "需迁移树木")
    clock.advance(timedelta(minutes=5))
    early = sealer.follow(lambda seconds: True)
    assert early.leaves > 0 and early.checkpoints == []
    clock.advance(timedelta(minutes=6))
    late = sealer.follow(lambda seconds: True)
    assert late.leaves == 0 and [c.tree_size for c in late.checkpoints] == [
        ganxin.store.event_log.recorder.max_notification_id()
    ]
    published, problems = read_published(tmp_path)
    assert problems == [] and len(published) == 2
    report = verify_log(ganxin.store.event_log.recorder, store, Ed25519Checker(signer.public), published)
    assert report.ok and report.unsealed == 0


def test_a_restarted_sealer_carries_on_the_same_tree(ganxin, clock, store):
    signer = Ed25519Signer(Ed25519PrivateKey.generate())
    Sealer(ganxin.store.event_log.recorder, store, signer, clock, policy=SealPolicy(every_events=7)).seal()
    log_problems(ganxin, "需迁改电源箱", "需道路挖掘许可")
    again = Sealer(ganxin.store.event_log.recorder, store, signer, clock, policy=SealPolicy(every_events=7)).seal()
    assert again.leaves > 0
    report = verify_log(ganxin.store.event_log.recorder, store, Ed25519Checker(signer.public))
    assert report.ok, (report.problems, report.divergence)
    assert report.sealed == report.events == report.signed_size


def test_a_checkpoint_whose_push_was_lost_is_pushed_again_when_the_sealer_starts(ganxin, clock, store, tmp_path):
    signer = Ed25519Signer(Ed25519PrivateKey.generate())
    drop = tmp_path / "drop"
    Sealer(
        ganxin.store.event_log.recorder, store, signer, clock, [DropDirectory(drop)], SealPolicy(every_events=5)
    ).seal()
    pushed = sorted(drop.iterdir())
    assert len(pushed) >= 2
    pushed[0].unlink()  # the share was offline when this one was written, or the process died after its commit
    log_problems(ganxin, "需迁改电源箱")
    Sealer(
        ganxin.store.event_log.recorder, store, signer, clock, [DropDirectory(drop)], SealPolicy(every_events=5)
    ).seal()
    published, problems = read_published(drop)
    assert problems == [] and pushed[0].exists()
    assert [c.tree_size for c in published] == [c.tree_size for c in store.checkpoints()]
