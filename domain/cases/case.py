"""The Case: one enterprise problem, with every change an event (its commands are in case_commands)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.cases import rules
from domain.cases.case_commands import CaseCommands
from domain.shared.actor import Actor
from domain.shared.vocabulary import CaseStatus as S


def _topic(name: str) -> str:
    return f"ganxin:Case.{name}"


class Case(CaseCommands, Aggregate):
    """A problem raised by an enterprise, from logging to closing: the events its commands record."""

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
        self.channel, self.enterprise_uscc, self.category = channel, enterprise_uscc, category
        self.description, self.request, self.visit_id = description, request, visit_id
        self._start_state(logged_by=actor)

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
    @event("Classified", topic=_topic("Classified"))
    def _classified(self, disposition: str, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.disposition = disposition
        self.disposition_reason = reason

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

    @event("Accepted", topic=_topic("Accepted"))
    def _accepted(self, unit: str | None, actor: dict[str, str], timestamp: datetime) -> None:
        self.status = S.ACCEPTED

    @event("Returned", topic=_topic("Returned"))
    def _returned(self, unit: str | None, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self._apply_return()

    @event("Transferred", topic=_topic("Transferred"))
    def _transferred(
        self, from_unit: str | None, to_unit: str, reason: str, actor: dict[str, str], timestamp: datetime
    ) -> None:
        self._apply_transfer(to_unit)

    # --- working the case --------------------------------------------------------------------
    @event("ProgressNoted", topic=_topic("ProgressNoted"))
    def _progress_noted(self, note: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.latest_progress = note

    @event("ReminderRecorded", topic=_topic("ReminderRecorded"))
    def _reminder_recorded(self, note: str, actor: dict[str, str], timestamp: datetime, key: str = "") -> None:
        if key:
            self.reminder_keys = [*self.reminder_keys, key]

    @event("ExtensionRequested", topic=_topic("ExtensionRequested"))
    def _extension_requested(self, working_days: int, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.pending_extension = {"working_days": working_days, "reason": reason}

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

    @event("ExtensionRefused", topic=_topic("ExtensionRefused"))
    def _extension_refused(self, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.pending_extension = None

    @event("Escalated", topic=_topic("Escalated"))
    def _escalated(self, level: str, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.escalation_level = level

    # --- ending ------------------------------------------------------------------------------
    @event("Resolved", topic=_topic("Resolved"))
    def _resolved(self, unit: str | None, resolution: str, actor: dict[str, str], timestamp: datetime) -> None:
        self._apply_resolution(resolution, timestamp)

    @event("FeedbackGiven", topic=_topic("FeedbackGiven"))
    def _feedback_given(self, satisfaction: str, comment: str, actor: dict[str, str], timestamp: datetime) -> None:
        self._apply_feedback(satisfaction, comment)

    @event("Reopened", topic=_topic("Reopened"))
    def _reopened(self, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self._apply_reopening()

    @event("Closed", topic=_topic("Closed"))
    def _closed(self, note: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.status = S.CLOSED

    @event("RegisteredCannotDo", topic=_topic("RegisteredCannotDo"))
    def _registered_cannot_do(self, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self._apply_cannot_do(reason)

    # --- task forces and projects -------------------------------------------------------------
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

    @event("ProjectLinked", topic=_topic("ProjectLinked"))
    def _project_linked(self, project: str, previous: str | None, actor: dict[str, str], timestamp: datetime) -> None:
        self.project = project
