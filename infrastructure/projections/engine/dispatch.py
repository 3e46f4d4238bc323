"""Which handler projects which event: the registry every area's handlers.py adds itself to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class Writer(Protocol):
    """Runs statements inside the projection's transaction."""

    def execute(self, statement: str, params: dict[str, Any]) -> None:
        """Run one statement written with :name parameters."""
        ...

    def fetch_one(self, statement: str, params: dict[str, Any]) -> Any:
        """The first row of a query, or None."""
        ...


Handler = Callable[[Any, Writer], None]
HANDLERS: dict[str, Handler] = {}
# Per topic prefix: the handler of that aggregate's events that have none of their own.
PREFIX_HANDLERS: dict[str, Handler] = {}
# Read models that look at every event (history, accountability facts) after its own handler ran.
OBSERVERS: list[Handler] = []


def handles(topic: str) -> Callable[[Handler], Handler]:
    """Register a handler for an event topic."""

    def register(handler: Handler) -> Handler:
        HANDLERS[topic] = handler
        return handler

    return register


def handles_the_rest_of(prefix: str) -> Callable[[Handler], Handler]:
    """Register the handler of the events under a topic prefix that no handler of their own claims."""

    def register(handler: Handler) -> Handler:
        PREFIX_HANDLERS[prefix] = handler
        return handler

    return register


def observes_every_event(observer: Handler) -> Handler:
    """Register a handler that sees every event, whatever its topic."""
    OBSERVERS.append(observer)
    return observer


def project(event: Any, writer: Writer) -> None:
    """Apply one event to the tables; events without a handler change nothing."""
    topic = getattr(type(event), "TOPIC", "")
    handler = HANDLERS.get(topic) or next(
        (rest for prefix, rest in PREFIX_HANDLERS.items() if topic.startswith(prefix)), None
    )
    if handler is not None:
        handler(event, writer)
    for observer in OBSERVERS:
        observer(event, writer)
