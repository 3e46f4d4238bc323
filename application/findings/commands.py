"""Inspectors' findings and the manifestation list admins keep: the use cases.

Everything a finding names is checked before anything is saved: each cited case exists, each cited
event (case version) is in that case's history, the unit and the account exist, the classification is
on the list and not retired. A missing case is refused with 422 `case_not_found` (the request is well
formed but names something that is not there; 404 stays for the URL's own resource).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.accounts import AccountCommands
from application.cases import case_number
from application.findings.ports import FindingReadModel
from application.findings.queries import REFERENCE_MAX
from application.shared.access import Permission, Principal, require, system_principal
from application.shared.clock import Clock
from application.shared.errors import ApplicationError, NotFound, VersionConflict
from application.shared.store import Store
from domain.cases import Case
from domain.findings import TAXONOMY_ID, Citation, Finding, ManifestationTaxonomy, Subject
from domain.registry import Unit
from domain.shared.errors import InvalidValue
from domain.shared.text import check_text


class CitedCaseNotFound(ApplicationError):
    """A finding cites a case that does not exist."""

    code = "case_not_found"
    status = 422


class CitedEventNotFound(ApplicationError):
    """A finding cites an event (version) the case never had."""

    code = "event_not_found"
    status = 422


class SubjectNotFound(ApplicationError):
    """The unit or the person a finding is against is not registered."""

    code = "subject_not_found"
    status = 422


@dataclass(frozen=True)
class CitationInput:
    """A cited case by id or by its number (e.g. 20260408-3F2A1B), with optional event versions."""

    case: str
    versions: tuple[int, ...] = ()


@dataclass(frozen=True)
class FindingInput:
    """A finding as typed on the form or posted to the API."""

    cases: tuple[CitationInput, ...]
    field: str
    behaviours: tuple[str, ...]
    title: str
    description: str
    unit: str = ""
    person: str = ""
    reason: str = ""  # amendments only


@dataclass(frozen=True)
class FindingCommands:
    """Recording, amending, marking and withdrawing findings; keeping the manifestation list."""

    store: Store
    clock: Clock
    reads: FindingReadModel
    accounts: AccountCommands

    # --- the manifestation list -----------------------------------------------------------------
    def seed_taxonomy(self) -> bool:
        """Publish the district's list once; False when it exists (or another process just seeded it)."""
        if self.store.exists(TAXONOMY_ID):
            return False
        try:
            seeder = system_principal("问题表现清单初始化").actor
            self.store.commit(ManifestationTaxonomy.seed(seeder, self.clock.now()))
        except VersionConflict:
            return False  # another process won the race; its list is the same
        return True

    def taxonomy(self) -> ManifestationTaxonomy:
        """The list as it stands (one small aggregate)."""
        if not self.store.exists(TAXONOMY_ID):
            self.seed_taxonomy()
        return self.store.load(TAXONOMY_ID, ManifestationTaxonomy, "问题表现清单")

    def _change_taxonomy(self, principal: Principal, change: str, *args: str) -> None:
        require(principal, Permission.MANAGE_TAXONOMY)

        def attempt() -> None:
            taxonomy = self.taxonomy()
            getattr(taxonomy, change)(*args, principal.actor, self.clock.now())
            self.store.commit(taxonomy)

        self.store.with_retry(attempt)  # two admins editing at once: the second re-reads and re-checks

    def add_taxonomy_item(self, principal: Principal, kind: str, key: str, label: str) -> None:
        """A new field or behaviour."""
        self._change_taxonomy(principal, "add_item", kind, key, label)

    def rename_taxonomy_item(self, principal: Principal, key: str, label: str) -> None:
        """A new name for an item; findings show it."""
        self._change_taxonomy(principal, "rename_item", key, label)

    def retire_taxonomy_item(self, principal: Principal, key: str, reason: str) -> None:
        """No longer offered; old findings keep it."""
        self._change_taxonomy(principal, "retire_item", key, reason)

    # --- findings -----------------------------------------------------------------------------
    def record_finding(self, principal: Principal, given: FindingInput) -> UUID:
        """Record a finding after checking everything it names; its id."""
        require(principal, Permission.RECORD_FINDINGS)
        subject = self._subject(given.unit, given.person)
        citations = self._citations(given.cases)
        classification = self.taxonomy().check_classification(given.field, list(given.behaviours))
        finding = Finding.record(
            subject,
            citations,
            classification,
            given.title,
            given.description,
            principal.actor,
            self.clock.now(),
            finding_id=self.store.id_source().id_for("finding"),
        )
        self.store.commit(finding)
        return finding.id

    def amend_finding(self, principal: Principal, finding_id: UUID, expected_version: int, given: FindingInput) -> int:
        """Correct a finding's citations, classification or wording, with a reason; the new version."""
        require(principal, Permission.RECORD_FINDINGS)
        finding = self.store.load_expected(finding_id, Finding, expected_version, "认定")
        citations = self._citations(given.cases)
        kept = frozenset([finding.field, *finding.behaviours])  # retired since, but already on this finding
        classification = self.taxonomy().check_classification(given.field, list(given.behaviours), kept)
        finding.amend(
            citations, classification, given.title, given.description, given.reason, principal.actor, self.clock.now()
        )
        return self.store.commit_version(finding)

    def mark_finding_typical(
        self, principal: Principal, finding_id: UUID, expected_version: int, typical: bool, note: str
    ) -> int:
        """Mark (or unmark) a typical case for public notice; the new version."""
        require(principal, Permission.RECORD_FINDINGS)
        finding = self.store.load_expected(finding_id, Finding, expected_version, "认定")
        if typical:
            finding.mark_typical(note, principal.actor, self.clock.now())
        else:
            finding.unmark_typical(note, principal.actor, self.clock.now())
        return self.store.commit_version(finding)

    def withdraw_finding(self, principal: Principal, finding_id: UUID, expected_version: int, reason: str) -> int:
        """The finding does not stand (it is kept, marked withdrawn); the new version."""
        require(principal, Permission.RECORD_FINDINGS)
        finding = self.store.load_expected(finding_id, Finding, expected_version, "认定")
        finding.withdraw(reason, principal.actor, self.clock.now())
        return self.store.commit_version(finding)

    # --- checks -------------------------------------------------------------------------------
    def _subject(self, unit: str, person: str) -> Subject:
        unit, person = (unit or "").strip(), (person or "").strip()
        if unit and not self.store.exists(Unit.create_id(unit)):
            raise SubjectNotFound(f"单位“{unit}”不存在", "unit")
        name = ""
        if person:
            try:
                name = self.accounts.get_account(person).display_name
            except NotFound:
                raise SubjectNotFound(f"账号“{person}”不存在", "person") from None
        return Subject(unit, person, name)

    def _citations(self, cases: tuple[CitationInput, ...]) -> list[Citation]:
        if not cases:
            raise InvalidValue("请至少引用一个问题", "cases")
        citations = []
        for given in cases:
            case = self._cited_case(given.case)
            number = case_number(case.id, case.created_on)
            versions: tuple[object, ...] = given.versions  # checked as untrusted input, whatever the annotation
            for version in versions:
                if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= case.version:
                    raise CitedEventNotFound(
                        f"问题 {number} 没有第 {version} 条办理记录（共 {case.version} 条）", "cases"
                    )
            citations.append(Citation(str(case.id), number, tuple(given.versions)))
        return citations

    def _cited_case(self, reference: str) -> Case:
        reference = check_text(reference, "cases", "引用的问题", REFERENCE_MAX)  # never odd text into SQL
        try:
            ids = [UUID(reference)]
        except ValueError:
            ids = self.reads.case_ids_by_number(reference.upper()) if reference else []
        if len(ids) > 1:
            raise InvalidValue(f"编号“{reference}”对应多个问题，请改用问题ID", "cases")
        if not ids or not self.store.exists(ids[0]):
            raise CitedCaseNotFound(f"引用的问题“{reference}”不存在", "cases")
        try:
            return self.store.load(ids[0], Case, "问题")
        except NotFound:
            raise CitedCaseNotFound(f"引用的问题“{reference}”不存在", "cases") from None
