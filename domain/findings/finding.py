"""An inspector's finding (问题线索认定): who obstructed, shown by which cases and events, classified how.

Findings are events like everything else: an amendment keeps what it replaced, a withdrawal keeps the
finding, and marking a typical case (典型案例，供通报曝光) is recorded with who decided it and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from domain.shared.actor import Actor
from domain.shared.errors import IllegalTransition, InvalidValue
from domain.shared.text import NAME_MAX, check_text, optional_text

TITLE_MAX = 100
FINDING_TEXT_MAX = 4000
CITATIONS_MAX = 50
VERSIONS_MAX = 100


class FindingWithdrawn(IllegalTransition):
    """The finding was withdrawn; it takes no more changes."""

    code = "finding_withdrawn"


class AlreadyTypical(IllegalTransition):
    """The finding is already (or is not) marked a typical case."""

    code = "typical_unchanged"


@dataclass(frozen=True)
class Citation:
    """A cited case and, optionally, which of its events (by version) show the behaviour."""

    case_id: str
    case_no: str
    versions: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """As the event stores it."""
        return {"case_id": self.case_id, "case_no": self.case_no, "versions": list(self.versions)}


@dataclass(frozen=True)
class Subject:
    """Whom the finding is against: a unit (registry key), a person (account username), or both."""

    unit: str = ""
    person: str = ""
    person_name: str = ""


def check_subject(subject: Subject) -> Subject:
    """At least one of unit and person."""
    unit, person = (subject.unit or "").strip(), (subject.person or "").strip()
    if not (unit or person):
        raise InvalidValue("请指明被认定的单位或个人（至少一项）", "unit")
    return Subject(unit, person, optional_text(subject.person_name, "person", "姓名", NAME_MAX))


def check_citations(citations: list[Citation]) -> list[dict[str, Any]]:
    """One or more cases, each once, each version a positive number, each once."""
    if not citations:
        raise InvalidValue("请至少引用一个问题", "cases")
    if len(citations) > CITATIONS_MAX:
        raise InvalidValue(f"一次认定至多引用{CITATIONS_MAX}个问题", "cases")
    seen: dict[str, Citation] = {}
    for citation in citations:
        if citation.case_id in seen:
            raise InvalidValue(f"问题 {citation.case_no} 被重复引用", "cases")
        if not all(_is_version(v) for v in citation.versions):
            raise InvalidValue("引用的办理记录序号应为正整数", "cases")
        versions = tuple(sorted(set(citation.versions)))
        if len(versions) > VERSIONS_MAX:
            raise InvalidValue(f"每个问题至多引用{VERSIONS_MAX}条办理记录", "cases")
        seen[citation.case_id] = Citation(citation.case_id, citation.case_no, versions)
    return [c.as_dict() for c in seen.values()]


def _is_version(value: object) -> bool:
    """A positive whole number: what a request sent may be anything (JSON's true is no version)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def check_wording(title: str, description: str) -> tuple[str, str]:
    """A title and a description, trimmed, within their limits."""
    return (
        check_text(title, "title", "标题", TITLE_MAX),
        check_text(description, "description", "认定事实", FINDING_TEXT_MAX),
    )


class Finding(Aggregate):
    """A finding against a unit or a person, citing cases and events, under the manifestation list."""

    TOPIC = "ganxin:Finding"
    id: UUID  # may be given (derived from a request's idempotency key); else a fresh random id

    class Event(Aggregate.Event):
        """Base of finding events."""

        TOPIC = "ganxin:Finding.Event"

    @event("Recorded", topic="ganxin:Finding.Recorded")
    def __init__(
        self,
        unit: str,
        person: str,
        person_name: str,
        citations: list[dict[str, Any]],
        field: str,
        behaviours: list[str],
        title: str,
        description: str,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.unit, self.person, self.person_name = unit, person, person_name
        self.citations, self.field, self.behaviours = list(citations), field, list(behaviours)
        self.title, self.description = title, description
        self.recorded_by, self.recorded_at = actor, timestamp
        self.amendments: list[dict[str, Any]] = []  # what each amendment replaced, with its reason
        self.typical = False
        self.typical_note = ""
        self.withdrawn_reason: str | None = None

    @classmethod
    def record(
        cls,
        subject: Subject,
        citations: list[Citation],
        classification: tuple[str, list[str]],
        title: str,
        description: str,
        actor: Actor,
        at: datetime,
        finding_id: UUID | None = None,
    ) -> Finding:
        """Record a finding; the classification was checked against the list by the caller."""
        subject = check_subject(subject)
        title, description = check_wording(title, description)
        return cls(  # type: ignore[call-arg]  # id= is taken by eventsourcing's metaclass, not by __init__
            id=finding_id or uuid4(),
            unit=subject.unit,
            person=subject.person,
            person_name=subject.person_name,
            citations=check_citations(citations),
            field=classification[0],
            behaviours=list(classification[1]),
            title=title,
            description=description,
            actor=actor.as_dict(),
            timestamp=at,
        )

    @property
    def withdrawn(self) -> bool:
        """Whether the finding was withdrawn."""
        return self.withdrawn_reason is not None

    def check_open(self) -> None:
        """A withdrawn finding is kept as it was."""
        if self.withdrawn:
            raise FindingWithdrawn("该认定已撤销，不能再修改")

    def amend(
        self,
        citations: list[Citation],
        classification: tuple[str, list[str]],
        title: str,
        description: str,
        reason: str,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Correct the finding; what it said before stays in its history."""
        self.check_open()
        title, description = check_wording(title, description)
        self._amended(
            citations=check_citations(citations),
            field=classification[0],
            behaviours=list(classification[1]),
            title=title,
            description=description,
            reason=check_text(reason, "reason", "修改理由"),
            actor=actor.as_dict(),
            timestamp=at,
        )

    @event("Amended", topic="ganxin:Finding.Amended")
    def _amended(
        self,
        citations: list[dict[str, Any]],
        field: str,
        behaviours: list[str],
        title: str,
        description: str,
        reason: str,
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.amendments.append(
            {
                "citations": self.citations,
                "field": self.field,
                "behaviours": self.behaviours,
                "title": self.title,
                "description": self.description,
                "reason": reason,
                "by": actor,
                "at": timestamp,
            }
        )
        self.citations, self.field, self.behaviours = list(citations), field, list(behaviours)
        self.title, self.description = title, description

    def mark_typical(self, note: str, actor: Actor, at: datetime) -> None:
        """A typical case for public notice (典型案例，通报曝光)."""
        self.check_open()
        if self.typical:
            raise AlreadyTypical("该认定已列为典型案例")
        self._marked_typical(note=check_text(note, "note", "列为典型案例的说明"), actor=actor.as_dict(), timestamp=at)

    @event("MarkedTypical", topic="ganxin:Finding.MarkedTypical")
    def _marked_typical(self, note: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.typical, self.typical_note = True, note

    def unmark_typical(self, reason: str, actor: Actor, at: datetime) -> None:
        """No longer a typical case (the reason is kept)."""
        self.check_open()
        if not self.typical:
            raise AlreadyTypical("该认定未列为典型案例")
        self._unmarked_typical(reason=check_text(reason, "reason", "取消理由"), actor=actor.as_dict(), timestamp=at)

    @event("UnmarkedTypical", topic="ganxin:Finding.UnmarkedTypical")
    def _unmarked_typical(self, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.typical, self.typical_note = False, ""

    def withdraw(self, reason: str, actor: Actor, at: datetime) -> None:
        """The finding does not stand; it is kept, marked withdrawn, with the reason."""
        self.check_open()
        self._withdrawn(reason=check_text(reason, "reason", "撤销理由"), actor=actor.as_dict(), timestamp=at)

    @event("Withdrawn", topic="ganxin:Finding.Withdrawn")
    def _withdrawn(self, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.withdrawn_reason = reason
        self.typical = False
