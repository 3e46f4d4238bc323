"""What the registry area needs from the outside: units, task forces and enterprises as read models list them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class UnitSummary:
    """A responsible unit as offered in forms."""

    key: str
    name: str
    short_name: str


@dataclass(frozen=True)
class TaskForceSummary:
    """A task force as offered in forms."""

    key: str
    name: str
    leader: str
    member_units: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EnterpriseSummary:
    """An enterprise as found by search."""

    uscc: str
    name: str
    street: str
    industry: str


class RegistryReadModel(Protocol):
    """The registered units, task forces and enterprises, as forms and lookups offer them."""

    def list_units(self) -> list[UnitSummary]:
        """Every registered unit."""
        ...

    def list_task_forces(self) -> list[TaskForceSummary]:
        """Every task force."""
        ...

    def search_enterprises(self, query: str, limit: int = 10) -> list[EnterpriseSummary]:
        """Enterprises whose name or credit code contains the query."""
        ...

    def get_enterprise(self, uscc: str) -> EnterpriseSummary | None:
        """One enterprise by credit code, if registered."""
        ...
