"""How finding and manifestation-list events change the read-model tables."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from infrastructure.projections.engine import Writer, handles


# --- the manifestation list ----------------------------------------------------------------------
def _insert_item(item: dict, writer: Writer) -> None:
    count = writer.fetch_one("SELECT COUNT(*) AS n FROM rm_manifestations", {})
    writer.execute(
        "INSERT INTO rm_manifestations (key, kind, label, retired, position) VALUES (:key, :kind, :label, :no, :pos)",
        {"key": item["key"], "kind": item["kind"], "label": item["label"], "no": False, "pos": count["n"]},
    )


@handles("ganxin:ManifestationTaxonomy.Seeded")
def on_taxonomy_seeded(event: Any, writer: Writer) -> None:
    for item in event.items:
        _insert_item(item, writer)


@handles("ganxin:ManifestationTaxonomy.ItemAdded")
def on_item_added(event: Any, writer: Writer) -> None:
    _insert_item({"key": event.key, "kind": event.kind, "label": event.label}, writer)


@handles("ganxin:ManifestationTaxonomy.ItemRenamed")
def on_item_renamed(event: Any, writer: Writer) -> None:
    writer.execute(
        "UPDATE rm_manifestations SET label = :label WHERE key = :key", {"label": event.label, "key": event.key}
    )


@handles("ganxin:ManifestationTaxonomy.ItemRetired")
def on_item_retired(event: Any, writer: Writer) -> None:
    writer.execute("UPDATE rm_manifestations SET retired = :yes WHERE key = :key", {"yes": True, "key": event.key})


# --- findings ------------------------------------------------------------------------------------
def _cite(event: Any, writer: Writer) -> None:
    """Replace the finding's citations with the ones the event carries."""
    writer.execute("DELETE FROM rm_finding_citations WHERE finding_id = :id", {"id": event.originator_id})
    for position, citation in enumerate(event.citations):
        writer.execute(
            "INSERT INTO rm_finding_citations (finding_id, case_id, case_no, versions, position) "
            "VALUES (:id, :case_id, :case_no, :versions, :position)",
            {
                "id": event.originator_id,
                "case_id": UUID(str(citation["case_id"])),
                "case_no": citation["case_no"],
                "versions": list(citation["versions"]),
                "position": position,
            },
        )


def _update(event: Any, writer: Writer, **columns: Any) -> None:
    sets = "".join(f", {column} = :{column}" for column in columns)
    writer.execute(
        f"UPDATE rm_findings SET version = :version{sets} WHERE finding_id = :id",
        {"version": event.originator_version, "id": event.originator_id, **columns},
    )


@handles("ganxin:Finding.Recorded")
def on_finding_recorded(event: Any, writer: Writer) -> None:
    writer.execute(
        "INSERT INTO rm_findings (finding_id, title, unit, person, person_name, field, behaviours, typical, "
        "withdrawn, recorded_at, recorded_by, version) VALUES (:id, :title, :unit, :person, :person_name, :field, "
        ":behaviours, :no, :no, :at, :by, :version)",
        {
            "id": event.originator_id,
            "title": event.title,
            "unit": event.unit,
            "person": event.person,
            "person_name": event.person_name,
            "field": event.field,
            "behaviours": list(event.behaviours),
            "no": False,
            "at": event.timestamp,
            "by": event.actor["name"],
            "version": event.originator_version,
        },
    )
    _cite(event, writer)


@handles("ganxin:Finding.Amended")
def on_finding_amended(event: Any, writer: Writer) -> None:
    _update(event, writer, title=event.title, field=event.field, behaviours=list(event.behaviours))
    _cite(event, writer)


@handles("ganxin:Finding.MarkedTypical")
def on_marked_typical(event: Any, writer: Writer) -> None:
    _update(event, writer, typical=True)


@handles("ganxin:Finding.UnmarkedTypical")
def on_unmarked_typical(event: Any, writer: Writer) -> None:
    _update(event, writer, typical=False)


@handles("ganxin:Finding.Withdrawn")
def on_finding_withdrawn(event: Any, writer: Writer) -> None:
    _update(event, writer, typical=False, withdrawn=True)
