"""What the findings tests share: the sensitive-read records the store holds."""

from __future__ import annotations

from application.services import Services

READ_TOPIC = "ganxin:SensitiveRead.Recorded"


def sensitive_reads(ganxin: Services) -> list[tuple[str, str, str]]:
    """(reader, resource, subject) of every sensitive read recorded so far, oldest first."""
    notifications = ganxin.store.event_log.recorder.select_notifications(start=None, limit=10_000, topics=[READ_TOPIC])
    events = [ganxin.store.event_log.mapper.to_domain_event(n) for n in notifications]
    return [(e.actor["user_id"], e.resource, e.subject) for e in events]
