"""The registries cases point at: enterprises and responsible units (task forces: domain/task_forces/task_force.py)."""

from __future__ import annotations

from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.registry.uscc import check_credit_code
from domain.shared.actor import Actor
from domain.shared.errors import InvalidValue
from domain.shared.text import NAME_MAX, check_text, optional_text
from domain.shared.vocabulary import STREETS

NAMESPACE = uuid5(NAMESPACE_URL, "https://ganxin.example/registry")
UNIT_KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_-")
KEY_MAX = 40


def check_key(key: str, field: str, label: str) -> str:
    """A short lower-case code such as 'zhujian' used in API fields and history."""
    key = (key or "").strip()
    if not key or len(key) > KEY_MAX or not set(key) <= UNIT_KEY_CHARS:
        raise InvalidValue(f"{label}代码只能由小写字母、数字、-、_ 组成（1至{KEY_MAX}位）", field)
    return key


def check_street(street: str, field: str = "street") -> str:
    """One of the district's streets."""
    if not (street or "").strip():
        raise InvalidValue("请选择所在街道", field)
    if street not in STREETS:
        raise InvalidValue(f"未知的街道“{street}”，可选：{'、'.join(STREETS)}", field)
    return street


class Enterprise(Aggregate):
    """An enterprise, identified by its unified social credit code."""

    TOPIC = "ganxin:Enterprise"

    class Event(Aggregate.Event):
        """Base of enterprise events."""

        TOPIC = "ganxin:Enterprise.Event"

    @staticmethod
    def create_id(uscc: str) -> UUID:
        """One id per credit code, so the same enterprise cannot be registered twice."""
        return uuid5(NAMESPACE, f"enterprise:{uscc}")

    @event("Registered", topic="ganxin:Enterprise.Registered")
    def __init__(
        self,
        uscc: str,
        name: str,
        street: str,
        industry: str,
        tags: list[str],
        actor: dict[str, str],
        timestamp: datetime,
    ) -> None:
        self.uscc = uscc
        self.name = name
        self.street = street
        self.industry = industry
        self.tags = list(tags)

    @classmethod
    def register(
        cls, uscc: str, name: str, street: str, industry: str, tags: list[str], actor: Actor, at: datetime
    ) -> Enterprise:
        """Register a new enterprise after checking its code and details."""
        code = check_credit_code(uscc).code
        name = check_text(name, "enterprise_name", "企业名称", NAME_MAX)
        street = check_street(street)
        industry = optional_text(industry, "industry", "所属行业", NAME_MAX)
        clean_tags = [check_text(t, "tags", "企业标签", 40) for t in tags]
        return cls(
            uscc=code, name=name, street=street, industry=industry, tags=clean_tags, actor=actor.as_dict(), timestamp=at
        )


class Unit(Aggregate):
    """A responsible unit (责任单位): a bureau, office or street that must act."""

    TOPIC = "ganxin:Unit"

    class Event(Aggregate.Event):
        """Base of unit events."""

        TOPIC = "ganxin:Unit.Event"

    @staticmethod
    def create_id(key: str) -> UUID:
        """One id per unit code."""
        return uuid5(NAMESPACE, f"unit:{key}")

    @event("Registered", topic="ganxin:Unit.Registered")
    def __init__(
        self, key: str, name: str, short_name: str, head: str, actor: dict[str, str], timestamp: datetime
    ) -> None:
        self.key = key
        self.name = name
        self.short_name = short_name
        self.head = head

    @classmethod
    def register(cls, key: str, name: str, short_name: str, head: str, actor: Actor, at: datetime) -> Unit:
        """Register a unit after checking its code and names."""
        return cls(
            key=check_key(key, "key", "单位"),
            name=check_text(name, "name", "单位名称", NAME_MAX),
            short_name=optional_text(short_name, "short_name", "单位简称", NAME_MAX) or name,
            head=optional_text(head, "head", "单位负责人", NAME_MAX),
            actor=actor.as_dict(),
            timestamp=at,
        )
