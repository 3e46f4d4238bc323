"""Printing the figures as they come, the final table, and the JSON file."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"
WHOLE_RATE_FROM = 100  # a rate this high is shown without decimals


def say(text: str = "") -> None:
    """A line of the report, at once (the run may be long)."""
    print(text, flush=True)


def note_load(figures: dict, phase: str) -> None:
    """Record and print the load average: other work on the machine skews every figure."""
    load = [round(x, 2) for x in os.getloadavg()]
    figures.setdefault("load_average_after", {})[phase] = load
    say(f"   (load average after this phase: {' '.join(map(str, load))}; {len(os.sched_getaffinity(0))} CPUs)")


def rate(value: float) -> str:
    """A rate with thousands separators."""
    return f"{value:,.0f}" if value >= WHOLE_RATE_FROM else f"{value:,.1f}"


def print_bulk(bulk: dict, projection: dict) -> None:
    """Figure 1: the library's save alone, then the projector."""
    say(
        f"1. Bulk load — Application.save of {bulk['cases']:,} cases / {bulk['events']:,} events "
        f"({bulk['events_per_case']:.2f} events per case), {bulk['batch_cases']} cases per save, no web layer, "
        "projector not run:"
    )
    say(
        f"   save alone: {bulk['save_seconds']:,.1f} s  →  {rate(bulk['save_events_per_s'])} events/s, "
        f"{rate(bulk['save_cases_per_s'])} cases/s   (building aggregates in memory: {bulk['build_seconds']:,.1f} s)"
    )
    say(f"   life cycles: {', '.join(f'{k} {v:,}' for k, v in bulk['lifecycles'].items())}")
    say(
        f"1b. Projector catch-up on all of it (ganxin.store.projector.catch_up()): {projection['events']:,} events in "
        f"{projection['seconds']:,.1f} s  →  {rate(projection['events_per_s'])} events/s "
        f"(rm_cases rows: {projection['rm_cases_rows']:,})"
    )


def print_app(app: dict) -> None:
    """Figure 2: use cases, each command committed and projected."""
    say(
        f"2. Through the application (log_visit + case use cases, each command saved and projected as in "
        f"service): {app['cases']:,} cases / {app['commands']:,} commands in {app['seconds']:,.1f} s  →  "
        f"{rate(app['cases_per_s'])} cases/s, {rate(app['commands_per_s'])} commands/s"
    )


def print_http(http: dict) -> None:
    """Figure 3: POST /api/v1/visits over keep-alive HTTP."""
    say(
        f"3. Through HTTP (POST /api/v1/visits, 1–2 problems each, one keep-alive client): {http['visits']:,} "
        f"visits / {http['cases']:,} cases in {http['seconds']:,.1f} s  →  {rate(http['cases_per_s'])} cases/s, "
        f"{rate(http['visits_per_s'])} requests/s"
    )


def print_latency(latency: dict, total_cases: int) -> None:
    """Figure 4: per-request latency with everything loaded."""
    say(f"4. Latency with {total_cases:,} cases loaded (ms, one client, after warm-up):")
    say(f"   {'request':<38} {'n':>5} {'p50':>8} {'p95':>8} {'p99':>8} {'mean':>8} {'max':>8}  matched")
    for label, s in latency.items():
        matched = f"{s['mean_total_matched']:,.0f}" if "mean_total_matched" in s else ""
        say(
            f"   {label:<38} {s['n']:>5} {s['p50_ms']:>8.1f} {s['p95_ms']:>8.1f} {s['p99_ms']:>8.1f} "
            f"{s['mean_ms']:>8.1f} {s['max_ms']:>8.1f}  {matched}"
        )


def print_board(board: dict, today: str) -> None:
    """What the deadline board reported (unfiltered, dispatch desk)."""
    c = board["counts"]
    say(
        f"   deadline board on {today}: {board['total']:,} open cases with a deadline — red {c['red']:,}, "
        f"yellow {c['yellow']:,}, blue {c['blue']:,}, green {c['green']:,} "
        f"(due {board['earliest_due_on']} … {board['latest_due_on']})"
    )


# The summary's throughput rows: the figures' section, its label, and its two columns (each *_per_s by rate()).
THROUGHPUT_ROWS = (
    ("bulk", "bulk save (library, no projection)", "{save_events_per_s} events/s", "{save_cases_per_s} cases/s"),
    ("projection", "projector catch-up", "{events_per_s} events/s", "{seconds:,.1f} s for {events:,} events"),
    ("application", "use cases (commit + project)", "{commands_per_s} commands/s", "{cases_per_s} cases/s"),
    ("http_post", "HTTP POST /api/v1/visits", "{cases_per_s} cases/s", "{visits_per_s} requests/s"),
)


def with_rates(section: dict[str, Any]) -> dict[str, Any]:
    """The section's figures, each *_per_s one written by rate()."""
    return {key: rate(value) if key.endswith("_per_s") else value for key, value in section.items()}


def print_summary(machine_line: str, figures: dict[str, Any]) -> None:
    """The final table."""
    say()
    say("=" * 100)
    say(f"SUMMARY ({figures['database']}) on {machine_line}")
    rows = [
        (label, first.format(**with_rates(figures[key])), second.format(**with_rates(figures[key])))
        for key, label, first, second in THROUGHPUT_ROWS
        if figures.get(key)
    ]
    for label, s in (figures.get("latency") or {}).items():
        rows.append(
            (
                label,
                f"p50 {s['p50_ms']:.1f} ms",
                f"p95 {s['p95_ms']:.1f} / p99 {s['p99_ms']:.1f} / mean {s['mean_ms']:.1f} ms",
            )
        )
    if figures.get("board"):
        c = figures["board"]["counts"]
        rows.append(
            (
                "deadline board counts",
                f"{figures['board']['total']:,} open",
                f"red {c['red']:,} / yellow {c['yellow']:,} / blue {c['blue']:,} / green {c['green']:,}",
            )
        )
    for label, first, second in rows:
        say(f"  {label:<40} {first:>22}   {second}")
    say("=" * 100)


def write_json(kind: str, document: dict) -> Path:
    """bench/results/<kind>-<YYYYMMDD-HHMMSS>.json."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{kind}-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, default=str), "utf-8")
    return path
