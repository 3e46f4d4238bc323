"""The 中梗阻 measures, their names and weights, and the numbers a unit or handler is given."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from application.accountability.ports import Fact

# The measures in the order the report shows them, with their Chinese names.
MEASURES = {
    "received": "收到交办",
    "accepted_late": "超时签收",
    "not_accepted": "逾期未签收",
    "returned": "退回",
    "transferred": "被转出",
    "ping_pong": "来回推诿",
    "overdue": "超期",
    "extensions": "申请延期",
    "stalled": "停滞",
    "reminders": "被催办",
    "escalations": "被提级",
    "reopened": "办结后重新办理",
    "dissatisfied": "不满意评价",
    "cannot_do": "登记不能办",
}
HANDLER_MEASURES = ("accepted", "accepted_late", "returned", "extensions", "resolved", "reopened", "dissatisfied")
HANDLER_LABELS = {"accepted": "签收", "resolved": "办结"}
# The ranking score: what weighs most is what the enterprise suffered from (see README).
WEIGHTS = {
    "reopened": 3,
    "dissatisfied": 3,
    "ping_pong": 3,
    "returned": 2,
    "transferred": 2,
    "overdue": 2,
    "escalations": 2,
    "not_accepted": 2,
    "accepted_late": 1,
    "stalled": 1,
    "reminders": 1,
    "extensions": 1,
}
HOW_ENDED = {
    "transferred": "转办他单位",
    "returned": "退回",
    "reassigned": "改派他单位",
    "resolved": "办结",
    "cannot_do": "登记不能办",
    "closed": "销号",
    "": "仍在手",
}


@dataclass(frozen=True)
class Entry:
    """One case behind a number, with the events it rests on and, for time measures, the working days."""

    case_id: UUID
    facts: tuple[Fact, ...]
    working_days: int | None = None


@dataclass(frozen=True)
class HoldingRow:
    """A unit's spell as lead unit of a case, in working days."""

    case_id: UUID
    unit: str
    start: Fact
    end: Fact | None
    how_ended: str
    accepted: Fact | None
    working_days: int


@dataclass
class HandlerStats:
    """One person's part in a unit's numbers."""

    unit: str
    user_id: str
    name: str
    entries: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class UnitStats:
    """A unit's numbers, the cases and events behind each, its holdings and its handlers."""

    unit: str
    entries: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    holdings: list[HoldingRow] = field(default_factory=list)
    handlers: dict[str, HandlerStats] = field(default_factory=dict)
    rank: int = 0

    def count(self, measure: str) -> int:
        """How many times the measure occurred."""
        return len(self.entries.get(measure, []))

    def working_days(self, measure: str) -> int:
        """The working days summed over the measure's entries (overdue, holdings)."""
        return sum(e.working_days or 0 for e in self.entries.get(measure, []))

    @property
    def score(self) -> int:
        """The ranking score: the weighted sum of the measures."""
        return sum(weight * self.count(measure) for measure, weight in WEIGHTS.items())

    @property
    def held_working_days(self) -> int:
        """Working days this unit held cases, all holdings summed."""
        return sum(h.working_days for h in self.holdings)


@dataclass(frozen=True)
class PingPong:
    """A case that went back and forth between units twice or more: the units in order and the moves."""

    case_id: UUID
    units: tuple[str, ...]
    moves: tuple[Fact, ...]
