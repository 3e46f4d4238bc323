"""Seal and verify speed of the tamper evidence (events/s), beside a plain read of the event log.

    .venv/bin/python -m bench.audit --database-url URL --events 100000 [--every 1000] [--batch 200] [--seed N]

The database must be empty. It bulk-loads synthetic cases (bench/bulk.py) until about --events events,
then times, on the same log:
  1. a plain read: select_notifications over everything, in batches (what any follower pays);
  2. `ganxin audit seal` once over everything (leaf hashes, the audit_leaves inserts, a signed
     checkpoint every --every events, each pushed to a drop directory);
  3. `ganxin audit verify` (read every event and every stored leaf, recompute all hashes and the roots
     of every checkpoint, check every signature and the published copies, per-aggregate versions).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from application.audit.ports import read_events
from application.audit.sealer import Sealer, SealPolicy
from application.audit.verify import verify_log
from application.shared.clock import ControlledClock, SystemClock
from bench import report
from bench.bulk import bulk_load, bulk_window, register_registries
from bench.config import bench_settings, snapshot_code
from bench.machine import database_kind, describe, machine_line
from infrastructure.audit.ed25519 import Ed25519Checker, Ed25519Signer
from infrastructure.audit.files import DropDirectory, read_published
from infrastructure.projections.engine.dialect import POSTGRES, SQLITE
from infrastructure.storage.seal_store import SqlSealStore, create_audit_tables
from infrastructure.wiring.services import build_services

EVENTS_PER_CASE = 8  # about what bench/dataset.py's life cycles average


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.audit", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--events", type=int, default=100_000, help="about how many events to load")
    parser.add_argument("--every", type=int, default=1000, help="a checkpoint every so many events")
    parser.add_argument("--batch", type=int, default=200, help="cases per save while loading")
    parser.add_argument("--enterprises", type=int, default=200)
    parser.add_argument("--seed", type=int, default=6962)
    return parser.parse_args(argv)


def timed(label: str, events: int, seconds: float) -> dict:
    """A figure, printed at once."""
    figure = {"events": events, "seconds": seconds, "events_per_s": events / seconds if seconds else 0.0}
    report.say(
        f"   {label:<44} {events:>9,} events in {seconds:>7.2f} s  →  {report.rate(figure['events_per_s'])} events/s"
    )
    return figure


def load(ganxin, clock: ControlledClock, args: argparse.Namespace) -> dict:
    """Registries and bulk cases until about --events events."""
    rng = random.Random(args.seed)
    loaded, _ = register_registries(ganxin, args.enterprises, rng)
    _, until = bulk_window()
    cases = max(1, args.events // EVENTS_PER_CASE)
    return bulk_load(ganxin, clock, loaded, cases, args.batch, rng, until)


def main(argv: list[str] | None = None) -> int:
    """Load, then time read, seal and verify."""
    args = parse_args(argv)
    snapshot_code()
    kind = database_kind(args.database_url)
    start, _ = bulk_window()
    clock = ControlledClock(start)
    ganxin = build_services(bench_settings(args.database_url), clock=clock)
    line = machine_line(describe(args.database_url))
    report.say(f"MACHINE: {line}")
    report.say(
        f"RUN: audit on {kind}, --events {args.events:,} --every {args.every:,}, "
        f"started {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC"
    )
    figures: dict = {"database": kind, "load": load(ganxin, clock, args)}
    total = ganxin.store.event_log.recorder.max_notification_id()
    report.say(f"0. Loaded {figures['load']['events']:,} case events ({total:,} events in the log), not timed below")
    datastore = ganxin.store.event_log.factory.datastore  # type: ignore[attr-defined]  # both SQL factories have one; their base does not say so
    store = SqlSealStore(datastore, POSTGRES if kind == "postgresql" else SQLITE)
    create_audit_tables(datastore, store.dialect)
    signer = Ed25519Signer(Ed25519PrivateKey.generate())
    with tempfile.TemporaryDirectory(prefix="ganxin-bench-drop-") as drop:
        started = time.perf_counter()
        read = sum(len(chunk) for chunk in read_events(ganxin.store.event_log.recorder))
        figures["plain_read"] = timed("1. plain read (select_notifications, all)", read, time.perf_counter() - started)
        sealer = Sealer(
            ganxin.store.event_log.recorder,
            store,
            signer,
            SystemClock(),
            [DropDirectory(Path(drop))],
            SealPolicy(every_events=args.every),
        )
        started = time.perf_counter()
        sealed = sealer.seal(final=True)
        figures["seal"] = timed(
            f"2. seal (+{len(sealed.checkpoints)} signed checkpoints)", sealed.leaves, time.perf_counter() - started
        )
        published, _ = read_published(Path(drop))
        started = time.perf_counter()
        result = verify_log(ganxin.store.event_log.recorder, store, Ed25519Checker(signer.public), published)
        figures["verify"] = timed(
            "3. verify (with the pushed-out copies)", result.events, time.perf_counter() - started
        )
    ganxin.store.close()
    if not result.ok:
        report.say(f"   verify did NOT pass: {result.problems} {result.divergence}")
        return 1
    report.note_load(figures, "verify")
    report.say(f"SUMMARY ({kind}) on {line}")
    for name in ("plain_read", "seal", "verify"):
        report.say(f"  {name:<12} {report.rate(figures[name]['events_per_s']):>12} events/s")
    path = report.write_json(
        f"audit-{kind}",
        {
            "machine": describe(args.database_url),
            "arguments": vars(args) | {"database_url": kind},
            "figures": figures,
            "finished_at": datetime.now(UTC).isoformat(),
        },
    )
    report.say(f"figures written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
