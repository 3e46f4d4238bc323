"""Load N cases into an empty database and print how fast Ganxin writes, projects and answers.

    .venv/bin/python -m bench.load_cases --database-url URL --cases 100000 \
        [--sample 2000] [--http-sample 1000] [--queries 200]

A benchmark, not a test: it prints the machine first, then each figure as it is measured, a summary
table, and writes the same figures to bench/results/<database>-<YYYYMMDD-HHMMSS>.json.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta

from application.shared.clock import ControlledClock, local_date, start_of_local_day
from bench import report
from bench.bulk import bulk_load, bulk_window, project_all, register_registries, through_application
from bench.config import bench_settings, snapshot_code
from bench.dataset import ALL_OPEN_LIFECYCLES
from bench.http_phase import CADRE_USER, create_logins, logged_in, measure_latencies, post_visits, serving
from bench.machine import database_kind, describe, machine_line
from infrastructure.wiring.services import build_services


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.load_cases", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("GANXIN_DATABASE_URL"),
        help="sqlite:///path or postgresql://user@host:port/db of an EMPTY database (default: $GANXIN_DATABASE_URL)",
    )
    parser.add_argument("--cases", type=int, default=100_000, help="cases in the bulk load (default 100000)")
    parser.add_argument("--batch", type=int, default=200, help="cases per Application.save (default 200)")
    parser.add_argument("--enterprises", type=int, default=1000, help="enterprises registered (default 1000)")
    parser.add_argument("--sample", type=int, default=2000, help="cases run through the use cases (default 2000)")
    parser.add_argument("--http-sample", type=int, default=1000, help="POST /api/v1/visits requests (default 1000)")
    parser.add_argument("--queries", type=int, default=200, help="measured requests per latency target (default 200)")
    parser.add_argument(
        "--all-open",
        action="store_true",
        help="bulk cases all stay open with a deadline (assigned or accepted), logged over the "
        "last days before the server's clock so deadlines range from overdue to weeks ahead",
    )
    parser.add_argument("--seed", type=int, default=20260408, help="random seed of the synthetic data")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url or set GANXIN_DATABASE_URL")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run every phase and report."""
    args = parse_args(argv)
    snapshot_code()
    rng = random.Random(args.seed)
    kind = database_kind(args.database_url)
    start, until = bulk_window(all_open=args.all_open)
    clock = ControlledClock(start)
    ganxin = build_services(bench_settings(args.database_url), clock=clock)
    machine = describe(args.database_url)
    line = machine_line(machine)
    report.say(f"MACHINE: {line}")
    report.say(
        f"RUN: {kind}, --cases {args.cases:,} --batch {args.batch} --enterprises {args.enterprises:,} "
        f"--sample {args.sample:,} --http-sample {args.http_sample:,} --queries {args.queries}"
        f"{' --all-open' if args.all_open else ''}, "
        f"started {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC"
    )
    figures: dict = {"database": kind}
    started = time.perf_counter()

    loaded, figures["registries"] = register_registries(ganxin, args.enterprises, rng)
    report.say(
        f"0. Registries: {figures['registries']['units']} units, {figures['registries']['enterprises']:,} "
        f"enterprises ({figures['registries']['seconds']:.1f} s, not counted below)"
    )
    figures["bulk"] = bulk_load(
        ganxin, clock, loaded, args.cases, args.batch, rng, until, ALL_OPEN_LIFECYCLES if args.all_open else None
    )
    figures["projection"] = project_all(ganxin)
    report.print_bulk(figures["bulk"], figures["projection"])
    report.note_load(figures, "projection")

    if args.sample:
        clock.set(start_of_local_day(date(2026, 12, 1)))
        figures["application"] = through_application(ganxin, clock, loaded, args.sample, rng)
        report.print_app(figures["application"])
        report.note_load(figures, "application")

    total_cases = args.cases + args.sample
    if args.http_sample or args.queries:
        total_cases += run_http(args, ganxin, loaded, rng, figures, total_cases, clock)
    else:
        ganxin.store.close()

    figures["total_seconds"] = time.perf_counter() - started
    report.print_summary(line, figures)
    path = report.write_json(
        kind,
        {
            "machine": machine,
            "arguments": vars(args) | {"database_url": _redact(args.database_url)},
            "finished_at": datetime.now(UTC).isoformat(),
            "figures": figures,
        },
    )
    report.say(f"figures written to {path}")
    return 0


def run_http(
    args: argparse.Namespace,
    ganxin,
    loaded,
    rng: random.Random,
    figures: dict,
    total_cases: int,
    clock: ControlledClock,
) -> int:
    """Phases 3 and 4 against a real server; the number of cases the HTTP phase added."""
    create_logins(ganxin)
    ganxin.store.close()  # the server gets its own application, as in service
    # The server's clock stands just after the last event written so far: nothing lies in its future.
    at = max(clock.now(), loaded.last_event_at or clock.now()) + timedelta(hours=1)
    figures["server_clock"] = at.isoformat()
    added = 0
    with serving(args.database_url, at) as base_url:
        if args.http_sample:
            with logged_in(base_url, CADRE_USER) as client:
                figures["http_post"] = post_visits(client, loaded, args.http_sample, rng, local_date(at).isoformat())
            report.print_http(figures["http_post"])
            report.note_load(figures, "http_post")
            added = figures["http_post"]["cases"]
        if args.queries:
            figures["latency"], figures["board"] = measure_latencies(base_url, loaded, args.queries, rng)
            report.print_latency(figures["latency"], total_cases + added)
            report.print_board(figures["board"], local_date(at).isoformat())
            report.note_load(figures, "latency")
    return added


def _redact(url: str) -> str:
    """The URL without a password, for the JSON file."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"


if __name__ == "__main__":
    sys.exit(main())
