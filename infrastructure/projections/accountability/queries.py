"""The SQL behind the accountability report and the cannot-do ledger, over rm_case_facts."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from application.accountability import CannotDoFact, CaseLabel, Fact
from infrastructure.projections.engine import SqlReads, read_date, read_ts, read_uuid

FACT_COLUMNS = (
    "f.case_id, f.version, f.at, f.kind, f.unit, f.from_unit, f.to_unit, f.actor_id, f.actor_name, "
    "f.actor_role, f.working_days, f.due_on, f.satisfaction, f.disposition, f.level, f.note"
)
# A case closed or registered cannot-do before the period began has nothing to say about the period.
ENDED_BEFORE = (
    "SELECT e.case_id FROM rm_case_facts e WHERE e.kind IN ('Closed', 'RegisteredCannotDo') AND e.at < :period_start"
)
LABEL_COLUMNS = "c.case_id, c.case_no, c.description, c.status, c.category, c.channel, e.name AS enterprise_name"
LABEL_JOINS = "FROM rm_cases c LEFT JOIN rm_enterprises e ON e.uscc = c.enterprise_uscc"
LABEL_BATCH = 500  # ids per IN (...) list, well under either database's parameter limit


def fact_of(row: Any, prefix: str = "") -> Fact:
    """A fact from a row (columns optionally prefixed, for joins)."""
    value = lambda name: row[f"{prefix}{name}"]  # noqa: E731 - a one-line accessor
    return Fact(
        case_id=read_uuid(value("case_id")),
        version=int(value("version")),
        at=read_ts(value("at")),
        kind=value("kind"),
        unit=value("unit"),
        from_unit=value("from_unit"),
        to_unit=value("to_unit"),
        actor_id=value("actor_id"),
        actor_name=value("actor_name"),
        actor_role=value("actor_role"),
        working_days=value("working_days"),
        due_on=read_date(value("due_on")),
        satisfaction=value("satisfaction"),
        disposition=value("disposition"),
        level=value("level"),
        note=value("note"),
    )


def _label(row: Any) -> CaseLabel:
    return CaseLabel(
        read_uuid(row["case_id"]), row["case_no"], row["enterprise_name"] or "", row["description"], row["status"]
    )


class SqlAccountabilityReads(SqlReads):
    """AccountabilityReadModel over rm_case_facts."""

    def case_facts(self, until: datetime, period_start: datetime) -> list[Fact]:
        """Facts before `until` (exclusive) of the cases still open when the period began, by case and version."""
        rows = self._rows(
            f"SELECT {FACT_COLUMNS} FROM rm_case_facts f WHERE f.at < :until "
            f"AND f.case_id NOT IN ({ENDED_BEFORE}) ORDER BY f.case_id, f.version",
            {"until": until, "period_start": period_start},
        )
        return [fact_of(r) for r in rows]

    def case_labels(self, case_ids: list[UUID]) -> dict[UUID, CaseLabel]:
        """Number, enterprise and problem of each case."""
        labels: dict[UUID, CaseLabel] = {}
        for first in range(0, len(case_ids), LABEL_BATCH):
            batch = case_ids[first : first + LABEL_BATCH]
            params = {f"id{i}": case_id for i, case_id in enumerate(batch)}
            names = ", ".join(f":{name}" for name in params)
            for row in self._rows(f"SELECT {LABEL_COLUMNS} {LABEL_JOINS} WHERE c.case_id IN ({names})", params):
                labels[read_uuid(row["case_id"])] = _label(row)
        return labels

    def cannot_do_facts(self, until: datetime) -> list[CannotDoFact]:
        """Every registration as cannot do before `until` (exclusive), with the case's last judgement before it."""
        rows = self._rows(
            f"SELECT {LABEL_COLUMNS}, {FACT_COLUMNS} FROM rm_case_facts f JOIN rm_cases c ON c.case_id = f.case_id "
            "LEFT JOIN rm_enterprises e ON e.uscc = c.enterprise_uscc "
            "WHERE f.kind = 'RegisteredCannotDo' AND f.at < :until ORDER BY f.at, f.case_id",
            {"until": until},
        )
        judged = self._judgements([read_uuid(r["case_id"]) for r in rows], until)
        return [
            CannotDoFact(_label(r), r["category"], r["channel"], fact_of(r), judged.get(read_uuid(r["case_id"])))
            for r in rows
        ]

    def _judgements(self, case_ids: list[UUID], until: datetime) -> dict[UUID, Fact]:
        judged: dict[UUID, Fact] = {}
        for first in range(0, len(case_ids), LABEL_BATCH):
            batch = case_ids[first : first + LABEL_BATCH]
            params: dict[str, Any] = {f"id{i}": case_id for i, case_id in enumerate(batch)}
            names = ", ".join(f":{name}" for name in params)
            rows = self._rows(
                f"SELECT {FACT_COLUMNS} FROM rm_case_facts f WHERE f.kind = 'Classified' "
                f"AND f.at < :until AND f.case_id IN ({names}) ORDER BY f.version",
                {**params, "until": until},
            )
            for row in rows:
                judged[read_uuid(row["case_id"])] = fact_of(row)  # the last judgement wins
        return judged
