"""How task-force, project and service-star events change the read-model tables."""

from __future__ import annotations

from typing import Any

from infrastructure.projections.engine import Writer, handles, read_json


def _key(table: str, event: Any, writer: Writer) -> str:
    """The code of the task force or project an event belongs to (events carry only its id)."""
    return writer.fetch_one(f"SELECT key FROM {table} WHERE id = :id", {"id": event.originator_id})["key"]


def _update(table: str, event: Any, writer: Writer, **columns: Any) -> str:
    """Set columns and the version on the row of the event's aggregate; return its code."""
    sets = "".join(f", {column} = :{column}" for column in columns)
    writer.execute(
        f"UPDATE {table} SET version = :version{sets} WHERE id = :id",
        {"version": event.originator_version, "id": event.originator_id, **columns},
    )
    return _key(table, event, writer)


# --- task forces ---------------------------------------------------------------------------------
@handles("ganxin:TaskForce.Formed")
def on_task_force_formed(event: Any, writer: Writer) -> None:
    writer.execute(
        "INSERT INTO rm_task_forces (key, id, name, leader, member_units, purpose, formed_on, project, "
        "dissolved_on, summary, meetings, version) VALUES (:key, :id, :name, :leader, :members, :purpose, "
        ":formed_on, :project, NULL, '', 0, :version)",
        {
            "key": event.key,
            "id": event.originator_id,
            "name": event.name,
            "leader": event.leader,
            "members": list(event.member_units),
            "purpose": event.purpose,
            "formed_on": event.formed_on,
            "project": getattr(event, "project", ""),
            "version": event.originator_version,
        },
    )


def _members(event: Any, writer: Writer) -> list[str]:
    row = writer.fetch_one("SELECT member_units FROM rm_task_forces WHERE id = :id", {"id": event.originator_id})
    return list(read_json(row["member_units"]))


@handles("ganxin:TaskForce.MemberAdded")
def on_member_added(event: Any, writer: Writer) -> None:
    _update("rm_task_forces", event, writer, member_units=[*_members(event, writer), event.unit])


@handles("ganxin:TaskForce.MemberRemoved")
def on_member_removed(event: Any, writer: Writer) -> None:
    _update("rm_task_forces", event, writer, member_units=[u for u in _members(event, writer) if u != event.unit])


@handles("ganxin:TaskForce.LeaderChanged")
def on_leader_changed(event: Any, writer: Writer) -> None:
    _update("rm_task_forces", event, writer, leader=event.leader)


@handles("ganxin:TaskForce.Dissolved")
def on_dissolved(event: Any, writer: Writer) -> None:
    _update("rm_task_forces", event, writer, dissolved_on=event.dissolved_on, summary=event.summary)


@handles("ganxin:TaskForce.MeetingHeld")
def on_meeting_held(event: Any, writer: Writer) -> None:
    key = _update("rm_task_forces", event, writer, meetings=event.number)
    writer.execute(
        "INSERT INTO rm_meetings (task_force, number, held_on, title, attendees, decisions, listed, "
        "deadline_changes, struck_off, recorded_at, recorded_by) VALUES (:key, :number, :held_on, :title, "
        ":attendees, :decisions, :listed, :changes, :struck_off, :at, :by)",
        {
            "key": key,
            "number": event.number,
            "held_on": event.held_on,
            "title": event.title,
            "attendees": list(event.attendees),
            "decisions": list(event.decisions),
            "listed": list(event.listed),
            "changes": list(event.deadline_changes),
            "struck_off": list(event.struck_off),
            "at": event.timestamp,
            "by": event.actor["name"],
        },
    )


# --- key projects --------------------------------------------------------------------------------
@handles("ganxin:KeyProject.Registered")
def on_project_registered(event: Any, writer: Writer) -> None:
    writer.execute(
        "INSERT INTO rm_projects (key, id, kind, name, enterprise_uscc, park, investment_cny, stage, task_force, "
        "version, registered_at) VALUES (:key, :id, :kind, :name, :uscc, :park, :investment, :stage, :task_force, "
        ":version, :at)",
        {
            "key": event.key,
            "id": event.originator_id,
            "kind": event.kind,
            "name": event.name,
            "uscc": event.enterprise_uscc,
            "park": event.park,
            "investment": event.investment_cny,
            "stage": event.stage,
            "task_force": event.task_force,
            "version": event.originator_version,
            "at": event.timestamp,
        },
    )


@handles("ganxin:KeyProject.StageChanged")
def on_stage_changed(event: Any, writer: Writer) -> None:
    _update("rm_projects", event, writer, stage=event.stage)


def _insert_tenure(key: str, event: Any, writer: Writer) -> None:
    writer.execute(
        "INSERT INTO rm_secretaries (project, tier, secretary_id, name, unit, phone, since, until) "
        "VALUES (:project, :tier, :secretary_id, :name, :unit, :phone, :since, NULL)",
        {
            "project": key,
            "tier": event.tier,
            "secretary_id": event.secretary_id,
            "name": event.name,
            "unit": event.unit,
            "phone": event.phone,
            "since": event.since,
        },
    )


@handles("ganxin:KeyProject.SecretaryAppointed")
def on_secretary_appointed(event: Any, writer: Writer) -> None:
    _insert_tenure(_update("rm_projects", event, writer), event, writer)


@handles("ganxin:KeyProject.SecretaryReplaced")
def on_secretary_replaced(event: Any, writer: Writer) -> None:
    key = _update("rm_projects", event, writer)
    writer.execute(
        "UPDATE rm_secretaries SET until = :until WHERE project = :project AND tier = :tier AND until IS NULL",
        {"until": event.since, "project": key, "tier": event.tier},
    )
    _insert_tenure(key, event, writer)


@handles("ganxin:KeyProject.MilestonePlanned")
def on_milestone_planned(event: Any, writer: Writer) -> None:
    key = _update("rm_projects", event, writer)
    count = writer.fetch_one("SELECT COUNT(*) AS n FROM rm_milestones WHERE project = :project", {"project": key})
    writer.execute(
        "INSERT INTO rm_milestones (project, name, planned_on, first_planned_on, achieved_on, replans, position) "
        "VALUES (:project, :name, :planned_on, :planned_on, NULL, 0, :position)",
        {"project": key, "name": event.name, "planned_on": event.planned_on, "position": count["n"]},
    )


def _change_milestone(event: Any, writer: Writer, sets: str, **values: Any) -> None:
    key = _update("rm_projects", event, writer)
    writer.execute(
        f"UPDATE rm_milestones SET {sets} WHERE project = :project AND name = :name",
        {**values, "project": key, "name": event.name},
    )


@handles("ganxin:KeyProject.MilestoneReplanned")
def on_milestone_replanned(event: Any, writer: Writer) -> None:
    _change_milestone(event, writer, "planned_on = :planned_on, replans = replans + 1", planned_on=event.planned_on)


@handles("ganxin:KeyProject.MilestoneAchieved")
def on_milestone_achieved(event: Any, writer: Writer) -> None:
    _change_milestone(event, writer, "achieved_on = :achieved_on", achieved_on=event.achieved_on)


# --- service stars -------------------------------------------------------------------------------
@handles("ganxin:StarAward.StarsChosen")
def on_stars_chosen(event: Any, writer: Writer) -> None:
    writer.execute(
        "INSERT INTO rm_star_awards (period_start, period_end, stars, note, chosen_by, chosen_at) "
        "VALUES (:start, :end, :stars, :note, :by, :at)",
        {
            "start": event.start,
            "end": event.end,
            "stars": list(event.stars),
            "note": event.note,
            "by": event.actor["name"],
            "at": event.timestamp,
        },
    )
