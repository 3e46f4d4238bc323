"""How unit and enterprise registrations fill rm_units and rm_enterprises."""

from __future__ import annotations

from typing import Any

from infrastructure.projections.engine import Writer, handles


@handles("ganxin:Unit.Registered")
def on_unit_registered(event: Any, writer: Writer) -> None:
    writer.execute(
        "INSERT INTO rm_units (key, name, short_name, head) VALUES (:key, :name, :short_name, :head)",
        {"key": event.key, "name": event.name, "short_name": event.short_name, "head": event.head},
    )


@handles("ganxin:Enterprise.Registered")
def on_enterprise_registered(event: Any, writer: Writer) -> None:
    writer.execute(
        "INSERT INTO rm_enterprises (uscc, name, street, industry, tags) "
        "VALUES (:uscc, :name, :street, :industry, :tags)",
        {
            "uscc": event.uscc,
            "name": event.name,
            "street": event.street,
            "industry": event.industry,
            "tags": list(event.tags),
        },
    )
