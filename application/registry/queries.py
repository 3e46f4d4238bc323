"""Reading the registries for form pickers and lookups: units, task forces and enterprises, from the read model."""

from __future__ import annotations

from dataclasses import dataclass

from application.registry.ports import EnterpriseSummary, RegistryReadModel, TaskForceSummary, UnitSummary


@dataclass(frozen=True)
class RegistryQueries:
    """What pickers and pages offer: every unit and task force, and enterprises found by name or code."""

    reads: RegistryReadModel

    def list_units(self) -> list[UnitSummary]:
        """Every responsible unit, as the pickers list them."""
        return self.reads.list_units()

    def list_task_forces(self) -> list[TaskForceSummary]:
        """Every task force, as the pickers list them."""
        return self.reads.list_task_forces()

    def unit_names(self) -> dict[str, str]:
        """Each unit's full name by its key."""
        return {u.key: u.name for u in self.reads.list_units()}

    def search_enterprises(self, query: str, limit: int = 10) -> list[EnterpriseSummary]:
        """Enterprises whose name or credit code contains the text."""
        return self.reads.search_enterprises(query, limit=limit)

    def get_enterprise(self, uscc: str) -> EnterpriseSummary | None:
        """One enterprise by its unified social credit code."""
        return self.reads.get_enterprise(uscc)
