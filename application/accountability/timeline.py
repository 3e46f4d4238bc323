"""Walking one case's facts in order: who held it when, and the events each unit answers for (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from application.accountability.ports import Fact
from application.shared.clock import local_date

# Events that show a unit working the case; a gap between them of N working days is a stall.
ACTIVITY = frozenset({"Accepted", "ProgressNoted", "ExtensionRequested"})
DEADLINE_SETTERS = frozenset(
    {"Assigned", "BroughtIntoTaskForce", "ExtensionGranted", "DeadlineRecomputed", "DeadlineChanged"}
)
# Events counted against the unit that held the case at the time.
UNIT_EVENTS = {"ReminderRecorded": "reminders", "Escalated": "escalations", "ExtensionRequested": "extensions"}
UNASSIGNED = ""  # the unit key under which a case with no lead unit is counted (e.g. cannot do at once)


@dataclass
class Holding:
    """One spell of a unit as the lead unit of a case, from being given it to letting go (or still holding)."""

    unit: str
    start: Fact
    accepted: Fact | None = None
    end: Fact | None = None
    how_ended: str = ""  # transferred / returned / reassigned / resolved / cannot_do / closed; "" while held
    due_on: date | None = None
    deadline: Fact | None = None
    marks: list[Fact] = field(default_factory=list)  # start and activity, for the stall gaps

    @property
    def start_on(self) -> date:
        """The local day the unit was given the case."""
        return local_date(self.start.at)


@dataclass(frozen=True)
class Occurrence:
    """An event a unit (and perhaps one handler) answers for under one measure."""

    measure: str
    unit: str
    fact: Fact
    handler: tuple[str, str] | None = None  # (user id, name) of the unit's person, when one acted
    related: tuple[Fact, ...] = ()  # e.g. the assignment behind a late acceptance


@dataclass
class CaseWalk:
    """Everything one case's facts say, up to the report's moment."""

    holdings: list[Holding] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)


def _handler(fact: Fact) -> tuple[str, str] | None:
    return (fact.actor_id, fact.actor_name) if fact.actor_role == "unit_handler" else None


class _Walker:
    """The state of one case while its facts are read in order."""

    def __init__(self) -> None:
        self.walk = CaseWalk()
        self.held: Holding | None = None
        self.due_on: date | None = None
        self.deadline: Fact | None = None
        self.resolved: Fact | None = None
        self.lead: str | None = None

    def note(
        self,
        measure: str,
        unit: str | None,
        fact: Fact,
        handler: tuple[str, str] | None = None,
        related: tuple[Fact, ...] = (),
    ) -> None:
        self.walk.occurrences.append(Occurrence(measure, unit or UNASSIGNED, fact, handler, related))

    def give(self, unit: str, fact: Fact) -> None:
        if self.held is not None and self.held.unit == unit:
            return  # the same unit keeps it (a new time limit only)
        self.let_go(fact, "reassigned" if fact.kind != "Transferred" else "transferred")
        self.held = Holding(unit, fact, marks=[fact])
        self.lead = unit
        self.note("received", unit, fact)

    def let_go(self, fact: Fact, how: str) -> None:
        if self.held is None:
            return
        self.held.end, self.held.how_ended = fact, how
        self.held.due_on, self.held.deadline = self.due_on, self.deadline
        self.walk.holdings.append(self.held)
        self.held = None

    def read(self, fact: Fact) -> None:  # noqa: C901, PLR0912 - one branch per kind of event
        kind = fact.kind
        if kind in DEADLINE_SETTERS and fact.due_on is not None:
            self.due_on, self.deadline = fact.due_on, fact
        if kind in ("Assigned", "BroughtIntoTaskForce") and fact.unit:
            self.give(fact.unit, fact)
        elif kind == "Transferred":
            self.note("transferred", fact.from_unit, fact)
            self.give(fact.to_unit or UNASSIGNED, fact)
        elif kind == "Returned":
            self.note("returned", fact.unit, fact, _handler(fact))
            self.let_go(fact, "returned")
            self.lead = None
        elif kind == "Accepted" and self.held is not None:
            self.held.accepted = fact
            self.held.marks.append(fact)
            self.note("accepted", self.held.unit, fact, _handler(fact), (self.held.start,))
        elif kind == "Resolved":
            self.resolved = fact
            self.note("resolved", fact.unit, fact, _handler(fact))
            self.let_go(fact, "resolved")
        elif kind == "FeedbackGiven" and fact.satisfaction == "dissatisfied" and self.resolved is not None:
            self.note("dissatisfied", self.resolved.unit, fact, _handler(self.resolved), (self.resolved,))
        elif kind == "Reopened" and self.resolved is not None:
            self.note("reopened", self.resolved.unit, fact, _handler(self.resolved), (self.resolved,))
            if self.lead:
                # Back to the same unit, which need not accept it again.
                self.held = Holding(self.lead, fact, accepted=fact, marks=[fact])
        elif kind == "RegisteredCannotDo":
            self.note("cannot_do", self.lead, fact)
            self.let_go(fact, "cannot_do")
        elif kind == "Closed":
            self.let_go(fact, "closed")
        if kind in UNIT_EVENTS:
            self.note(
                UNIT_EVENTS[kind],
                self.held.unit if self.held else self.lead,
                fact,
                _handler(fact) if kind == "ExtensionRequested" else None,
            )
        if kind in ACTIVITY - {"Accepted"} and self.held is not None:
            self.held.marks.append(fact)

    def finish(self) -> CaseWalk:
        if self.held is not None:
            self.held.due_on, self.held.deadline = self.due_on, self.deadline
            self.walk.holdings.append(self.held)
        return self.walk


def walk_case(facts: list[Fact]) -> CaseWalk:
    """Holdings and occurrences of one case from its facts (in version order)."""
    walker = _Walker()
    for fact in sorted(facts, key=lambda f: f.version):
        walker.read(fact)
    return walker.finish()


def end_on(holding: Holding, moment: datetime) -> date:
    """The day a holding ended, or the report's as-of day while it is still held.

    The moment is an exclusive cutoff (00:00 of the day after an as-of day), so the as-of day is the day of
    the instant just before it; taking the cutoff's own day would count one working day too many.
    """
    return local_date(holding.end.at if holding.end else moment - timedelta(microseconds=1))
