"""The 中梗阻 measures per unit and per handler, computed from case facts (no I/O; unit-tested)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from uuid import UUID

from application.accountability.measures import (
    HANDLER_MEASURES,
    MEASURES,
    Entry,
    HandlerStats,
    HoldingRow,
    PingPong,
    UnitStats,
)
from application.accountability.ports import Fact
from application.accountability.timeline import Holding, Occurrence, end_on, walk_case
from application.shared.clock import local_date
from domain.calendar import WorkdayCounter, WorkingCalendar

ACCEPT_WITHIN_WORKING_DAYS = 1  # 签收: by the end of the first working day after assignment
DEFAULT_STALL_DAYS = 5
PING_PONG_MOVES = 2  # moves between units that make a case a ping-pong (there and back again)


@dataclass(frozen=True)
class Window:
    """The report's period (local days) and the moment it is read at (exclusive: facts before it count)."""

    start: date
    end: date
    moment: datetime
    stall_days: int = DEFAULT_STALL_DAYS

    def has(self, fact: Fact) -> bool:
        """Whether an event happened within the period."""
        return self.start <= local_date(fact.at) <= self.end

    def overlaps(self, holding: Holding) -> bool:
        """Whether a holding overlaps the period."""
        return holding.start_on <= self.end and end_on(holding, self.moment) >= self.start


@dataclass
class Tally:
    """The units' numbers and the ping-pong cases, filled case by case."""

    window: Window
    days: WorkdayCounter
    units: dict[str, UnitStats] = field(default_factory=dict)
    ping_pong: list[PingPong] = field(default_factory=list)

    def unit(self, key: str) -> UnitStats:
        """The unit's stats, created on first use."""
        return self.units.setdefault(key, UnitStats(key))

    def add(self, measure: str, unit: str, entry: Entry, handler: tuple[str, str] | None = None) -> None:
        """Count one entry for the unit (and its handler, for the handler's measures)."""
        stats = self.unit(unit)
        if measure in MEASURES:
            stats.entries[measure].append(entry)
        if handler is not None and measure in HANDLER_MEASURES:
            person = stats.handlers.setdefault(handler[0], HandlerStats(unit, handler[0], handler[1]))
            person.entries[measure].append(entry)

    def read_case(self, case_id: UUID, facts: list[Fact]) -> None:
        """Add one case's holdings, events and time measures."""
        walk = walk_case([f for f in facts if f.at < self.window.moment])  # the moment is exclusive
        for occurrence in walk.occurrences:
            if self.window.has(occurrence.fact):
                self._occurrence(case_id, occurrence)
        for holding in walk.holdings:
            if self.window.overlaps(holding):
                self._holding(case_id, holding)
        self._ping_pong(case_id, walk.holdings)

    def _occurrence(self, case_id: UUID, o: Occurrence) -> None:
        self.add(o.measure, o.unit, Entry(case_id, (*o.related, o.fact)), o.handler)
        if o.measure == "accepted" and o.related:
            waited = self.days.between(local_date(o.related[0].at), local_date(o.fact.at))
            if waited > ACCEPT_WITHIN_WORKING_DAYS:
                self.add("accepted_late", o.unit, Entry(case_id, (o.related[0], o.fact), waited), o.handler)

    def _holding(self, case_id: UUID, h: Holding) -> None:
        last = end_on(h, self.window.moment)
        closing = (h.end,) if h.end else ()
        self.unit(h.unit).holdings.append(
            HoldingRow(case_id, h.unit, h.start, h.end, h.how_ended, h.accepted, self.days.between(h.start_on, last))
        )
        waited = self.days.between(h.start_on, last)
        if h.accepted is None and waited > ACCEPT_WITHIN_WORKING_DAYS:
            self.add("not_accepted", h.unit, Entry(case_id, (h.start, *closing), waited))
        if h.due_on is not None and h.how_ended not in ("cannot_do",):
            late = self.days.between(max(h.due_on, h.start_on), last)
            if late > 0:
                deadline = (h.deadline,) if h.deadline and h.deadline is not h.start else ()
                self._overdue(h.unit, Entry(case_id, (h.start, *deadline, *closing), late))
        gap, since = self._longest_gap(h, last)
        if gap >= self.window.stall_days and since is not None:
            self.add("stalled", h.unit, Entry(case_id, (since, *closing), gap))

    def _overdue(self, unit: str, entry: Entry) -> None:
        """One overdue entry per unit and case: a unit that held it late twice has its days summed."""
        entries = self.unit(unit).entries["overdue"]
        for index, old in enumerate(entries):
            if old.case_id == entry.case_id:
                days = (old.working_days or 0) + (entry.working_days or 0)
                entries[index] = Entry(old.case_id, old.facts + entry.facts, days)
                return
        entries.append(entry)

    def _longest_gap(self, h: Holding, last: date) -> tuple[int, Fact | None]:
        best, since = 0, None
        marks = sorted(h.marks, key=lambda f: f.version)
        for mark, following in zip(marks, [*(local_date(m.at) for m in marks[1:]), last], strict=True):
            gap = self.days.between(local_date(mark.at), following)
            if gap > best:
                best, since = gap, mark
        return best, since

    def _ping_pong(self, case_id: UUID, holdings: list[Holding]) -> None:
        units = [h.unit for h in holdings]
        moves = [h.start for prev, h in pairwise(holdings) if h.unit != prev.unit]
        if len(moves) < PING_PONG_MOVES or not any(self.window.has(m) for m in moves):
            return
        released = tuple(h.end for h in holdings[:-1] if h.end is not None and h.end not in moves)
        chain = tuple(sorted((*released, *moves), key=lambda f: f.version))
        sequence = tuple(u for i, u in enumerate(units) if i == 0 or u != units[i - 1])
        self.ping_pong.append(PingPong(case_id, sequence, chain))
        for unit in dict.fromkeys(sequence):
            self.add("ping_pong", unit, Entry(case_id, chain))


def rank_units(units: list[UnitStats]) -> list[UnitStats]:
    """Highest score first; ties by overdue working days, then working days held, then unit code."""
    ordered = sorted(units, key=lambda u: (-u.score, -u.working_days("overdue"), -u.held_working_days, u.unit))
    for position, stats in enumerate(ordered, start=1):
        stats.rank = position
    return ordered


def tally(facts: list[Fact], window: Window, calendar: WorkingCalendar, units: list[str]) -> Tally:
    """The numbers of every unit (every unit named, even with none) from the facts of every case."""
    first = min([local_date(f.at) for f in facts] + [window.start]) - timedelta(days=1)
    counter = WorkdayCounter(calendar, first, max(window.end, local_date(window.moment)) + timedelta(days=1))
    result = Tally(window, counter)
    for unit in units:
        result.unit(unit)
    by_case: dict[UUID, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_case[fact.case_id].append(fact)
    for case_id, case_facts in by_case.items():
        result.read_case(case_id, case_facts)
    return result
