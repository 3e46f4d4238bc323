"""How case events change rm_cases and rm_case_units (the same for SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from application.cases import case_number
from application.shared.clock import local_date
from domain.shared.vocabulary import CaseStatus as S
from infrastructure.projections.engine import Writer, handles, handles_the_rest_of

# Case events that change the status column, and to what.
STATUS_AFTER = {
    "Assigned": S.ASSIGNED,
    "Accepted": S.ACCEPTED,
    "Returned": S.RETURNED,
    "Transferred": S.ASSIGNED,
    "Resolved": S.RESOLVED,
    "Reopened": S.REOPENED,
    "Closed": S.CLOSED,
    "RegisteredCannotDo": S.CANNOT_DO,
}


@handles("ganxin:Case.Logged")
def on_case_logged(event: Any, writer: Writer) -> None:
    row = writer.fetch_one(
        "SELECT name, street FROM rm_enterprises WHERE uscc = :uscc", {"uscc": event.enterprise_uscc}
    )
    case_no = case_number(event.originator_id, event.timestamp)
    searchable = " ".join(
        [case_no, event.enterprise_uscc, row["name"] if row else "", event.description, event.request]
    )
    writer.execute(
        "INSERT INTO rm_cases (case_id, case_no, status, channel, category, description, enterprise_uscc, "
        "lead_unit, task_force, due_on, deadline_provisional, logged_at, last_activity_at, version, logged_by, "
        "street, auto_reminders, search_text, latest_note, escalation_reason) VALUES (:case_id, :case_no, :status, "
        ":channel, :category, :description, :uscc, NULL, NULL, NULL, :provisional, :at, :at, :version, :logged_by, "
        ":street, '', :search, '', '')",
        {
            "case_id": event.originator_id,
            "case_no": case_no,
            "status": S.LOGGED.value,
            "channel": event.channel,
            "category": event.category,
            "description": event.description,
            "uscc": event.enterprise_uscc,
            "provisional": False,
            "at": event.timestamp,
            "version": event.originator_version,
            "logged_by": event.actor["user_id"],
            "street": row["street"] if row else "",
            "search": searchable.lower(),
        },
    )


@handles_the_rest_of("ganxin:Case.")
def on_case_changed(event: Any, writer: Writer, **columns: Any) -> None:
    """Touch the case row: new version and activity time, plus any changed columns."""
    name = type(event).__name__
    if name in STATUS_AFTER:
        columns["status"] = STATUS_AFTER[name].value
    sets = "".join(f", {column} = :{column}" for column in columns)
    writer.execute(
        f"UPDATE rm_cases SET version = :version, last_activity_at = :at{sets} WHERE case_id = :case_id",
        {"version": event.originator_version, "at": event.timestamp, "case_id": event.originator_id, **columns},
    )


def _hold(writer: Writer, case_id: Any, unit: str, is_lead: bool) -> None:
    writer.execute(
        "DELETE FROM rm_case_units WHERE case_id = :case_id AND unit = :unit", {"case_id": case_id, "unit": unit}
    )
    writer.execute(
        "INSERT INTO rm_case_units (unit, case_id, is_lead) VALUES (:unit, :case_id, :is_lead)",
        {"unit": unit, "case_id": case_id, "is_lead": is_lead},
    )


def _new_deadline(event: Any) -> dict[str, Any]:
    """A time limit set afresh: its due day is also the original one, and no reminder of it has been sent."""
    return {
        "due_on": event.due_on,
        "original_due_on": event.due_on,
        "deadline_provisional": event.deadline_provisional,
        "auto_reminders": "",
    }


def _release(writer: Writer, case_id: Any, unit: str) -> None:
    writer.execute(
        "DELETE FROM rm_case_units WHERE case_id = :case_id AND unit = :unit", {"case_id": case_id, "unit": unit}
    )


@handles("ganxin:Case.Assigned")
def on_case_assigned(event: Any, writer: Writer, **columns: Any) -> None:
    on_case_changed(
        event, writer, lead_unit=event.lead_unit, task_force=event.task_force, **_new_deadline(event), **columns
    )
    writer.execute("DELETE FROM rm_case_units WHERE case_id = :case_id", {"case_id": event.originator_id})
    _hold(writer, event.originator_id, event.lead_unit, True)
    for unit in event.supporting_units:
        _hold(writer, event.originator_id, unit, False)


@handles("ganxin:Case.Returned")
def on_case_returned(event: Any, writer: Writer) -> None:
    on_case_changed(event, writer, lead_unit=None)
    _release(writer, event.originator_id, event.unit)


@handles("ganxin:Case.Transferred")
def on_case_transferred(event: Any, writer: Writer) -> None:
    on_case_changed(event, writer, lead_unit=event.to_unit)
    _release(writer, event.originator_id, event.from_unit)
    _hold(writer, event.originator_id, event.to_unit, True)


@handles("ganxin:Case.ExtensionGranted")
def on_extension_granted(event: Any, writer: Writer) -> None:
    on_case_changed(event, writer, due_on=event.due_on, deadline_provisional=event.deadline_provisional)


@handles("ganxin:Case.DeadlineRecomputed")
def on_deadline_recomputed(event: Any, writer: Writer) -> None:
    on_case_changed(
        event,
        writer,
        due_on=event.due_on,
        original_due_on=event.original_due_on,
        deadline_provisional=event.deadline_provisional,
    )


@handles("ganxin:Case.Escalated")
def on_escalated(event: Any, writer: Writer) -> None:
    on_case_changed(event, writer, escalation_level=event.level, escalation_reason=event.reason)


@handles("ganxin:Case.ReminderRecorded")
def on_reminder(event: Any, writer: Writer) -> None:
    key = getattr(event, "key", "")
    if not key:
        on_case_changed(event, writer)
        return
    row = writer.fetch_one(
        "SELECT auto_reminders FROM rm_cases WHERE case_id = :case_id", {"case_id": event.originator_id}
    )
    on_case_changed(event, writer, auto_reminders=f"{row['auto_reminders']}{key};")


@handles("ganxin:Case.Resolved")
def on_resolved(event: Any, writer: Writer) -> None:
    on_case_changed(event, writer, resolved_on=local_date(event.timestamp), latest_note=event.resolution)


@handles("ganxin:Case.Reopened")
def on_reopened(event: Any, writer: Writer) -> None:
    on_case_changed(event, writer, resolved_on=None, satisfaction=None, latest_note=f"重新办理：{event.reason}")


@handles("ganxin:Case.ProgressNoted")
def on_progress(event: Any, writer: Writer) -> None:
    on_case_changed(event, writer, latest_note=event.note)


@handles("ganxin:Case.FeedbackGiven")
def on_feedback(event: Any, writer: Writer) -> None:
    on_case_changed(event, writer, satisfaction=event.satisfaction)


@handles("ganxin:Case.Closed")
def on_closed(event: Any, writer: Writer) -> None:
    on_case_changed(event, writer, closed_on=local_date(event.timestamp))


@handles("ganxin:Case.ProjectLinked")
def on_project_linked(event: Any, writer: Writer) -> None:
    on_case_changed(event, writer, project=event.project)


@handles("ganxin:Case.BroughtIntoTaskForce")
def on_brought_into_task_force(event: Any, writer: Writer) -> None:
    row = writer.fetch_one(
        "SELECT status, lead_unit FROM rm_cases WHERE case_id = :case_id", {"case_id": event.originator_id}
    )
    # The same rule as the aggregate: a new lead unit (or a case with none) must accept it afresh.
    moved = row["lead_unit"] != event.lead_unit or row["status"] in (S.LOGGED.value, S.RETURNED.value)
    on_case_assigned(event, writer, status=S.ASSIGNED.value if moved else row["status"])


@handles("ganxin:Case.DeadlineChanged")
def on_deadline_changed(event: Any, writer: Writer) -> None:
    on_case_changed(event, writer, **_new_deadline(event))
