"""What may be done to a case: each command checks the rules, then records its event (defined on Case)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from domain.calendar import Deadline
from domain.cases import rules
from domain.cases.case_state import CaseState
from domain.shared.actor import Actor
from domain.shared.errors import NotAssigned
from domain.shared.text import check_text, check_working_days, optional_text


class CaseCommands(CaseState):
    """The commands of a case; Case defines the event methods they call, which record what happened."""

    _classified: Callable[..., None]
    _assigned: Callable[..., None]
    _accepted: Callable[..., None]
    _returned: Callable[..., None]
    _transferred: Callable[..., None]
    _progress_noted: Callable[..., None]
    _reminder_recorded: Callable[..., None]
    _extension_requested: Callable[..., None]
    _extension_granted: Callable[..., None]
    _deadline_recomputed: Callable[..., None]
    _extension_refused: Callable[..., None]
    _escalated: Callable[..., None]
    _resolved: Callable[..., None]
    _feedback_given: Callable[..., None]
    _reopened: Callable[..., None]
    _closed: Callable[..., None]
    _registered_cannot_do: Callable[..., None]
    _brought_into_task_force: Callable[..., None]
    _deadline_changed: Callable[..., None]
    _project_linked: Callable[..., None]

    # --- judging and assigning --------------------------------------------------------------------
    def classify(self, disposition: str, reason: str, actor: Actor, at: datetime) -> None:
        """Judge the case: refuse / immediate / special / innovate."""
        rules.check_can_classify(self)
        disposition = rules.check_disposition(disposition)
        reason = optional_text(reason, "reason", "研判理由")
        self._classified(disposition=disposition, reason=reason, actor=actor.as_dict(), timestamp=at)

    def assign(
        self,
        lead_unit: str,
        supporting_units: list[str],
        task_force: str | None,
        working_days: int,
        deadline: Deadline,
        actor: Actor,
        at: datetime,
        start_on: date | None = None,
    ) -> None:
        """Give the case to a lead unit (and supporting units, a task force) with a time limit from start_on."""
        check_working_days(working_days)
        rules.check_can_assign(self, lead_unit, supporting_units)
        self._assigned(
            lead_unit=lead_unit,
            supporting_units=list(supporting_units),
            task_force=task_force,
            working_days=working_days,
            due_on=deadline.due_on,
            deadline_provisional=deadline.provisional,
            calendar=deadline.calendar,
            start_on=start_on,
            actor=actor.as_dict(),
            timestamp=at,
        )

    def accept(self, actor: Actor, at: datetime) -> None:
        """The lead unit takes the case (签收)."""
        rules.check_can_accept(self)
        self._accepted(unit=self.lead_unit, actor=actor.as_dict(), timestamp=at)

    def return_case(self, reason: str, actor: Actor, at: datetime) -> None:
        """The lead unit sends the case back (退回) with a reason."""
        rules.check_can_return(self)
        reason = check_text(reason, "reason", "退回理由")
        self._returned(unit=self.lead_unit, reason=reason, actor=actor.as_dict(), timestamp=at)

    def transfer(self, to_unit: str, reason: str, actor: Actor, at: datetime) -> None:
        """Move the case to another unit (转办); the new unit must accept it."""
        rules.check_can_transfer(self, to_unit)
        reason = check_text(reason, "reason", "转办理由")
        self._transferred(from_unit=self.lead_unit, to_unit=to_unit, reason=reason, actor=actor.as_dict(), timestamp=at)

    # --- working the case -------------------------------------------------------------------------
    def note_progress(self, note: str, actor: Actor, at: datetime) -> None:
        """Record a dated note of what was done (进展)."""
        rules.check_can_note_progress(self)
        note = check_text(note, "note", "进展情况")
        self._progress_noted(note=note, actor=actor.as_dict(), timestamp=at)

    def record_reminder(self, note: str, actor: Actor, at: datetime, key: str = "") -> None:
        """Record a prod (催办) by a supervisor, or by the scheduler once per key (e.g. 'due-1')."""
        rules.check_can_remind(self, key)
        self._reminder_recorded(note=check_text(note, "note", "催办内容"), key=key, actor=actor.as_dict(), timestamp=at)

    def request_extension(self, working_days: int, reason: str, actor: Actor, at: datetime) -> None:
        """The lead unit asks for more working days."""
        rules.check_can_request_extension(self)
        check_working_days(working_days)
        reason = check_text(reason, "reason", "延期理由")
        self._extension_requested(working_days=working_days, reason=reason, actor=actor.as_dict(), timestamp=at)

    def grant_extension(self, deadline: Deadline, note: str, actor: Actor, at: datetime) -> None:
        """Approve the pending request; deadline is the old due date moved by its working days."""
        rules.check_has_pending_extension(self)
        note = optional_text(note, "note", "审批意见")
        self._extension_granted(
            working_days=self.pending_extension["working_days"],  # type: ignore[index]  # checked just above: not None
            previous_due_on=self.due_on,
            due_on=deadline.due_on,
            deadline_provisional=deadline.provisional,
            calendar=deadline.calendar,
            note=note,
            actor=actor.as_dict(),
            timestamp=at,
        )

    def recompute_deadline(
        self, original: Deadline, deadline: Deadline, cause: str, actor: Actor, at: datetime
    ) -> bool:
        """Record a deadline moved by a newly published schedule; False (and no event) if nothing changed."""
        rules.check_open(self)
        if self.due_on is None:
            raise NotAssigned("问题尚未分办，没有办结期限")
        if (deadline.due_on, deadline.provisional, original.due_on) == (
            self.due_on,
            self.deadline_provisional,
            self.original_due_on,
        ):
            return False
        self._deadline_recomputed(
            previous_due_on=self.due_on,
            due_on=deadline.due_on,
            original_due_on=original.due_on,
            deadline_provisional=deadline.provisional,
            calendar=deadline.calendar,
            cause=check_text(cause, "cause", "调整原因"),
            actor=actor.as_dict(),
            timestamp=at,
        )
        return True

    def refuse_extension(self, reason: str, actor: Actor, at: datetime) -> None:
        """Turn down the pending request, with a reason."""
        rules.check_has_pending_extension(self)
        reason = check_text(reason, "reason", "不予延期理由")
        self._extension_refused(reason=reason, actor=actor.as_dict(), timestamp=at)

    def escalate(self, level: str, reason: str, actor: Actor, at: datetime) -> None:
        """Raise the case up the ladder (提级)."""
        level = rules.check_escalation_level(level)
        rules.check_can_escalate(self, level)
        reason = check_text(reason, "reason", "提级理由")
        self._escalated(level=level, reason=reason, actor=actor.as_dict(), timestamp=at)

    # --- ending -----------------------------------------------------------------------------------
    def resolve(self, resolution: str, actor: Actor, at: datetime) -> None:
        """The lead unit says the problem is solved (办结), saying what was done."""
        rules.check_can_resolve(self)
        resolution = check_text(resolution, "resolution", "办理结果")
        self._resolved(unit=self.lead_unit, resolution=resolution, actor=actor.as_dict(), timestamp=at)

    def give_feedback(self, satisfaction: str, comment: str, actor: Actor, at: datetime) -> None:
        """Record the enterprise's rating of the resolution (回访)."""
        rules.check_can_give_feedback(self)
        satisfaction = rules.check_satisfaction(satisfaction)
        comment = optional_text(comment, "comment", "评价意见")
        self._feedback_given(satisfaction=satisfaction, comment=comment, actor=actor.as_dict(), timestamp=at)

    def reopen(self, reason: str, actor: Actor, at: datetime) -> None:
        """Not really solved: back to the lead unit (重新办理)."""
        rules.check_can_reopen(self)
        self._reopened(reason=check_text(reason, "reason", "重新办理理由"), actor=actor.as_dict(), timestamp=at)

    def close(self, note: str, actor: Actor, at: datetime) -> None:
        """Strike the case off the ledger (销号)."""
        rules.check_can_close(self)
        self._closed(note=optional_text(note, "note", "销号说明"), actor=actor.as_dict(), timestamp=at)

    def register_cannot_do(self, reason: str, actor: Actor, at: datetime) -> None:
        """Record that the case cannot be done (不能办), for the ledger and later inspection."""
        rules.check_can_register_cannot_do(self)
        reason = check_text(reason, "reason", "不能办理由")
        self._registered_cannot_do(reason=reason, actor=actor.as_dict(), timestamp=at)

    # --- task forces and projects -----------------------------------------------------------------
    def bring_into_task_force(
        self,
        task_force: str,
        lead_unit: str,
        supporting_units: list[str],
        working_days: int,
        deadline: Deadline,
        meeting: int,
        actor: Actor,
        at: datetime,
        start_on: date | None = None,
    ) -> None:
        """A coordination meeting puts the case on its problem list, with a unit and a time limit."""
        check_working_days(working_days)
        rules.check_can_bring_into_task_force(self, task_force, lead_unit, supporting_units)
        self._brought_into_task_force(
            task_force=task_force,
            lead_unit=lead_unit,
            supporting_units=list(supporting_units),
            working_days=working_days,
            due_on=deadline.due_on,
            deadline_provisional=deadline.provisional,
            calendar=deadline.calendar,
            start_on=start_on,
            meeting=meeting,
            actor=actor.as_dict(),
            timestamp=at,
        )

    def change_deadline(
        self,
        working_days: int,
        deadline: Deadline,
        reason: str,
        meeting: int,
        actor: Actor,
        at: datetime,
        start_on: date | None = None,
    ) -> None:
        """A coordination meeting sets a new time limit for a case on its list."""
        check_working_days(working_days)
        rules.check_can_change_deadline(self)
        self._deadline_changed(
            previous_due_on=self.due_on,
            working_days=working_days,
            due_on=deadline.due_on,
            deadline_provisional=deadline.provisional,
            calendar=deadline.calendar,
            start_on=start_on,
            reason=check_text(reason, "reason", "调整时限的理由"),
            meeting=meeting,
            actor=actor.as_dict(),
            timestamp=at,
        )

    def link_project(self, project: str, actor: Actor, at: datetime) -> None:
        """Put the case on a key project's (or listing enterprise's) problem ledger."""
        rules.check_can_link_project(self, project)
        self._project_linked(project=project, previous=self.project, actor=actor.as_dict(), timestamp=at)
