"""Time travel: a case as it stood at a moment (replayed), and the case list and board "as of" a past moment
(from the rm_case_versions projection, never by replaying cases per request)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from uuid import UUID

from application.calendar import CalendarCommands
from application.cases.board import Board, BoardRow
from application.cases.lights import Standing, standing, thresholds
from application.cases.ports import CaseFilter, CaseHistoryReadModel, CasePage, CaseSummary
from application.cases.queries import CaseDetail, CaseQueries, HistoryEntry, case_number, history_entry
from application.shared.access import Permission, Principal, require
from application.shared.as_of import AsOf
from application.shared.clock import SHANGHAI, Clock, local_date
from application.shared.errors import ApplicationError, NotFound
from application.shared.store import Store
from domain.cases import Case
from domain.shared.dates import check_day
from domain.shared.errors import InvalidValue

_MOMENT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?")
MAX_MOMENT_LENGTH = 40  # longer text is no moment; refused before the pattern reads it
MOMENT_FORMAT = "时间应写作 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM（北京时间），例如 2026-09-30T18:00"


class InvalidMoment(InvalidValue):
    """A moment that is not a date or a date and time as the API documents."""

    code = "invalid_moment"


class MomentInFuture(ApplicationError):
    """Time travel goes back, not forward."""

    code = "moment_in_future"
    status = 422


class NotYetLogged(NotFound):
    """The case exists now but had not been logged at the moment asked for."""

    code = "case_not_yet_logged"


@dataclass(frozen=True)
class Moment:
    """A past moment, Beijing time: events recorded before `cutoff` are shown, later ones are not."""

    named: datetime  # the moment named; for a bare date, the start of that day until checked
    whole_day: bool  # a bare date: the state at the end of that day
    day: date  # the district day lights are counted against
    label: str  # '2026-09-30 18:00', or '2026-09-30 24:00' for a bare date
    query: str  # the canonical query value, for links
    cutoff: datetime | None = None  # exclusive; set once the moment is checked against now

    @property
    def shown(self) -> datetime:
        """The moment named, as an answer gives it: a bare date's is the end of that day."""
        return self.cutoff if self.whole_day and self.cutoff else self.named

    @property
    def checked_cutoff(self) -> datetime:
        """The cutoff of a moment already checked against now (reading the past needs one)."""
        if self.cutoff is None:
            raise ValueError("the moment was not checked against now")
        return self.cutoff

    @property
    def banner(self) -> str:
        """What every past view says above it."""
        return f"以下为 {self.label}（北京时间）时的状态，之后的变化未显示"


def parse_moment(raw: str, field: str) -> Moment:
    """The moment a query names (not yet checked against now); InvalidMoment when it cannot be read."""
    match = _MOMENT.fullmatch(raw.strip()) if len(raw) <= MAX_MOMENT_LENGTH else None
    if match is None:
        raise InvalidMoment(MOMENT_FORMAT, field)
    year, month, day_, hour, minute, second = match.groups()
    try:
        day = date(int(year), int(month), int(day_))
        clock = time(int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        raise InvalidMoment(MOMENT_FORMAT, field) from None
    check_day(day, field, "日期")
    named = datetime.combine(day, clock, tzinfo=SHANGHAI)
    if hour is None:
        return Moment(named, True, day, f"{day} 24:00", day.isoformat())
    shown = "%Y-%m-%d %H:%M" + (":%S" if second else "")
    return Moment(named, False, day, named.strftime(shown), named.strftime(shown.replace(" ", "T")))


@dataclass(frozen=True)
class CasesAsOf:
    """Reading the past: one case at a moment, the list and the board as of a moment."""

    store: Store
    clock: Clock
    reads: CaseHistoryReadModel
    as_of: AsOf
    calendar: CalendarCommands
    case_queries: CaseQueries

    def moment(self, raw: str, field: str = "at") -> Moment:
        """A past (or present) moment from a query value; refused if unreadable or still to come."""
        moment = parse_moment(raw, field)
        if (moment.day > self.store.today()) if moment.whole_day else (moment.named > self.clock.now()):
            raise MomentInFuture(f"{moment.label}（北京时间）尚未到来，只能查看过去某一时刻的状态", field)
        if moment.whole_day:
            return replace(moment, cutoff=datetime.combine(moment.day + timedelta(days=1), time(), tzinfo=SHANGHAI))
        step = timedelta(seconds=1) if moment.named.second else timedelta(minutes=1)
        return replace(moment, cutoff=moment.named + step)

    def case_at(self, principal: Principal, case_id: UUID, moment: Moment) -> CaseDetail:
        """The case as it stood at the moment, replayed up to then; nothing may be done to the past."""
        _, _, enterprise = self.case_queries.case_with_enterprise(principal, case_id)  # scope: the person's, now
        require(principal, Permission.VIEW_CASE_HISTORY)  # a past state is history too: not for admins
        case = self.as_of.as_at(case_id, moment.checked_cutoff, Case)
        if case is None:
            raise NotYetLogged(f"该问题在 {moment.label}（北京时间）时尚未登记", "at")
        return CaseDetail(
            case=case,
            case_no=case_number(case.id, case.created_on),
            enterprise_name=enterprise.name if enterprise else case.enterprise_uscc,
            actions=[],
        )

    def case_history_at(self, principal: Principal, case_id: UUID, moment: Moment) -> list[HistoryEntry]:
        """The case's events recorded before the moment, oldest first; an audited reading is recorded."""
        self.case_queries.case_in_scope(principal, case_id)
        require(principal, Permission.VIEW_CASE_HISTORY)
        events = [e for e in self.store.events_of(case_id) if e.timestamp < moment.checked_cutoff]
        if not events:
            raise NotYetLogged(f"该问题在 {moment.label}（北京时间）时尚未登记", "at")
        if principal.is_audited_reader:
            self.store.record_sensitive_read(principal, "case_history", str(case_id))
        return [history_entry(e) for e in events]

    def standing_on(self, status: str, due_on: date | None, resolved_on: date | None, day: date) -> Standing:
        """A case's light as it was on a day."""
        return standing(status, due_on, resolved_on, day, self.calendar.working_calendar)

    def standing_of_case_at(self, case: Case, moment: Moment) -> Standing:
        """A past case's light on the moment's day."""
        resolved_on = local_date(case.resolved_at) if case.resolved_at else None
        return self.standing_on(case.status, case.due_on, resolved_on, moment.day)

    def list_cases_as_of(self, principal: Principal, case_filter: CaseFilter, moment: Moment) -> CasePage:
        """The cases the person may see now, each as it stood at the moment (cases logged later left out)."""
        require(principal, Permission.VIEW_CASES)
        self.case_queries.check_case_filter(case_filter)
        return self.reads.list_cases_as_of(
            replace(case_filter, scope=self.case_queries.scope_of(principal)), moment.checked_cutoff
        )

    def deadline_board_as_of(self, principal: Principal, board_filter: CaseFilter, moment: Moment) -> Board:
        """The board as it stood at the moment, its lights counted against that day."""
        require(principal, Permission.VIEW_CASES)
        self.case_queries.check_case_filter(board_filter)
        limits = thresholds(moment.day, self.calendar.working_calendar)
        page, counts = self.reads.deadline_board_as_of(
            replace(board_filter, scope=self.case_queries.scope_of(principal)),
            moment.checked_cutoff,
            moment.day,
            limits.yellow_until,
            limits.blue_until,
        )
        rows = [BoardRow(item, self.summary_standing_on(item, moment.day)) for item in page.items]
        return Board(rows=rows, counts=counts, page=page)

    def summary_standing_on(self, summary: CaseSummary, day: date) -> Standing:
        """A listed case's light on a day."""
        return self.standing_on(summary.status, summary.due_on, summary.resolved_on, day)
