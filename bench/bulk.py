"""Phases 0-2: registries, the bulk load (library save, no web layer), the projector, the use cases."""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from application.cases.ports import CaseFilter
from application.shared.clock import ControlledClock, start_of_local_day
from bench.dataset import ADMIN, DISPATCH, PlanMaker, enterprises, scenario_units
from bench.steps import CaseInService, agenda, build_case, run_command
from domain.registry.registry import Enterprise, Unit

if TYPE_CHECKING:
    from application.services import Services


@dataclass
class Loaded:
    """What the bulk load left behind, for the later phases."""

    unit_keys: list[str]
    usccs: list[str]
    case_ids: list[UUID] = field(default_factory=list)
    last_event_at: datetime | None = None


def progress(label: str, done: int, total: int, started: float) -> None:
    """A line on stderr now and then, so a long run shows it is alive."""
    print(f"  … {label}: {done:,}/{total:,} ({time.perf_counter() - started:,.1f} s)", file=sys.stderr, flush=True)


def register_registries(ganxin: Services, enterprise_count: int, rng: random.Random) -> tuple[Loaded, dict]:
    """The 16 units through the use case, the enterprises saved in batches; projected."""
    units = scenario_units()
    # Startup may publish calendar years as events; what must be absent are units and cases.
    if (
        ganxin.store.exists(Unit.create_id(units[0]["key"]))
        or ganxin.case_queries.list_cases(DISPATCH, CaseFilter(per_page=1)).total
    ):
        raise SystemExit("the database already holds units or cases: the benchmark needs an empty database")
    started = time.perf_counter()
    for unit in units:
        ganxin.registry.register_unit(ADMIN, unit["key"], unit["name"], unit.get("short_name", ""))
    rows = enterprises(enterprise_count, rng)
    for first in range(0, len(rows), 200):
        ganxin.store.event_log.save(
            *[
                Enterprise.register(r.uscc, r.name, r.street, r.industry, [], ADMIN.actor, ganxin.store.clock.now())
                for r in rows[first : first + 200]
            ]
        )
    ganxin.store.projector.catch_up()
    figures = {"units": len(units), "enterprises": len(rows), "seconds": time.perf_counter() - started}
    return Loaded([u["key"] for u in units], [r.uscc for r in rows]), figures


def bulk_load(
    ganxin: Services,
    clock: ControlledClock,
    loaded: Loaded,
    cases: int,
    batch: int,
    rng: random.Random,
    until: datetime,
    only: tuple[str, ...] | None = None,
) -> dict:
    """N cases built in memory with the domain, written with Application.save in batches; projector not run.

    `only` restricts the life cycles drawn (e.g. dataset.ALL_OPEN_LIFECYCLES).
    """
    maker = PlanMaker(rng, loaded.unit_keys, loaded.usccs, only)
    gap = (until - clock.now()) / max(cases, 1)
    save_seconds = build_seconds = 0.0
    events = saves = 0
    lifecycles: dict[str, int] = {}
    started = time.perf_counter()
    for first in range(0, cases, batch):
        built = time.perf_counter()
        aggregates = []
        for serial in range(first, min(first + batch, cases)):
            plan = maker.plan(serial)
            lifecycles[plan.lifecycle] = lifecycles.get(plan.lifecycle, 0) + 1
            aggregates.append(build_case(plan, clock.now(), ganxin.calendar.working_calendar))
            clock.advance(gap)
        events += sum(len(a.pending_events) for a in aggregates)
        latest = max(a.pending_events[-1].timestamp for a in aggregates)
        loaded.last_event_at = max(loaded.last_event_at or latest, latest)
        loaded.case_ids.extend(a.id for a in aggregates)
        saving = time.perf_counter()
        build_seconds += saving - built
        ganxin.store.event_log.save(*aggregates)  # the library's save: one transaction per batch, no projection
        save_seconds += time.perf_counter() - saving
        saves += 1
        if saves % max(1, cases // batch // 10) == 0:
            progress("bulk save", len(loaded.case_ids), cases, started)
    return {
        "cases": cases,
        "events": events,
        "events_per_case": events / max(cases, 1),
        "batch_cases": batch,
        "saves": saves,
        "save_seconds": save_seconds,
        "build_seconds": build_seconds,
        "wall_seconds": time.perf_counter() - started,
        "save_events_per_s": events / save_seconds,
        "save_cases_per_s": cases / save_seconds,
        "lifecycles": dict(sorted(lifecycles.items(), key=lambda kv: -kv[1])),
    }


def project_all(ganxin: Services) -> dict:
    """Time the projector catching up on everything the bulk load wrote."""
    start_position = ganxin.store.projector.position()
    last = ganxin.store.event_log.recorder.max_notification_id() or 0
    started = time.perf_counter()
    step = max(1, (last - start_position) // 10)
    marks = {"next": start_position + step}

    def report(position: int, total: int) -> None:
        if position >= marks["next"]:
            progress("projector", position - start_position, total - start_position, started)
            marks["next"] = position + step

    reached = ganxin.store.projector.catch_up(report)
    seconds = time.perf_counter() - started
    events = reached - start_position
    total = ganxin.case_queries.list_cases(DISPATCH, CaseFilter(per_page=1)).total
    return {"events": events, "seconds": seconds, "events_per_s": events / seconds, "rm_cases_rows": total}


def through_application(
    ganxin: Services,
    clock: ControlledClock,
    loaded: Loaded,
    sample: int,
    rng: random.Random,
    spread: timedelta = timedelta(days=20),
) -> dict:
    """`sample` cases via log_visit and the case use cases, each command saved and projected.

    The cases are logged over `spread` from the clock's time; their commands run interleaved in time order.
    """
    maker = PlanMaker(rng, loaded.unit_keys, loaded.usccs)
    start, gap = clock.now(), spread / max(sample, 1)
    cases = [CaseInService(maker.plan(1_000_000 + i), start + gap * i) for i in range(sample)]
    commands = agenda(cases)
    started = time.perf_counter()
    for done, (at, index, step) in enumerate(commands, 1):
        clock.set(at)
        run_command(ganxin, cases[index], step)
        if done % max(1, len(commands) // 5) == 0:
            progress("use-case commands", done, len(commands), started)
    seconds = time.perf_counter() - started
    return {
        "cases": sample,
        "commands": len(commands),
        "seconds": seconds,
        "cases_per_s": sample / seconds,
        "commands_per_s": len(commands) / seconds,
        "clock_from": start.isoformat(),
        "clock_to": clock.now().isoformat(),
    }


ALL_OPEN_DAYS = 10  # --all-open: cases logged over the last ten days of the window


def bulk_window(year: int = 2026, all_open: bool = False) -> tuple[datetime, datetime]:
    """The bulk load's cases are logged from early January to the end of November.

    With all_open, over the last ALL_OPEN_DAYS only: the server's clock stands ~9 days after the window
    (the last cases' steps), so with 5-30 working-day limits most deadlines lie ahead, some are near
    and some (mostly 5-day limits) have passed.
    """
    until = start_of_local_day(date(year, 11, 30))
    return (until - timedelta(days=ALL_OPEN_DAYS) if all_open else start_of_local_day(date(year, 1, 2))), until
