"""The SQL behind the findings list, the findings on a case page and the manifestation list."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.findings import CitationRow, FindingFilter, FindingRow, ManifestationRow
from infrastructure.projections.engine import SqlReads, read_json, read_ts, read_uuid

FINDING_COLUMNS = (
    "f.finding_id, f.title, f.unit, COALESCE(u.name, f.unit) AS unit_name, f.person, f.person_name, f.field, "
    "f.behaviours, f.typical, f.withdrawn, f.recorded_at, f.recorded_by, f.version"
)


def _finding_where(finding_filter: FindingFilter) -> tuple[str, dict[str, Any]]:
    clauses, params = [], {}
    if finding_filter.unit:
        clauses.append("f.unit = :unit")
        params["unit"] = finding_filter.unit
    if finding_filter.field:
        clauses.append("f.field = :field")
        params["field"] = finding_filter.field
    if finding_filter.typical is not None:
        clauses.append("f.typical = :typical")
        params["typical"] = finding_filter.typical
    if not finding_filter.include_withdrawn:
        clauses.append("f.withdrawn = :no")
        params["no"] = False
    if finding_filter.case_id is not None:
        clauses.append("f.finding_id IN (SELECT fc.finding_id FROM rm_finding_citations fc WHERE fc.case_id = :case)")
        params["case"] = finding_filter.case_id
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class SqlFindingReads(SqlReads):
    """FindingReadModel over rm_findings and friends."""

    def list_findings(self, finding_filter: FindingFilter) -> list[FindingRow]:
        """Findings, newest first, each with its citations (two queries, whatever the count)."""
        where, params = _finding_where(finding_filter)
        rows = self._rows(
            f"SELECT {FINDING_COLUMNS} FROM rm_findings f LEFT JOIN rm_units u ON u.key = f.unit{where} "
            "ORDER BY f.recorded_at DESC, f.finding_id LIMIT :limit",
            {**params, "limit": finding_filter.limit},
        )
        citations = self._citations([r["finding_id"] for r in rows])
        return [
            FindingRow(
                read_uuid(r["finding_id"]),
                r["title"],
                r["unit"],
                r["unit_name"] if r["unit"] else "",
                r["person"],
                r["person_name"],
                r["field"],
                list(read_json(r["behaviours"])),
                bool(r["typical"]),
                bool(r["withdrawn"]),
                read_ts(r["recorded_at"]),
                r["recorded_by"],
                int(r["version"]),
                citations.get(read_uuid(r["finding_id"]), []),
            )
            for r in rows
        ]

    def _citations(self, finding_ids: list[Any]) -> dict[UUID, list[CitationRow]]:
        if not finding_ids:
            return {}
        params = {f"f{i}": v for i, v in enumerate(finding_ids)}
        names = ", ".join(f":{name}" for name in params)
        rows = self._rows(
            "SELECT finding_id, case_id, case_no, versions FROM rm_finding_citations "
            f"WHERE finding_id IN ({names}) ORDER BY finding_id, position",
            params,
        )
        found: dict[UUID, list[CitationRow]] = {}
        for r in rows:
            found.setdefault(read_uuid(r["finding_id"]), []).append(
                CitationRow(read_uuid(r["case_id"]), r["case_no"], list(read_json(r["versions"])))
            )
        return found

    def manifestations(self) -> list[ManifestationRow]:
        """Fields first, then behaviours, each in the order they were added."""
        rows = self._rows(
            "SELECT key, kind, label, retired FROM rm_manifestations "
            "ORDER BY CASE WHEN kind = 'field' THEN 0 ELSE 1 END, position"
        )
        return [ManifestationRow(r["key"], r["kind"], r["label"], bool(r["retired"])) for r in rows]

    def case_ids_by_number(self, case_no: str) -> list[UUID]:
        """The cases with this number (the number is the logging day and the id's first six hex digits)."""
        rows = self._rows("SELECT case_id FROM rm_cases WHERE case_no = :no", {"no": case_no})
        return [read_uuid(r["case_id"]) for r in rows]
