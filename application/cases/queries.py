"""Reading cases: one case and its history by replaying it; lists from the read model."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID

from application.calendar import CalendarCommands
from application.cases.ports import PER_PAGE_MAX, CaseFilter, CasePage, CaseReadModel, SecretaryTenures
from application.registry import EnterpriseSummary, RegistryReadModel
from application.shared.access import (
    CaseFacts,
    CaseScope,
    Permission,
    Principal,
    allowed_actions,
    case_scope,
    in_scope,
    require,
)
from application.shared.errors import NotFound
from application.shared.store import Store
from domain.cases import Case, available_actions
from domain.registry import Enterprise
from domain.shared.errors import InvalidValue
from domain.shared.text import NAME_MAX, check_plain_characters
from domain.shared.vocabulary import Role

MAX_PAGE = 1_000_000
SEARCH_TEXT_MAX = NAME_MAX  # the longest text a search looks for, on every page and the API
HIDDEN_EVENT_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic", "actor"}


@dataclass(frozen=True)
class HistoryEntry:
    """One event of a case, as people and programs read it."""

    version: int
    type: str
    at: datetime
    actor: dict[str, str]
    fields: dict[str, Any]


@dataclass(frozen=True)
class CaseDetail:
    """A case as it stands now, with what may be done next."""

    case: Case
    case_no: str
    enterprise_name: str
    actions: list[str]


def case_number(case_id: UUID, logged_at: datetime) -> str:
    """A short number people can read out: logging date and the id's first six hex digits."""
    return f"{logged_at:%Y%m%d}-{case_id.hex[:6].upper()}"


def history_entry(event: Any) -> HistoryEntry:
    """One stored event as the history shows it."""
    return HistoryEntry(
        version=event.originator_version,
        type=type(event).__name__,
        at=event.timestamp,
        actor=dict(getattr(event, "actor", {})),
        fields={k: v for k, v in event.__dict__.items() if k not in HIDDEN_EVENT_FIELDS},
    )


@dataclass
class CaseQueries:
    """What people read about cases."""

    store: Store
    reads: CaseReadModel
    registry_reads: RegistryReadModel
    project_reads: SecretaryTenures
    calendar: CalendarCommands

    def scope_of(self, principal: Principal) -> CaseScope:
        """The person's case scope; a secretary's also spans the projects they serve now."""
        scope = case_scope(principal)
        if principal.role == Role.SERVICE_SECRETARY:
            mine = self.project_reads.secretaries(secretary_id=principal.actor.user_id, current_only=True)
            scope = replace(scope, projects=tuple(sorted({row.project for row in mine})))
        return scope

    def case_in_scope(self, principal: Principal, case_id: UUID) -> tuple[Case, CaseFacts]:
        """The case and its facts, or NotFound when it is outside the person's scope (no hint it exists)."""
        case, facts, _ = self.case_with_enterprise(principal, case_id)
        return case, facts

    def case_with_enterprise(
        self, principal: Principal, case_id: UUID
    ) -> tuple[Case, CaseFacts, Enterprise | EnterpriseSummary | None]:
        """The case, its facts and its enterprise, or NotFound when it is outside the person's scope."""
        case = self.store.load(case_id, Case, "问题")
        enterprise = self._enterprise(case.enterprise_uscc)
        facts = CaseFacts(
            logged_by=case.logged_by["user_id"],
            lead_unit=case.lead_unit,
            supporting_units=tuple(case.supporting_units),
            task_force=case.task_force,
            street=enterprise.street if enterprise else None,
            project=case.project,
        )
        if not in_scope(self.scope_of(principal), facts):
            raise NotFound("问题不存在", "id")
        return case, facts, enterprise

    def _enterprise(self, uscc: str) -> Enterprise | EnterpriseSummary | None:
        found = self.registry_reads.get_enterprise(uscc)
        if found is None and self.store.exists(Enterprise.create_id(uscc)):
            return self.store.load(Enterprise.create_id(uscc), Enterprise)  # registered but not yet projected
        return found

    def get_case(self, principal: Principal, case_id: UUID) -> CaseDetail:
        """One case, replayed from its own events, with the actions this person may take now."""
        case, facts, enterprise = self.case_with_enterprise(principal, case_id)
        return CaseDetail(
            case=case,
            case_no=case_number(case.id, case.created_on),
            enterprise_name=enterprise.name if enterprise else case.enterprise_uscc,
            actions=allowed_actions(principal, facts, available_actions(case)),
        )

    def case_history(self, principal: Principal, case_id: UUID) -> list[HistoryEntry]:
        """Every event of the case, oldest first; an inspector's reading is recorded; admins read none."""
        self.case_in_scope(principal, case_id)
        require(principal, Permission.VIEW_CASE_HISTORY)
        if principal.is_audited_reader:
            self.store.record_sensitive_read(principal, "case_history", str(case_id))
        return [history_entry(e) for e in self.store.events_of(case_id)]

    def status_at_version(self, case_id: UUID, version: int) -> str:
        """The case's status as of one of its versions (an action's own answer, whatever happened since)."""
        case: Case = self.store.get(case_id, version=version)
        return case.status

    def list_cases(self, principal: Principal, case_filter: CaseFilter) -> CasePage:
        """A page of the cases this person may see, from the case list projection."""
        self.check_case_filter(case_filter)
        return self.reads.list_cases(replace(case_filter, scope=self.scope_of(principal)))

    def check_case_filter(self, case_filter: CaseFilter) -> None:
        """Paging within bounds and filter values free of control characters."""
        if case_filter.page < 1:
            raise InvalidValue("页码应从1开始", "page")
        if not 1 <= case_filter.per_page <= PER_PAGE_MAX:
            raise InvalidValue(f"每页条数应在1至{PER_PAGE_MAX}之间", "per_page")
        if case_filter.page > MAX_PAGE:
            raise InvalidValue(f"页码不能超过{MAX_PAGE}", "page")
        if case_filter.text and len(case_filter.text) > SEARCH_TEXT_MAX:
            # SQLite refuses LIKE patterns over 50,000 bytes with a 500; no case text is that long anyway.
            raise InvalidValue(f"查找文字不能超过{SEARCH_TEXT_MAX}字（当前{len(case_filter.text)}字）", "q")
        for name in ("status", "lead_unit", "task_force", "channel", "category", "enterprise_uscc", "street", "text"):
            value = getattr(case_filter, name)
            if value:
                check_plain_characters(value, name, "筛选条件")

    def due_date_for(self, start: date, working_days: int) -> date:
        """The due date a time limit would give from a start day."""
        return self.calendar.working_calendar.add_working_days(start, working_days).due_on
