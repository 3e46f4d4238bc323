"""Reading inspectors' findings and the manifestation list: every reading of a finding is recorded."""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID

from application.cases import HistoryEntry, history_entry
from application.findings.ports import FindingFilter, FindingReadModel, FindingRow, ManifestationRow
from application.shared.access import Permission, Principal, require
from application.shared.store import Store
from domain.findings import Finding
from domain.shared.text import optional_text

REFERENCE_MAX = 64  # a case id is 36 characters, a case number 15


def filter_subject(finding_filter: FindingFilter) -> str:
    """What a listing asked for, as its read record names it ("unit=zhujian typical=True", or "all")."""
    asked = {
        "unit": finding_filter.unit,
        "field": finding_filter.field,
        "typical": finding_filter.typical,
        "case_id": finding_filter.case_id,
    }
    return " ".join(f"{name}={value}" for name, value in asked.items() if value is not None) or "all"


@dataclass(frozen=True)
class FindingQueries:
    """Findings for inspectors (each reading recorded) and the published manifestation list."""

    store: Store
    reads: FindingReadModel

    def manifestations(self, principal: Principal) -> list[ManifestationRow]:
        """The list with retired items; the district publishes it, so anyone who reads the registry may."""
        require(principal, Permission.VIEW_REGISTRY)
        return self.reads.manifestations()

    def get_finding(self, principal: Principal, finding_id: UUID, *, record_read: bool = True) -> Finding:
        """One finding replayed from its events (inspectors only); the reading is recorded (SensitiveRead).

        record_read=False only for showing again, with a refusal's message, the finding the inspector had
        open: a refused change writes nothing, and the opening itself was recorded.
        """
        require(principal, Permission.VIEW_FINDINGS)
        finding = self.store.load(finding_id, Finding, "认定")
        if record_read:
            self.store.record_sensitive_read(principal, "finding", str(finding_id))
        return finding

    def finding_history(self, principal: Principal, finding_id: UUID) -> list[HistoryEntry]:
        """Every event of a finding, oldest first; shown with get_finding, which records the reading."""
        require(principal, Permission.VIEW_FINDINGS)
        return [history_entry(e) for e in self.store.events_of(finding_id)]

    def list_findings(self, principal: Principal, finding_filter: FindingFilter) -> list[FindingRow]:
        """Findings from the read model, newest first (inspectors only); each listing is recorded."""
        require(principal, Permission.VIEW_FINDINGS)
        unit = optional_text(finding_filter.unit, "unit", "单位", REFERENCE_MAX) or None
        field = optional_text(finding_filter.field, "field", "领域", REFERENCE_MAX) or None
        checked = replace(finding_filter, unit=unit, field=field)
        rows = self.reads.list_findings(checked)
        self.store.record_sensitive_read(principal, "findings_list", filter_subject(checked))
        return rows

    def findings_citing_case(self, principal: Principal, case_id: UUID) -> list[FindingRow]:
        """The findings that cite a case (recorded when there are any); nothing for those who may not see them."""
        if not principal.can(Permission.VIEW_FINDINGS):
            return []
        rows = self.reads.list_findings(FindingFilter(case_id=case_id))
        if rows:  # a case no finding cites shows no finding: nothing sensitive was read
            self.store.record_sensitive_read(principal, "findings_list", filter_subject(FindingFilter(case_id=case_id)))
        return rows
