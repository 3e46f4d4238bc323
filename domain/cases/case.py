"""The Case: one enterprise problem, with every change an event."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.calendar import Deadline
from domain.cases import rules
from domain.cases.case_state import CaseState
from domain.shared.actor import Actor
from domain.shared.errors import NotAssigned
from domain.shared.text import check_text, check_working_days, optional_text
from domain.shared.vocabulary import CaseStatus as S


def _topic(name: str) -> str:
    return f"ganxin:Case.{name}"


class Case(CaseState, Aggregate):
    """A problem raised by an enterprise, from logging to closing."""

    TOPIC = "ganxin:Case"
    id: UUID  # a case may be given its id (derived from a request's idempotency key); else create_id

    class Event(Aggregate.Event):
        """Base of every case event."""

        TOPIC = "ganxin:Case.Event"

    @event("Logged", topic=_topic("Logged"))
    def __init__(
        self,
        channel: str,
        enterprise_uscc: str,
        category: str,
        description: str,
        request: str,
        visit_id: UUID | None,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self._start_state(channel, enterprise_uscc, category, description, request, visit_id, actor)

    @classmethod
    def log(
        cls,
        *,
        channel: str,
        enterprise_uscc: str,
        category: str,
        description: str,
        request: str,
        visit_id: UUID | None,
        actor: Actor,
        at: datetime,
        case_id: UUID | None = None,
    ) -> Case:
        """Log a new case from a problem an enterprise raised (with a fresh random id unless one is given)."""
        channel = rules.check_channel(channel)
        category, description, request = rules.check_problem(category, description, request)
        return cls(  # type: ignore[call-arg]  # id= is taken by eventsourcing's metaclass, not by __init__
            id=case_id or cls.create_id(),
            channel=channel,
            enterprise_uscc=enterprise_uscc,
            category=category,
            description=description,
            request=request,
            visit_id=visit_id,
            actor=actor.as_dict(),
            timestamp=at,
        )

    @property
    def logged_on(self) -> date:
        """The day the case was logged (UTC date of the first event)."""
        return self.created_on.date()

    # --- judging and assigning --------------------------------------------------------------
    def classify(self, disposition: str, reason: str, actor: Actor, at: datetime) -> None:
        """Judge the case: refuse / immediate / special / innovate."""
        rules.check_can_classify(self)
        disposition = rules.check_disposition(disposition)
        reason = optional_text(reason, "reason", "研判理由")
        self._classified(disposition=disposition, reason=reason, actor=actor.as_dict(), timestamp=at)

    @event("Classified", topic=_topic("Classified"))
    def _classified(self, disposition: str, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.disposition = disposition
        self.disposition_reason = reason

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

    @event("Assigned", topic=_topic("Assigned"))
    def _assigned(
        self,
        lead_unit: str,
        supporting_units: list[str],
        task_force: str | None,
        working_days: int,
        due_on: date,
        deadline_provisional: bool,
        calendar: str,
        actor: dict[str, str],
        timestamp: datetime,
        start_on: date | None = None,
    ) -> None:
        self.status = S.ASSIGNED
        self._hand_to(lead_unit, supporting_units, task_force)
        self._set_time_limit(working_days, due_on, deadline_provisional, start_on or timestamp.date())

    def accept(self, actor: Actor, at: datetime) -> None:
        """The lead unit takes the case (签收)."""
        rules.check_can_accept(self)
        self._accepted(unit=self.lead_unit, actor=actor.as_dict(), timestamp=at)

    @event("Accepted", topic=_topic("Accepted"))
    def _accepted(self, unit: str | None, actor: dict[str, str], timestamp: datetime) -> None:
        self.status = S.ACCEPTED

    def return_case(self, reason: str, actor: Actor, at: datetime) -> None:
        """The lead unit sends the case back (退回) with a reason."""
        rules.check_can_return(self)
        reason = check_text(reason, "reason", "退回理由")
        self._returned(unit=self.lead_unit, reason=reason, actor=actor.as_dict(), timestamp=at)

    @event("Returned", topic=_topic("Returned"))
    def _returned(self, unit: str | None, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self._apply_return()

    def transfer(self, to_unit: str, reason: str, actor: Actor, at: datetime) -> None:
        """Move the case to another unit (转办); the new unit must accept it."""
        rules.check_can_transfer(self, to_unit)
        reason = check_text(reason, "reason", "转办理由")
        self._transferred(from_unit=self.lead_unit, to_unit=to_unit, reason=reason, actor=actor.as_dict(), timestamp=at)

    @event("Transferred", topic=_topic("Transferred"))
    def _transferred(
        self, from_unit: str | None, to_unit: str, reason: str, actor: dict[str, str], timestamp: datetime
    ) -> None:
        self._apply_transfer(to_unit)

    # --- working the case --------------------------------------------------------------------
    def note_progress(self, note: str, actor: Actor, at: datetime) -> None:
        """Record a dated note of what was done (进展)."""
        rules.check_can_note_progress(self)
        note = check_text(note, "note", "进展情况")
        self._progress_noted(note=note, actor=actor.as_dict(), timestamp=at)

    @event("ProgressNoted", topic=_topic("ProgressNoted"))
    def _progress_noted(self, note: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.latest_progress = note

    def record_reminder(self, note: str, actor: Actor, at: datetime, key: str = "") -> None:
        """Record a prod (催办) by a supervisor, or by the scheduler once per key (e.g. 'due-1')."""
        rules.check_can_remind(self, key)
        self._reminder_recorded(note=check_text(note, "note", "催办内容"), key=key, actor=actor.as_dict(), timestamp=at)

    @event("ReminderRecorded", topic=_topic("ReminderRecorded"))
    def _reminder_recorded(self, note: str, actor: dict[str, str], timestamp: datetime, key: str = "") -> None:
        if key:
            self.reminder_keys = [*self.reminder_keys, key]

    def request_extension(self, working_days: int, reason: str, actor: Actor, at: datetime) -> None:
        """The lead unit asks for more working days."""
        rules.check_can_request_extension(self)
        check_working_days(working_days)
        reason = check_text(reason, "reason", "延期理由")
        self._extension_requested(working_days=working_days, reason=reason, actor=actor.as_dict(), timestamp=at)

    @event("ExtensionRequested", topic=_topic("ExtensionRequested"))
    def _extension_requested(self, working_days: int, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.pending_extension = {"working_days": working_days, "reason": reason}

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

    @event("ExtensionGranted", topic=_topic("ExtensionGranted"))
    def _extension_granted(
        self,
        working_days: int,
        previous_due_on: date | None,
        due_on: date,
        deadline_provisional: bool,
        calendar: str,
        note: str,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self._apply_extension(working_days, due_on, deadline_provisional)

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

    @event("DeadlineRecomputed", topic=_topic("DeadlineRecomputed"))
    def _deadline_recomputed(
        self,
        previous_due_on: date,
        due_on: date,
        original_due_on: date,
        deadline_provisional: bool,
        calendar: str,
        cause: str,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self._apply_recomputed_deadline(due_on, original_due_on, deadline_provisional)

    def refuse_extension(self, reason: str, actor: Actor, at: datetime) -> None:
        """Turn down the pending request, with a reason."""
        rules.check_has_pending_extension(self)
        reason = check_text(reason, "reason", "不予延期理由")
        self._extension_refused(reason=reason, actor=actor.as_dict(), timestamp=at)

    @event("ExtensionRefused", topic=_topic("ExtensionRefused"))
    def _extension_refused(self, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.pending_extension = None

    def escalate(self, level: str, reason: str, actor: Actor, at: datetime) -> None:
        """Raise the case up the ladder (提级)."""
        level = rules.check_escalation_level(level)
        rules.check_can_escalate(self, level)
        reason = check_text(reason, "reason", "提级理由")
        self._escalated(level=level, reason=reason, actor=actor.as_dict(), timestamp=at)

    @event("Escalated", topic=_topic("Escalated"))
    def _escalated(self, level: str, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.escalation_level = level

    # --- ending ------------------------------------------------------------------------------
    def resolve(self, resolution: str, actor: Actor, at: datetime) -> None:
        """The lead unit says the problem is solved (办结), saying what was done."""
        rules.check_can_resolve(self)
        resolution = check_text(resolution, "resolution", "办理结果")
        self._resolved(unit=self.lead_unit, resolution=resolution, actor=actor.as_dict(), timestamp=at)

    @event("Resolved", topic=_topic("Resolved"))
    def _resolved(self, unit: str | None, resolution: str, actor: dict[str, str], timestamp: datetime) -> None:
        self._apply_resolution(resolution, timestamp)

    def give_feedback(self, satisfaction: str, comment: str, actor: Actor, at: datetime) -> None:
        """Record the enterprise's rating of the resolution (回访)."""
        rules.check_can_give_feedback(self)
        satisfaction = rules.check_satisfaction(satisfaction)
        comment = optional_text(comment, "comment", "评价意见")
        self._feedback_given(satisfaction=satisfaction, comment=comment, actor=actor.as_dict(), timestamp=at)

    @event("FeedbackGiven", topic=_topic("FeedbackGiven"))
    def _feedback_given(self, satisfaction: str, comment: str, actor: dict[str, str], timestamp: datetime) -> None:
        self._apply_feedback(satisfaction, comment)

    def reopen(self, reason: str, actor: Actor, at: datetime) -> None:
        """Not really solved: back to the lead unit (重新办理)."""
        rules.check_can_reopen(self)
        self._reopened(reason=check_text(reason, "reason", "重新办理理由"), actor=actor.as_dict(), timestamp=at)

    @event("Reopened", topic=_topic("Reopened"))
    def _reopened(self, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self._apply_reopening()

    def close(self, note: str, actor: Actor, at: datetime) -> None:
        """Strike the case off the ledger (销号)."""
        rules.check_can_close(self)
        self._closed(note=optional_text(note, "note", "销号说明"), actor=actor.as_dict(), timestamp=at)

    @event("Closed", topic=_topic("Closed"))
    def _closed(self, note: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.status = S.CLOSED

    def register_cannot_do(self, reason: str, actor: Actor, at: datetime) -> None:
        """Record that the case cannot be done (不能办), for the ledger and later inspection."""
        rules.check_can_register_cannot_do(self)
        reason = check_text(reason, "reason", "不能办理由")
        self._registered_cannot_do(reason=reason, actor=actor.as_dict(), timestamp=at)

    @event("RegisteredCannotDo", topic=_topic("RegisteredCannotDo"))
    def _registered_cannot_do(self, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self._apply_cannot_do(reason)

    # --- task forces and projects -------------------------------------------------------------
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

    @event("BroughtIntoTaskForce", topic=_topic("BroughtIntoTaskForce"))
    def _brought_into_task_force(
        self,
        task_force: str,
        lead_unit: str,
        supporting_units: list[str],
        working_days: int,
        due_on: date,
        deadline_provisional: bool,
        calendar: str,
        start_on: date | None,
        meeting: int,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        if self.lead_unit != lead_unit or self.status in (S.LOGGED, S.RETURNED):
            self.status = S.ASSIGNED
        self._hand_to(lead_unit, supporting_units, task_force)
        self._set_time_limit(working_days, due_on, deadline_provisional, start_on or timestamp.date())

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

    @event("DeadlineChanged", topic=_topic("DeadlineChanged"))
    def _deadline_changed(
        self,
        previous_due_on: date | None,
        working_days: int,
        due_on: date,
        deadline_provisional: bool,
        calendar: str,
        start_on: date | None,
        reason: str,
        meeting: int,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self._set_time_limit(working_days, due_on, deadline_provisional, start_on or timestamp.date())

    def link_project(self, project: str, actor: Actor, at: datetime) -> None:
        """Put the case on a key project's (or listing enterprise's) problem ledger."""
        rules.check_can_link_project(self, project)
        self._project_linked(project=project, previous=self.project, actor=actor.as_dict(), timestamp=at)

    @event("ProjectLinked", topic=_topic("ProjectLinked"))
    def _project_linked(self, project: str, previous: str | None, actor: dict[str, str], timestamp: datetime) -> None:
        self.project = project
