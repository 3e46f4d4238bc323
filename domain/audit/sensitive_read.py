"""Records of sensitive reads: who looked at which history or report, and when."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from domain.shared.actor import Actor


class SensitiveRead(Aggregate):
    """One reading of a case history or report by an inspector or admin."""

    TOPIC = "ganxin:SensitiveRead"

    class Event(Aggregate.Event):
        """Base of sensitive-read events."""

        TOPIC = "ganxin:SensitiveRead.Event"

    @staticmethod
    def create_id() -> UUID:
        """A fresh random id."""
        return uuid4()

    @event("Recorded", topic="ganxin:SensitiveRead.Recorded")
    def __init__(self, resource: str, subject: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.resource = resource
        self.subject = subject
        self.reader = actor

    @classmethod
    def record(cls, resource: str, subject: str, actor: Actor, at: datetime) -> SensitiveRead:
        """Note that actor read subject (e.g. a case id) of kind resource (e.g. 'case_history')."""
        return cls(resource=resource, subject=subject, actor=actor.as_dict(), timestamp=at)
