"""The deadline board: open cases by urgency with their lights, for task-force leads and unit heads."""

from __future__ import annotations

from dataclasses import dataclass, replace

from application.calendar import CalendarCommands
from application.cases.lights import Standing, standing, thresholds
from application.cases.ports import CaseFilter, CasePage, CaseReadModel, CaseSummary, LightCounts
from application.cases.queries import CaseQueries
from application.shared.access import Permission, Principal, require
from application.shared.clock import local_date
from application.shared.store import Store
from domain.cases import Case


@dataclass(frozen=True)
class BoardRow:
    """A case on the board with its light and working days left or overdue."""

    case: CaseSummary
    standing: Standing


@dataclass(frozen=True)
class Board:
    """A page of the board and the counts per light over everything the filter matches."""

    rows: list[BoardRow]
    counts: LightCounts
    page: CasePage


@dataclass(frozen=True)
class BoardQueries:
    """Reading deadlines and lights."""

    store: Store
    reads: CaseReadModel
    calendar: CalendarCommands
    case_queries: CaseQueries

    def standing_of(self, summary: CaseSummary) -> Standing:
        """A listed case's light today."""
        return standing(
            summary.status, summary.due_on, summary.resolved_on, self.store.today(), self.calendar.working_calendar
        )

    def standing_of_case(self, case: Case) -> Standing:
        """A case's light today, from the case itself (its own page)."""
        resolved_on = local_date(case.resolved_at) if case.resolved_at else None
        return standing(case.status, case.due_on, resolved_on, self.store.today(), self.calendar.working_calendar)

    def deadline_board(self, principal: Principal, board_filter: CaseFilter) -> Board:
        """Open cases in the person's scope, most urgent first, with counts per light."""
        require(principal, Permission.VIEW_CASES)
        self.case_queries.check_case_filter(board_filter)
        today = self.store.today()
        limits = thresholds(today, self.calendar.working_calendar)
        page, counts = self.reads.deadline_board(
            replace(board_filter, scope=self.case_queries.scope_of(principal)),
            today,
            limits.yellow_until,
            limits.blue_until,
        )
        rows = [BoardRow(item, self.standing_of(item)) for item in page.items]
        return Board(rows=rows, counts=counts, page=page)
