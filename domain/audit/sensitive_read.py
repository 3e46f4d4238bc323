"""Records of sensitive reads: who looked at which history or report, and when."""

from __future__ import annotations

from datetime import datetime

from eventsourcing.domain import Aggregate, event

from domain.shared.actor import Actor


class SensitiveRead(Aggregate):
    """One reading of a case history or report by an inspector or admin (with Aggregate's fresh random id)."""

    TOPIC = "ganxin:SensitiveRead"

    class Event(Aggregate.Event):
        """Base of sensitive-read events."""

        TOPIC = "ganxin:SensitiveRead.Event"

    @event("Recorded", topic="ganxin:SensitiveRead.Recorded")
    def __init__(self, resource: str, subject: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.resource = resource
        self.subject = subject
        self.reader = actor

    @classmethod
    def record(cls, resource: str, subject: str, actor: Actor, at: datetime) -> SensitiveRead:
        """Note that actor read subject (e.g. a case id) of kind resource (e.g. 'case_history')."""
        return cls(resource=resource, subject=subject, actor=actor.as_dict(), timestamp=at)
