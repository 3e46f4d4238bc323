"""What the cases area needs from the outside: the case list and board, now and as they stood then.

Infrastructure implements these on SQLite and PostgreSQL; the application only declares them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

from application.shared.access import CaseScope

PER_PAGE_MAX = 100


@dataclass(frozen=True)
class CaseFilter:
    """What a person narrowed the case list to."""

    status: str | None = None
    lead_unit: str | None = None
    task_force: str | None = None
    channel: str | None = None
    category: str | None = None
    enterprise_uscc: str | None = None
    street: str | None = None
    text: str | None = None
    page: int = 1
    per_page: int = 20
    scope: CaseScope | None = None  # None only for internal callers; people always get theirs


@dataclass(frozen=True)
class CaseSummary:
    """One row of the case list."""

    case_id: UUID
    case_no: str
    status: str
    channel: str
    category: str
    description: str
    enterprise_uscc: str
    enterprise_name: str
    street: str
    lead_unit: str | None
    lead_unit_name: str | None
    task_force: str | None
    task_force_name: str | None
    due_on: date | None
    deadline_provisional: bool
    logged_at: datetime
    last_activity_at: datetime
    version: int
    original_due_on: date | None = None
    resolved_on: date | None = None
    escalation_level: str | None = None


@dataclass(frozen=True)
class LightCounts:
    """How many open cases show each light."""

    red: int = 0
    yellow: int = 0
    blue: int = 0
    green: int = 0


@dataclass(frozen=True)
class CasePage:
    """A page of the case list with the total that matched."""

    items: list[CaseSummary]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages the filter spans."""
        return max(1, -(-self.total // self.per_page))


class CaseReadModel(Protocol):
    """Lists and lookups answered from projected SQL tables, never by replaying aggregates."""

    def list_cases(self, case_filter: CaseFilter) -> CasePage:
        """A page of cases matching the filter, most recently active first."""
        ...

    def open_cases_due_from(self, day: date) -> list[UUID]:
        """Open cases (with a unit or returned) whose due date is on or after day."""
        ...

    def deadline_board(
        self, case_filter: CaseFilter, today: date, yellow_until: date, blue_until: date
    ) -> tuple[CasePage, LightCounts]:
        """Open cases with a deadline, most urgent first, and the count per light."""
        ...

    def cases_needing_attention(self, today: date, horizon: date, district_cutoff: date) -> list[UUID]:
        """Open cases due by horizon that may need a reminder, or overdue ones not yet escalated to the
        district (those at the first rung only if due on or before district_cutoff)."""
        ...


class CaseHistoryReadModel(Protocol):
    """The case list and board as they stood at a cutoff, from the temporal projection (rm_case_versions)."""

    def list_cases_as_of(self, case_filter: CaseFilter, cutoff: datetime) -> CasePage:
        """Cases as they stood just before the cutoff, most recent activity first."""
        ...

    def deadline_board_as_of(
        self, case_filter: CaseFilter, cutoff: datetime, today: date, yellow_until: date, blue_until: date
    ) -> tuple[CasePage, LightCounts]:
        """Open cases with a deadline as they stood just before the cutoff, and the count per light that day."""
        ...


class ServedProject(Protocol):
    """One service secretary's tenure on a project, as far as a case scope needs it."""

    @property
    def project(self) -> str:
        """The project's key."""
        ...


class SecretaryTenures(Protocol):
    """Which projects a service secretary serves (the projects read model answers it)."""

    def secretaries(
        self, projects: tuple[str, ...] | None = None, secretary_id: str | None = None, current_only: bool = False
    ) -> Sequence[ServedProject]:
        """Tenures, filtered by project or person."""
        ...
