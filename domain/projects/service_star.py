"""The bimonthly service star (双月项目服务之星): the documented score and the leader's choice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.registry import NAMESPACE
from domain.shared.actor import Actor
from domain.shared.dates import check_day
from domain.shared.errors import InvalidValue
from domain.shared.text import NAME_MAX, check_text, optional_text

# The weights of the score; README "Service star" explains them. Changing them changes every ranking.
WEIGHTS = {
    "logged": 1.0,
    "resolved": 3.0,
    "on_time_share": 20.0,
    "satisfaction_share": 20.0,
    "milestones_met": 5.0,
    "average_days": -0.5,
}
MAX_STARS = 10
PERIOD_MAX_DAYS = 366  # a ranking period spans at most a year


@dataclass(frozen=True)
class Period:
    """A ranking period, both days included (normally two calendar months)."""

    start: date
    end: date

    @classmethod
    def of(cls, start: date, end: date) -> Period:
        """A checked period: it cannot end before it starts, nor span more than a year."""
        check_day(start, "start", "统计期开始日期")
        check_day(end, "end", "统计期结束日期")
        if end < start:
            raise InvalidValue(f"统计期结束日期 {end} 早于开始日期 {start}", "end")
        if (end - start).days > PERIOD_MAX_DAYS:
            raise InvalidValue("统计期不能超过一年", "end")
        return cls(start, end)

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class Measures:
    """What one secretary's projects achieved in a period, counted from events."""

    logged: int  # problems logged on their projects
    resolved: int  # problems resolved
    resolved_on_time: int  # of those, resolved by their deadline
    rated: int  # resolutions the enterprise rated
    satisfied: int  # rated satisfied or basically satisfied
    working_days_to_resolve: int  # summed over the resolved problems
    milestones_met: int  # milestones achieved on or before their plan

    @property
    def on_time_share(self) -> float:
        """Resolved on time / resolved (0 when nothing was resolved)."""
        return self.resolved_on_time / self.resolved if self.resolved else 0.0

    @property
    def satisfaction_share(self) -> float:
        """(Basically) satisfied / rated (0 when nothing was rated)."""
        return self.satisfied / self.rated if self.rated else 0.0

    @property
    def average_days(self) -> float:
        """Average working days from logging to resolution (0 when nothing was resolved)."""
        return self.working_days_to_resolve / self.resolved if self.resolved else 0.0


def score_parts(m: Measures) -> dict[str, float]:
    """Each measure's contribution to the score, rounded to two decimals."""
    values = {
        "logged": m.logged,
        "resolved": m.resolved,
        "on_time_share": m.on_time_share,
        "satisfaction_share": m.satisfaction_share,
        "milestones_met": m.milestones_met,
        "average_days": m.average_days,
    }
    return {name: round(WEIGHTS[name] * value, 2) + 0.0 for name, value in values.items()}  # + 0.0: no -0.0


def score(m: Measures) -> float:
    """The documented score: the sum of the weighted measures, two decimals."""
    return round(sum(score_parts(m).values()), 2)


class StarAward(Aggregate):
    """The stars the leader chose for one period (one award per period)."""

    TOPIC = "ganxin:StarAward"

    class Event(Aggregate.Event):
        """Base of award events."""

        TOPIC = "ganxin:StarAward.Event"

    @staticmethod
    def create_id(start: date, end: date) -> UUID:
        """One award per period (the library calls this with the Chosen event's start and end)."""
        return uuid5(NAMESPACE, f"star_award:{start}:{end}")

    @event("StarsChosen", topic="ganxin:StarAward.StarsChosen")
    def __init__(
        self, start: date, end: date, stars: list[dict[str, Any]], note: str, actor: dict[str, str], timestamp: datetime
    ) -> None:
        self.start = start
        self.end = end
        self.stars = list(stars)
        self.note = note

    @classmethod
    def choose(cls, period: Period, stars: list[dict[str, Any]], note: str, actor: Actor, at: datetime) -> StarAward:
        """Record the chosen stars, each with the score the ranking showed when they were chosen."""
        if not stars:
            raise InvalidValue("请至少选择一名服务之星", "stars")
        if len(stars) > MAX_STARS:
            raise InvalidValue(f"每期服务之星不超过{MAX_STARS}名", "stars")
        ids = [s["secretary_id"] for s in stars]
        if len(ids) != len(set(ids)):
            raise InvalidValue("同一名秘书不能重复入选", "stars")
        clean = [
            {
                "secretary_id": s["secretary_id"],
                "name": check_text(s["name"], "stars", "秘书姓名", NAME_MAX),
                "score": float(s["score"]),
            }
            for s in stars
        ]
        return cls(
            start=period.start,
            end=period.end,
            stars=clean,
            note=optional_text(note, "note", "评选说明"),
            actor=actor.as_dict(),
            timestamp=at,
        )
