"""Use cases that act on one case: get it at the expected version, command it, save it."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.calendar import CalendarCommands
from application.cases.queries import CaseQueries
from application.registry import RegistryCommands
from application.shared.access import ACTION_LABELS, Principal, allowed_actions
from application.shared.clock import Clock
from application.shared.errors import Forbidden, VersionConflict
from application.shared.store import Store
from domain.calendar import Deadline, extended_deadline
from domain.cases import Case, check_has_pending_extension
from domain.shared.errors import NoPendingExtension
from domain.shared.vocabulary import Role


@dataclass(frozen=True)
class CaseCommands:
    """The actions people take on a case; each returns the case's new version."""

    store: Store
    clock: Clock
    calendar: CalendarCommands
    case_queries: CaseQueries
    registry: RegistryCommands

    def _act(self, principal: Principal, case_id: UUID, expected_version: int, action: str) -> Case:
        """The case, if this person may take this action on it: 404 out of scope, 403, then 409."""
        case, facts = self.case_queries.case_in_scope(principal, case_id)
        if action not in allowed_actions(principal, facts, [action]):
            raise Forbidden(f"您的角色（{Role(principal.role).label}）无权对该问题执行“{ACTION_LABELS[action]}”")
        if case.version != expected_version:
            raise VersionConflict(case.version, expected_version)
        return case

    def classify_case(
        self, case_id: UUID, expected_version: int, principal: Principal, disposition: str, reason: str = ""
    ) -> int:
        """Judge the case (一个不办、三个要办)."""
        case = self._act(principal, case_id, expected_version, "classify")
        case.classify(disposition, reason, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def assign_case(
        self,
        case_id: UUID,
        expected_version: int,
        principal: Principal,
        *,
        lead_unit: str,
        working_days: int,
        supporting_units: list[str] | None = None,
        task_force: str | None = None,
    ) -> int:
        """Give the case to a lead unit with a time limit in working days."""
        case = self._act(principal, case_id, expected_version, "assign")
        supporting = list(supporting_units or [])
        self.registry.require_units([lead_unit], "lead_unit")
        self.registry.require_units(supporting, "supporting_units")
        if task_force:
            self.registry.require_task_force(task_force)
            self.registry.get_task_force(task_force).check_active()  # a dissolved task force takes no new cases
        deadline = self.calendar.deadline_for(self.store.today(), working_days)
        case.assign(
            lead_unit,
            supporting,
            task_force or None,
            working_days,
            deadline,
            principal.actor,
            self.clock.now(),
            start_on=self.store.today(),
        )
        return self.store.commit_version(case)

    def accept_case(self, case_id: UUID, expected_version: int, principal: Principal) -> int:
        """The lead unit takes the case."""
        case = self._act(principal, case_id, expected_version, "accept")
        case.accept(principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def return_case(self, case_id: UUID, expected_version: int, principal: Principal, reason: str) -> int:
        """The lead unit sends the case back."""
        case = self._act(principal, case_id, expected_version, "return")
        case.return_case(reason, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def transfer_case(
        self, case_id: UUID, expected_version: int, principal: Principal, to_unit: str, reason: str
    ) -> int:
        """Move the case to another unit."""
        case = self._act(principal, case_id, expected_version, "transfer")
        self.registry.require_units([to_unit], "to_unit")
        case.transfer(to_unit, reason, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def note_progress(self, case_id: UUID, expected_version: int, principal: Principal, note: str) -> int:
        """Record what was done."""
        case = self._act(principal, case_id, expected_version, "progress")
        case.note_progress(note, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def record_reminder(
        self, case_id: UUID, expected_version: int, principal: Principal, note: str, key: str = ""
    ) -> int:
        """Record a prod (催办); the scheduler gives each of its reminders a key so it is sent once."""
        case = self._act(principal, case_id, expected_version, "remind")
        case.record_reminder(note, principal.actor, self.clock.now(), key=key)
        return self.store.commit_version(case)

    def request_extension(
        self, case_id: UUID, expected_version: int, principal: Principal, working_days: int, reason: str
    ) -> int:
        """The lead unit asks for more working days."""
        case = self._act(principal, case_id, expected_version, "request_extension")
        case.request_extension(working_days, reason, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def grant_extension(self, case_id: UUID, expected_version: int, principal: Principal, note: str = "") -> int:
        """Approve the pending extension: the due date moves by its working days."""
        case = self._act(principal, case_id, expected_version, "grant_extension")
        case.grant_extension(self._extended_deadline(case), note, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def _extended_deadline(self, case: Case) -> Deadline:
        """The due day moved on by the pending request's working days; refused as the domain refuses."""
        check_has_pending_extension(case)
        if case.pending_extension is None or case.due_on is None:  # a pending request implies an assigned case
            raise NoPendingExtension("没有待审批的延期申请")
        extra = case.pending_extension.get("working_days", 0)
        return extended_deadline(self.calendar.working_calendar, case.due_on, extra)

    def refuse_extension(self, case_id: UUID, expected_version: int, principal: Principal, reason: str) -> int:
        """Turn the pending extension down."""
        case = self._act(principal, case_id, expected_version, "refuse_extension")
        case.refuse_extension(reason, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def escalate_case(self, case_id: UUID, expected_version: int, principal: Principal, level: str, reason: str) -> int:
        """Raise the case up the ladder."""
        case = self._act(principal, case_id, expected_version, "escalate")
        case.escalate(level, reason, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def resolve_case(self, case_id: UUID, expected_version: int, principal: Principal, resolution: str) -> int:
        """The lead unit says it is solved."""
        case = self._act(principal, case_id, expected_version, "resolve")
        case.resolve(resolution, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def give_feedback(
        self, case_id: UUID, expected_version: int, principal: Principal, satisfaction: str, comment: str = ""
    ) -> int:
        """Record the enterprise's rating."""
        case = self._act(principal, case_id, expected_version, "feedback")
        case.give_feedback(satisfaction, comment, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def reopen_case(self, case_id: UUID, expected_version: int, principal: Principal, reason: str) -> int:
        """Send a resolved case back to work."""
        case = self._act(principal, case_id, expected_version, "reopen")
        case.reopen(reason, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def close_case(self, case_id: UUID, expected_version: int, principal: Principal, note: str = "") -> int:
        """Strike the case off."""
        case = self._act(principal, case_id, expected_version, "close")
        case.close(note, principal.actor, self.clock.now())
        return self.store.commit_version(case)

    def register_cannot_do(self, case_id: UUID, expected_version: int, principal: Principal, reason: str) -> int:
        """Put the case on the cannot-do ledger."""
        case = self._act(principal, case_id, expected_version, "register_cannot_do")
        case.register_cannot_do(reason, principal.actor, self.clock.now())
        return self.store.commit_version(case)
