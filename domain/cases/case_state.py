"""What a case's events build up: its fields, and the time-limit bookkeeping several events share."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from domain.shared.vocabulary import CaseStatus as S


class CaseState:
    """The fields of a case (set by its events) and what they say; Case adds the commands and events."""

    @staticmethod
    def create_id() -> UUID:
        """A fresh random id."""
        return uuid4()

    def _start_state(self, logged_by: dict[str, str]) -> None:
        """The fields of a case just logged, beyond the problem its Logged event names."""
        self.logged_by = logged_by
        self.status = S.LOGGED
        self.disposition: str | None = None
        self.disposition_reason = ""
        self.lead_unit: str | None = None
        self.supporting_units: list[str] = []
        self.task_force: str | None = None
        self.working_days: int | None = None
        self.deadline_start_on: date | None = None
        self.extension_days: list[int] = []
        self.due_on: date | None = None
        self.original_due_on: date | None = None
        self.deadline_provisional = False
        self.pending_extension: dict[str, Any] | None = None
        self.escalation_level: str | None = None
        self.reminder_keys: list[str] = []
        self.resolution = ""
        self.resolved_at: datetime | None = None
        self.satisfaction: str | None = None
        self.feedback_comment = ""
        self.cannot_do_reason = ""
        self.project: str | None = None
        self.latest_progress = ""

    @property
    def is_open(self) -> bool:
        """Not yet closed or registered as cannot-do."""
        return self.status not in (S.CLOSED, S.CANNOT_DO)

    def _set_time_limit(self, working_days: int, due_on: date, provisional: bool, start_on: date) -> None:
        """A new time limit replaces the old one and any extensions granted on it."""
        self.working_days = working_days
        self.deadline_start_on = start_on
        self.extension_days = []
        self.due_on = due_on
        self.original_due_on = due_on
        self.deadline_provisional = provisional
        self.pending_extension = None

    def _hand_to(self, lead_unit: str, supporting_units: list[str], task_force: str | None) -> None:
        """The units (and task force) working the case from now on."""
        self.lead_unit = lead_unit
        self.supporting_units = list(supporting_units)
        self.task_force = task_force

    def _apply_return(self) -> None:
        """Back with the dispatcher: no unit leads it, no request is pending."""
        self.status = S.RETURNED
        self.lead_unit = None
        self.pending_extension = None

    def _apply_transfer(self, to_unit: str) -> None:
        """Another unit leads (and stops supporting); it has to accept the case first."""
        self.status = S.ASSIGNED
        self.lead_unit = to_unit
        self.supporting_units = [u for u in self.supporting_units if u != to_unit]
        self.pending_extension = None

    def _apply_extension(self, working_days: int, due_on: date, provisional: bool) -> None:
        """The granted working days move the due day; the request is settled."""
        self.due_on = due_on
        self.deadline_provisional = provisional
        self.extension_days = [*self.extension_days, working_days]
        self.pending_extension = None

    def _apply_recomputed_deadline(self, due_on: date, original_due_on: date, provisional: bool) -> None:
        """The same time limit counted by a newly published schedule."""
        self.due_on = due_on
        self.original_due_on = original_due_on
        self.deadline_provisional = provisional

    def _apply_resolution(self, resolution: str, at: datetime) -> None:
        """Resolved now: any earlier rating and pending request no longer stand."""
        self.status = S.RESOLVED
        self.resolved_at = at
        self.resolution = resolution
        self.satisfaction = None
        self.feedback_comment = ""
        self.pending_extension = None

    def _apply_feedback(self, satisfaction: str, comment: str) -> None:
        """The enterprise's rating of the resolution."""
        self.satisfaction = satisfaction
        self.feedback_comment = comment

    def _apply_reopening(self) -> None:
        """Not really solved: the case is worked again and no longer counts as resolved."""
        self.status = S.REOPENED
        self.resolved_at = None

    def _apply_cannot_do(self, reason: str) -> None:
        """Registered as cannot-do: the case ends here."""
        self.status = S.CANNOT_DO
        self.cannot_do_reason = reason
        self.pending_extension = None
