"""What the findings and taxonomy pages read: rows kept by projections (infrastructure implements it)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True)
class ManifestationRow:
    """One field or behaviour of the list, retired or not."""

    key: str
    kind: str
    label: str
    retired: bool


@dataclass(frozen=True)
class CitationRow:
    """A case a finding cites, with the versions of the events it points at."""

    case_id: UUID
    case_no: str
    versions: list[int]


@dataclass(frozen=True)
class FindingRow:
    """A finding as the list shows it."""

    finding_id: UUID
    title: str
    unit: str
    unit_name: str
    person: str
    person_name: str
    field: str
    behaviours: list[str]
    typical: bool
    withdrawn: bool
    recorded_at: datetime
    recorded_by: str
    version: int
    citations: list[CitationRow] = dataclasses.field(default_factory=list)


@dataclass(frozen=True)
class FindingFilter:
    """Filters of the findings list (all optional)."""

    unit: str | None = None
    field: str | None = None
    typical: bool | None = None
    case_id: UUID | None = None
    include_withdrawn: bool = True
    limit: int = 200


class FindingReadModel(Protocol):
    """Queries over rm_findings, rm_finding_citations and rm_manifestations."""

    def list_findings(self, finding_filter: FindingFilter) -> list[FindingRow]:
        """Findings, newest first, each with its citations."""
        ...

    def manifestations(self) -> list[ManifestationRow]:
        """The whole list, retired items included, fields first."""
        ...

    def case_ids_by_number(self, case_no: str) -> list[UUID]:
        """The cases with this number (normally one)."""
        ...
