"""Use cases that act on one case: get it at the expected version, command it, save it."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from domain.actor import Actor
from domain.case import Case
from domain.text import check_working_days

if TYPE_CHECKING:
    from application.app import Ganxin


class CaseCommands:
    """The actions people take on a case; each returns the case's new version."""

    def _act(self: "Ganxin", case_id: UUID, expected_version: int) -> Case:
        return self.load_expected(case_id, Case, expected_version, "问题")

    def _done(self: "Ganxin", case: Case) -> int:
        self.commit(case)
        return case.version

    def classify_case(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor,
                      disposition: str, reason: str = "") -> int:
        """Judge the case (一个不办、三个要办)."""
        case = self._act(case_id, expected_version)
        case.classify(disposition, reason, actor, self.clock.now())
        return self._done(case)

    def assign_case(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor, *,  # noqa: PLR0913
                    lead_unit: str, working_days: int, supporting_units: list[str] | None = None,
                    task_force: str | None = None) -> int:
        """Give the case to a lead unit with a time limit in working days."""
        case = self._act(case_id, expected_version)
        supporting = list(supporting_units or [])
        self.require_units([lead_unit], "lead_unit")
        self.require_units(supporting, "supporting_units")
        if task_force:
            self.require_task_force(task_force)
        deadline = self.calendar.add_working_days(self.today(), check_working_days(working_days))
        case.assign(lead_unit, supporting, task_force or None, working_days, deadline, actor, self.clock.now())
        return self._done(case)

    def accept_case(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor) -> int:
        """The lead unit takes the case."""
        case = self._act(case_id, expected_version)
        case.accept(actor, self.clock.now())
        return self._done(case)

    def return_case(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor, reason: str) -> int:
        """The lead unit sends the case back."""
        case = self._act(case_id, expected_version)
        case.return_case(reason, actor, self.clock.now())
        return self._done(case)

    def transfer_case(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor,
                      to_unit: str, reason: str) -> int:
        """Move the case to another unit."""
        case = self._act(case_id, expected_version)
        self.require_units([to_unit], "to_unit")
        case.transfer(to_unit, reason, actor, self.clock.now())
        return self._done(case)

    def note_progress(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor, note: str) -> int:
        """Record what was done."""
        case = self._act(case_id, expected_version)
        case.note_progress(note, actor, self.clock.now())
        return self._done(case)

    def record_reminder(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor, note: str) -> int:
        """Record a prod (催办)."""
        case = self._act(case_id, expected_version)
        case.record_reminder(note, actor, self.clock.now())
        return self._done(case)

    def request_extension(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor,
                          working_days: int, reason: str) -> int:
        """The lead unit asks for more working days."""
        case = self._act(case_id, expected_version)
        case.request_extension(working_days, reason, actor, self.clock.now())
        return self._done(case)

    def grant_extension(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor, note: str = "") -> int:
        """Approve the pending extension: the due date moves by its working days."""
        case = self._act(case_id, expected_version)
        extra = (case.pending_extension or {}).get("working_days", 0)
        deadline = self.calendar.add_working_days(case.due_on, extra) if case.pending_extension else None
        case.grant_extension(deadline, note, actor, self.clock.now())  # type: ignore[arg-type]
        return self._done(case)

    def refuse_extension(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor, reason: str) -> int:
        """Turn the pending extension down."""
        case = self._act(case_id, expected_version)
        case.refuse_extension(reason, actor, self.clock.now())
        return self._done(case)

    def escalate_case(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor,
                      level: str, reason: str) -> int:
        """Raise the case up the ladder."""
        case = self._act(case_id, expected_version)
        case.escalate(level, reason, actor, self.clock.now())
        return self._done(case)

    def resolve_case(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor, resolution: str) -> int:
        """The lead unit says it is solved."""
        case = self._act(case_id, expected_version)
        case.resolve(resolution, actor, self.clock.now())
        return self._done(case)

    def give_feedback(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor,
                      satisfaction: str, comment: str = "") -> int:
        """Record the enterprise's rating."""
        case = self._act(case_id, expected_version)
        case.give_feedback(satisfaction, comment, actor, self.clock.now())
        return self._done(case)

    def reopen_case(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor, reason: str) -> int:
        """Send a resolved case back to work."""
        case = self._act(case_id, expected_version)
        case.reopen(reason, actor, self.clock.now())
        return self._done(case)

    def close_case(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor, note: str = "") -> int:
        """Strike the case off."""
        case = self._act(case_id, expected_version)
        case.close(note, actor, self.clock.now())
        return self._done(case)

    def register_cannot_do(self: "Ganxin", case_id: UUID, expected_version: int, actor: Actor, reason: str) -> int:
        """Put the case on the cannot-do ledger."""
        case = self._act(case_id, expected_version)
        case.register_cannot_do(reason, actor, self.clock.now())
        return self._done(case)
