"""What the accountability report reads: the case facts read model, and the shapes it answers with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True)
class Fact:
    """One case event as the report sees it (a row of rm_case_facts)."""

    case_id: UUID
    version: int
    at: datetime
    kind: str  # the event's name: Assigned, Accepted, Returned, ...
    unit: str | None  # the unit the event concerns: the one it names, else the lead unit of the moment
    from_unit: str | None = None
    to_unit: str | None = None
    actor_id: str = ""
    actor_name: str = ""
    actor_role: str = ""
    working_days: int | None = None
    due_on: date | None = None
    satisfaction: str | None = None
    disposition: str | None = None
    level: str | None = None
    note: str = ""


@dataclass(frozen=True)
class CaseLabel:
    """How a case is named in the report: its number, enterprise and problem."""

    case_id: UUID
    case_no: str
    enterprise_name: str
    description: str
    status: str


@dataclass(frozen=True)
class CannotDoFact:
    """A case registered as cannot do, with its judgement (研判) and who registered it."""

    case: CaseLabel
    category: str
    channel: str
    registered: Fact
    classified: Fact | None


class AccountabilityReadModel(Protocol):
    """The SQL side of the report (infrastructure/projections/accountability/queries.py)."""

    def case_facts(self, until: datetime, period_start: datetime) -> list[Fact]:
        """Facts recorded at or before `until`, of cases not closed or registered cannot-do before period_start,
        ordered by case and version."""
        ...

    def case_labels(self, case_ids: list[UUID]) -> dict[UUID, CaseLabel]:
        """Number, enterprise and problem of each case."""
        ...

    def cannot_do_facts(self, until: datetime) -> list[CannotDoFact]:
        """Every registration as cannot do at or before `until`, oldest first."""
        ...
