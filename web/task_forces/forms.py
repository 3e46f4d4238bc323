"""The task-force lead's page form: a coordination meeting (调度会) with the problem-list changes it made."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import FormData

from application.cases import SEARCH_TEXT_MAX, CaseFilter
from application.services import Services
from application.shared import DomainError, InvalidValue, parse_count
from application.shared.access import Permission, Principal
from application.task_forces import DeadlineChange, ListedProblem, MeetingMinutes
from web.idempotency import form_idempotency_key
from web.shared.page import Posted, post_for
from web.shared.page_helpers import expected_version, parse_case_id, parse_day, saved, text, texts
from web.task_forces.pages import task_force_response

router = APIRouter()


def lines(raw: str) -> tuple[str, ...]:
    """Each non-empty line of a textarea (one attendee or decision per line)."""
    return tuple(line.strip() for line in raw.splitlines() if line.strip())


def case_id_for(services: Services, principal: Principal, typed: str) -> str:
    """The case a lead typed by its number (as on the case list) or id; only cases the lead may see."""
    typed = typed.strip()
    if parse_case_id(typed) is not None:
        return typed
    if len(typed) > SEARCH_TEXT_MAX:
        raise InvalidValue(f"问题编号不能超过{SEARCH_TEXT_MAX}字", "listed_case")
    found = services.case_queries.list_cases(principal, CaseFilter(text=typed, per_page=5)).items
    exact = [c for c in found if c.case_no.lower() == typed.lower()]
    if not exact:
        raise InvalidValue(f"找不到编号为“{typed[:30]}”的问题", "listed_case")
    return str(exact[0].case_id)


def minutes_from(services: Services, principal: Principal, posted: FormData) -> MeetingMinutes:
    """The meeting as typed: the rules themselves are checked by the task force (domain/task_forces/task_force.py)."""
    held_on = parse_day(text(posted, "held_on"), "held_on", "会议日期")
    if held_on is None:
        raise InvalidValue("请填写会议日期", "held_on")
    listed, changes = (), ()
    if text(posted, "listed_case"):
        listed = (
            ListedProblem(
                case_id_for(services, principal, text(posted, "listed_case")),
                text(posted, "listed_unit"),
                parse_count(text(posted, "listed_days"), "listed_days", "办理时限"),
            ),
        )
    if text(posted, "change_case"):
        changes = (
            DeadlineChange(
                text(posted, "change_case"),
                parse_count(text(posted, "change_days"), "change_days", "新的时限"),
                text(posted, "change_reason"),
            ),
        )
    return MeetingMinutes(
        held_on=held_on,
        attendees=lines(text(posted, "attendees")),
        decisions=lines(text(posted, "decisions")),
        listed=listed,
        deadline_changes=changes,
        struck_off=tuple(texts(posted, "struck_off")),
        title=text(posted, "title"),
    )


@router.post("/task-forces/{key}/meetings", summary="记录调度会", dependencies=[Depends(form_idempotency_key)])
def record_meeting(key: str, posted: Annotated[Posted, post_for(Permission.RUN_TASK_FORCES)]) -> Response:
    """Record the meeting and its list changes at once; a refusal shows the form again with what was typed."""
    services, principal = posted.services, posted.principal
    try:
        version = expected_version(posted.form)
        minutes = minutes_from(services, principal, posted.form)
        number = services.task_forces.hold_meeting(principal, key, version, minutes)
    except DomainError as error:
        return task_force_response(posted, key, failure=error, posted=posted.form)
    return saved(posted.request, f"/task-forces/{key}?meeting={number}#meetings-title")
