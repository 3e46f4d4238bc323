"""The SQL behind the registry lookups: units, task forces and enterprises as forms offer them."""

from __future__ import annotations

from application.registry import EnterpriseSummary, TaskForceSummary, UnitSummary
from infrastructure.projections.engine import SqlReads, like_pattern, read_json


class SqlRegistryReads(SqlReads):
    """RegistryReadModel over rm_units, rm_task_forces and rm_enterprises."""

    def list_units(self) -> list[UnitSummary]:
        """Every unit, by name."""
        rows = self._rows("SELECT key, name, short_name FROM rm_units ORDER BY key")
        return [UnitSummary(r["key"], r["name"], r["short_name"]) for r in rows]

    def list_task_forces(self) -> list[TaskForceSummary]:
        """Every task force, by name."""
        rows = self._rows("SELECT key, name, leader, member_units FROM rm_task_forces ORDER BY key")
        return [TaskForceSummary(r["key"], r["name"], r["leader"], read_json(r["member_units"])) for r in rows]

    def search_enterprises(self, query: str, limit: int = 10) -> list[EnterpriseSummary]:
        """Enterprises whose name or code contains the query."""
        pattern = like_pattern(query.strip().upper() if _looks_like_code(query) else query.strip())
        rows = self._rows(
            "SELECT uscc, name, street, industry FROM rm_enterprises "
            "WHERE name LIKE :q ESCAPE '\\' OR uscc LIKE :q ESCAPE '\\' ORDER BY name LIMIT :limit",
            {"q": pattern, "limit": limit},
        )
        return [EnterpriseSummary(r["uscc"], r["name"], r["street"], r["industry"]) for r in rows]

    def get_enterprise(self, uscc: str) -> EnterpriseSummary | None:
        """One enterprise by code."""
        rows = self._rows("SELECT uscc, name, street, industry FROM rm_enterprises WHERE uscc = :uscc", {"uscc": uscc})
        return (
            EnterpriseSummary(rows[0]["uscc"], rows[0]["name"], rows[0]["street"], rows[0]["industry"])
            if rows
            else None
        )


def _looks_like_code(query: str) -> bool:
    return query.strip().isascii() and any(ch.isdigit() for ch in query)
