"""The accountability report (中梗阻) and the cannot-do ledger (不能办事项台账), for inspectors and admins.

Both are read from the case facts read model, never by replaying aggregates; reading them is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from uuid import UUID

from application.accountability.measures import PingPong, UnitStats
from application.accountability.metrics import ACCEPT_WITHIN_WORKING_DAYS, DEFAULT_STALL_DAYS, Window, rank_units, tally
from application.accountability.ports import AccountabilityReadModel, CannotDoFact, CaseLabel
from application.accountability.timeline import UNASSIGNED
from application.calendar import CalendarCommands
from application.registry import RegistryReadModel
from application.shared.access import Permission, Principal, require
from application.shared.as_of import end_of_local_day
from application.shared.clock import SHANGHAI, Clock
from application.shared.errors import InvalidReportQuery, ReportPeriodReversed
from application.shared.store import Store
from domain.shared.dates import check_day
from domain.shared.dates import parse_day as parse_valid_day
from domain.shared.text import parse_count

MAX_PERIOD_DAYS = 3660  # ten years: beyond that the question is not a period any more
STALL_DAYS_RANGE = (1, 60)


@dataclass(frozen=True)
class ReportQuery:
    """The period (local days), the day the report is read as of (None: now), the stall threshold."""

    start: date | None = None
    end: date | None = None
    as_of: date | None = None
    stall_days: int = DEFAULT_STALL_DAYS


@dataclass(frozen=True)
class AccountabilityReport:
    """Units ranked by the score, each with its numbers, holdings and handlers; the ping-pong cases."""

    start: date
    end: date
    as_of: date | None  # None: read now
    moment: datetime  # exclusive cutoff: the facts counted are those recorded before this moment
    stall_days: int
    accept_within: int
    units: list[UnitStats]
    ping_pong: list[PingPong]
    cases: dict[UUID, CaseLabel] = field(default_factory=dict)
    unit_names: dict[str, str] = field(default_factory=dict)
    unassigned: UnitStats | None = None  # what happened while a case had no lead unit (e.g. cannot do at once)

    def unit_name(self, key: str) -> str:
        """A unit's name ('未分办' for cases that had no lead unit)."""
        return self.unit_names.get(key, key) if key else "（未分办）"

    def unit(self, key: str) -> UnitStats | None:
        """One unit's numbers."""
        return next((u for u in self.units if u.unit == key), None)


@dataclass(frozen=True)
class CannotDoLedger:
    """Every case registered as cannot do, as of a moment."""

    as_of: date | None
    moment: datetime
    rows: list[CannotDoFact]
    unit_names: dict[str, str] = field(default_factory=dict)


def parse_day(text: str | None, field_name: str, label: str) -> date | None:
    """A YYYY-MM-DD day typed into a form or query string; empty means not given."""
    if text is None or not text.strip():
        return None
    return parse_valid_day(text, field_name, label)


def parse_stall_days(text: str | None) -> int:
    """The stall threshold in working days, from a query string."""
    if text is None or not text.strip():
        return DEFAULT_STALL_DAYS
    return parse_count(text, "stall_days", "停滞天数")


@dataclass(frozen=True)
class AccountabilityReports:
    """Reading the 中梗阻 report and the cannot-do ledger."""

    store: Store
    clock: Clock
    reads: AccountabilityReadModel
    registry_reads: RegistryReadModel
    calendar: CalendarCommands

    def accountability_report(self, principal: Principal, query: ReportQuery) -> AccountabilityReport:
        """Per unit and handler, for the period, counting only what was recorded by the as-of moment."""
        require(principal, Permission.VIEW_ACCOUNTABILITY)
        start, end, moment = self._report_window(query)
        self.store.record_sensitive_read(
            principal, "accountability_report", f"{start}..{end} as_of={query.as_of or 'now'} stall={query.stall_days}"
        )
        model = self.reads
        facts = model.case_facts(moment, _start_moment(start))
        units = {u.key: u.name for u in self.registry_reads.list_units()}
        result = tally(facts, Window(start, end, moment, query.stall_days), self.calendar.working_calendar, list(units))
        cases = model.case_labels(sorted({f.case_id for f in facts}, key=str))
        unassigned = result.units.pop(UNASSIGNED, None)
        return AccountabilityReport(
            start=start,
            end=end,
            as_of=query.as_of,
            moment=moment,
            stall_days=query.stall_days,
            accept_within=ACCEPT_WITHIN_WORKING_DAYS,
            units=rank_units(list(result.units.values())),
            ping_pong=result.ping_pong,
            cases=cases,
            unit_names=units,
            unassigned=unassigned,
        )

    def cannot_do_ledger(self, principal: Principal, as_of: date | None = None) -> CannotDoLedger:
        """Every case registered as cannot do by the end of as_of (default now), oldest first."""
        require(principal, Permission.VIEW_ACCOUNTABILITY)
        moment = self._as_of_moment(as_of)
        self.store.record_sensitive_read(principal, "cannot_do_ledger", f"as_of={as_of or 'now'}")
        rows = self.reads.cannot_do_facts(moment)
        units = {u.key: u.name for u in self.registry_reads.list_units()}
        return CannotDoLedger(as_of, moment, rows, units)

    def _as_of_moment(self, as_of: date | None) -> datetime:
        """The exclusive cutoff: the start of the day after as_of, or just after now."""
        now = self.clock.now() + timedelta(microseconds=1)  # what was recorded at this very instant counts
        if as_of is None:
            return now
        _check_in_range(as_of, "as_of", "截至日期")
        if as_of > self.store.today():
            raise InvalidReportQuery("截至日期不能晚于今天", "as_of")
        return min(end_of_local_day(as_of), now)

    def _report_window(self, query: ReportQuery) -> tuple[date, date, datetime]:
        """Validate before anything is recorded: the period, the as-of day, the stall threshold."""
        low, high = STALL_DAYS_RANGE
        if not low <= query.stall_days <= high:
            raise InvalidReportQuery(f"停滞天数应在{low}至{high}个工作日之间", "stall_days")
        _check_in_range(query.start, "start", "统计期起始日")
        _check_in_range(query.end, "end", "统计期截止日")
        cutoff = self._as_of_moment(query.as_of)
        last_day = query.as_of or self.store.today()
        start = query.start or date(last_day.year, 1, 1)
        end = query.end or last_day
        if start > end:
            raise ReportPeriodReversed(f"统计期起始日（{start}）晚于截止日（{end}），请检查日期", "start")
        if (end - start).days > MAX_PERIOD_DAYS:
            raise InvalidReportQuery("统计期不能超过十年", "end")
        return start, end, min(cutoff, end_of_local_day(end))


def _check_in_range(day: date | None, field_name: str, label: str) -> None:
    """Refuse days outside the one valid range (domain/shared/dates.py)."""
    if day is not None:
        check_day(day, field_name, label)


def _start_moment(day: date) -> datetime:
    """The first moment of a local day."""
    return datetime.combine(day, time(), tzinfo=SHANGHAI)
