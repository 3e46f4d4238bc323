"""A Visit: one sitting at which enterprises raised problems; saving it logs their cases."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.shared.actor import Actor
from domain.shared.dates import check_day
from domain.shared.errors import InvalidValue
from domain.shared.text import NAME_MAX, check_text, optional_text

MAX_PROBLEMS = 50


def check_occurred_on(occurred_on: date, today: date) -> date:
    """A sitting happened on a real day, not in the future."""
    check_day(occurred_on, "occurred_on", "发生日期")
    if occurred_on > today:
        raise InvalidValue(f"发生日期 {occurred_on.isoformat()} 晚于今天，不能登记未来的日期", "occurred_on")
    return occurred_on


class Visit(Aggregate):
    """One sitting (visit, salon, hotline call …) with its date, cadres and the cases it raised."""

    TOPIC = "ganxin:Visit"

    class Event(Aggregate.Event):
        """Base of visit events."""

        TOPIC = "ganxin:Visit.Event"

    @event("Recorded", topic="ganxin:Visit.Recorded")
    def __init__(
        self,
        id: UUID,  # noqa: A002 - eventsourcing reads the new aggregate's id from `id`
        channel: str,
        occurred_on: date,
        cadres: list[str],
        enterprise_usccs: list[str],
        case_ids: list[UUID],
        place: str,
        note: str,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.channel = channel
        self.occurred_on = occurred_on
        self.cadres = list(cadres)
        self.enterprise_usccs = list(enterprise_usccs)
        self.case_ids = list(case_ids)
        self.place = place
        self.note = note
        self.logged_by = actor

    @classmethod
    def record(
        cls,
        *,
        visit_id: UUID,
        channel: str,
        occurred_on: date,
        today: date,
        cadres: list[str],
        enterprise_usccs: list[str],
        case_ids: list[UUID],
        place: str,
        note: str,
        actor: Actor,
        at: datetime,
    ) -> Visit:
        """Record a sitting whose cases were logged with it (same save)."""
        if not case_ids:
            raise InvalidValue("请至少填写一个企业反映的问题", "problems")
        if len(case_ids) > MAX_PROBLEMS:
            raise InvalidValue(f"一次最多登记{MAX_PROBLEMS}个问题", "problems")
        names = [check_text(c, "cadres", "参加干部", NAME_MAX) for c in cadres] or [actor.name]
        return cls(
            id=visit_id,
            channel=channel,
            occurred_on=check_occurred_on(occurred_on, today),
            cadres=names,
            enterprise_usccs=sorted(set(enterprise_usccs)),
            case_ids=list(case_ids),
            place=optional_text(place, "place", "地点", NAME_MAX),
            note=optional_text(note, "note", "备注"),
            actor=actor.as_dict(),
            timestamp=at,
        )
