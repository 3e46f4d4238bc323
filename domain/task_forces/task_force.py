"""The task force (工作专班): members, coordination meetings and the problem list they steer."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.registry import NAMESPACE, check_key
from domain.shared.actor import Actor
from domain.shared.dates import check_day
from domain.shared.errors import InvalidValue, NotAMember, TaskForceDissolved
from domain.shared.text import NAME_MAX, check_text, check_working_days, optional_text

MEETING_LIST_MAX = 100


@dataclass(frozen=True)
class ListedProblem:
    """A case a meeting put on the problem list, with its responsible unit and time limit."""

    case_id: str
    lead_unit: str
    working_days: int
    supporting_units: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeadlineChange:
    """A meeting's new time limit for a case already on the list, counted from the meeting's day."""

    case_id: str
    working_days: int
    reason: str

    def checked(self) -> DeadlineChange:
        """The same change, its time limit and reason checked."""
        return DeadlineChange(
            self.case_id,
            check_working_days(self.working_days, "deadline_changes.working_days"),
            check_text(self.reason, "deadline_changes.reason", "调整时限的理由"),
        )


@dataclass(frozen=True)
class MeetingMinutes:
    """What a coordination meeting (专班调度会) decided; checked before anything is recorded."""

    held_on: date
    attendees: tuple[str, ...]
    decisions: tuple[str, ...]
    listed: tuple[ListedProblem, ...] = ()
    deadline_changes: tuple[DeadlineChange, ...] = ()
    struck_off: tuple[str, ...] = ()
    title: str = ""

    def case_ids(self) -> list[str]:
        """Every case the meeting changed, each once, in the order given."""
        ids = [p.case_id for p in self.listed] + [c.case_id for c in self.deadline_changes] + list(self.struck_off)
        return list(dict.fromkeys(ids))


def check_since_formed(day: date, formed_on: date, field: str, label: str) -> date:
    """A real day, not before the task force was formed."""
    check_day(day, field, label)
    if day < formed_on:
        raise InvalidValue(f"{label} {day} 早于专班成立日期 {formed_on}", field)
    return day


def check_minutes(minutes: MeetingMinutes, formed_on: date, today: date, members: list[str]) -> MeetingMinutes:
    """Attendees present, dated between formation and today, sane list changes by member units."""
    check_since_formed(minutes.held_on, formed_on, "held_on", "会议日期")
    if minutes.held_on > today:
        raise InvalidValue(f"会议日期 {minutes.held_on} 晚于今天（{today}），不能预先记录会议", "held_on")
    attendees = tuple(check_text(a, "attendees", "参会人员", NAME_MAX) for a in minutes.attendees)
    if not attendees:
        raise InvalidValue("调度会至少要有一名参会人员", "attendees")
    decisions = tuple(check_text(d, "decisions", "会议决定") for d in minutes.decisions)
    if len(attendees) > MEETING_LIST_MAX or len(decisions) > MEETING_LIST_MAX:
        raise InvalidValue(f"参会人员和会议决定各不能超过{MEETING_LIST_MAX}条", "attendees")
    for problem in minutes.listed:
        check_working_days(problem.working_days, "listed.working_days")
        for unit in (problem.lead_unit, *problem.supporting_units):
            if unit not in members:
                raise NotAMember(f"单位“{unit}”不是本专班成员单位，不能承担专班问题", "listed.lead_unit")
    changes = tuple(change.checked() for change in minutes.deadline_changes)
    ids = [p.case_id for p in minutes.listed] + [c.case_id for c in changes] + list(minutes.struck_off)
    if len(ids) != len(set(ids)):
        raise InvalidValue("同一问题在一次会议中只能列入、调整时限或销号其中一项", "struck_off")
    if not (decisions or ids):
        raise InvalidValue("请填写会议决定，或列入、调整、销号至少一个问题", "decisions")
    return MeetingMinutes(
        minutes.held_on,
        attendees,
        decisions,
        minutes.listed,
        changes,
        minutes.struck_off,
        optional_text(minutes.title, "title", "会议名称", NAME_MAX),
    )


class TaskForce(Aggregate):
    """A task force led by a district leader, with member units and coordination meetings."""

    TOPIC = "ganxin:TaskForce"

    class Event(Aggregate.Event):
        """Base of task-force events."""

        TOPIC = "ganxin:TaskForce.Event"

    @staticmethod
    def create_id(key: str) -> UUID:
        """One id per task-force code."""
        return uuid5(NAMESPACE, f"task_force:{key}")

    @event("Formed", topic="ganxin:TaskForce.Formed")
    def __init__(
        self,
        key: str,
        name: str,
        leader: str,
        member_units: list[str],
        purpose: str,
        formed_on: date,
        actor: dict[str, str],
        timestamp: datetime,
        project: str = "",
    ) -> None:
        self.key = key
        self.name = name
        self.leader = leader
        self.member_units = list(member_units)
        self.purpose = purpose
        self.formed_on = formed_on
        self.project = project
        self.meetings: list[dict[str, Any]] = []
        self.dissolved_on: date | None = None

    @classmethod
    def form(
        cls,
        key: str,
        name: str,
        leader: str,
        member_units: list[str],
        purpose: str,
        formed_on: date,
        actor: Actor,
        at: datetime,
        project: str = "",
    ) -> TaskForce:
        """Form a task force after checking its details."""
        return cls(
            key=check_key(key, "key", "专班"),
            name=check_text(name, "name", "专班名称", NAME_MAX),
            leader=check_text(leader, "leader", "专班负责人", NAME_MAX),
            member_units=list(dict.fromkeys(member_units)),
            purpose=optional_text(purpose, "purpose", "专班任务"),
            formed_on=check_day(formed_on, "formed_on", "成立日期"),
            actor=actor.as_dict(),
            timestamp=at,
            project=check_key(project, "project", "项目") if project else "",
        )

    def check_active(self) -> None:
        """A dissolved task force takes no more changes."""
        if self.dissolved_on is not None:
            raise TaskForceDissolved(f"专班“{self.name}”已于 {self.dissolved_on} 撤销")

    def add_member(self, unit: str, actor: Actor, at: datetime) -> None:
        """A unit joins the task force."""
        self.check_active()
        if unit in self.member_units:
            raise InvalidValue(f"单位“{unit}”已是本专班成员单位", "unit")
        self._member_added(unit=unit, actor=actor.as_dict(), timestamp=at)

    @event("MemberAdded", topic="ganxin:TaskForce.MemberAdded")
    def _member_added(self, unit: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.member_units.append(unit)

    def remove_member(self, unit: str, reason: str, actor: Actor, at: datetime) -> None:
        """A unit leaves the task force (its cases stay where they are)."""
        self.check_active()
        if unit not in self.member_units:
            raise NotAMember(f"单位“{unit}”不是本专班成员单位", "unit")
        self._member_removed(
            unit=unit, reason=check_text(reason, "reason", "调整理由"), actor=actor.as_dict(), timestamp=at
        )

    @event("MemberRemoved", topic="ganxin:TaskForce.MemberRemoved")
    def _member_removed(self, unit: str, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.member_units.remove(unit)

    def change_leader(self, leader: str, reason: str, actor: Actor, at: datetime) -> None:
        """Another leader takes charge."""
        self.check_active()
        leader = check_text(leader, "leader", "专班负责人", NAME_MAX)
        if leader == self.leader:
            raise InvalidValue(f"“{leader}”已是本专班负责人", "leader")
        self._leader_changed(
            leader=leader, reason=check_text(reason, "reason", "调整理由"), actor=actor.as_dict(), timestamp=at
        )

    @event("LeaderChanged", topic="ganxin:TaskForce.LeaderChanged")
    def _leader_changed(self, leader: str, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.leader = leader

    def hold_meeting(self, minutes: MeetingMinutes, today: date, actor: Actor, at: datetime) -> int:
        """Record a coordination meeting; return its number (第N次调度会)."""
        self.check_active()
        minutes = check_minutes(minutes, self.formed_on, today, self.member_units)
        number = len(self.meetings) + 1
        self._meeting_held(
            number=number,
            held_on=minutes.held_on,
            title=minutes.title or f"第{number}次专班调度会",
            attendees=list(minutes.attendees),
            decisions=list(minutes.decisions),
            listed=[asdict(p) | {"supporting_units": list(p.supporting_units)} for p in minutes.listed],
            deadline_changes=[asdict(c) for c in minutes.deadline_changes],
            struck_off=list(minutes.struck_off),
            actor=actor.as_dict(),
            timestamp=at,
        )
        return number

    @event("MeetingHeld", topic="ganxin:TaskForce.MeetingHeld")
    def _meeting_held(
        self,
        number: int,
        held_on: date,
        title: str,
        attendees: list[str],
        decisions: list[str],
        listed: list[dict[str, Any]],
        deadline_changes: list[dict[str, Any]],
        struck_off: list[str],
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.meetings.append(
            {
                "number": number,
                "held_on": held_on,
                "title": title,
                "attendees": attendees,
                "decisions": decisions,
                "listed": listed,
                "deadline_changes": deadline_changes,
                "struck_off": struck_off,
            }
        )

    def dissolve(self, on: date, summary: str, actor: Actor, at: datetime) -> None:
        """The task force finished its work (with a summary of what it achieved)."""
        self.check_active()
        self._dissolved(
            dissolved_on=check_since_formed(on, self.formed_on, "dissolved_on", "撤销日期"),
            summary=check_text(summary, "summary", "工作总结"),
            actor=actor.as_dict(),
            timestamp=at,
        )

    @event("Dissolved", topic="ganxin:TaskForce.Dissolved")
    def _dissolved(self, dissolved_on: date, summary: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.dissolved_on = dissolved_on
        self.summary = summary
