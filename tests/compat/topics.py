"""The topics a domain declares: shared by the old database's generator (old code) and its test (current code)."""

from __future__ import annotations

import importlib
import pkgutil

from eventsourcing.domain import Aggregate, CanMutateAggregate

import domain


def declared_topics() -> set[str]:
    """Every topic the domain package declares: its aggregates' and their event classes' (what events name)."""
    for module in pkgutil.walk_packages(domain.__path__, "domain."):
        importlib.import_module(module.name)
    topics: set[str] = set()
    pending = list(Aggregate.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if "TOPIC" in cls.__dict__:
            topics.add(cls.TOPIC)
            topics.update(
                o.TOPIC
                for o in vars(cls).values()
                if isinstance(o, type) and issubclass(o, CanMutateAggregate) and "TOPIC" in o.__dict__
            )
    return topics


def event_topics(topics: set[str] | list[str]) -> set[str]:
    """Those of concrete events: not an aggregate's ('ganxin:Case') nor its base event class's ('….Event')."""
    return {t for t in topics if "." in t and not t.endswith(".Event")}
