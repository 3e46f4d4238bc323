"""The case page: the case as it stands, the actions allowed now, and its timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from fastapi import Request
from fastapi.responses import HTMLResponse

from application.cases import Case
from application.services import Services
from application.shared import Disposition, EscalationLevel, Satisfaction
from application.shared.access import Permission, Principal
from web.cases.action_forms import ACTION_FORMS
from web.cases.timeline import Names, timeline
from web.templating import render

CONFLICT_MESSAGE = "该问题已被他人更新，请查看最新情况后重试"


@dataclass(frozen=True)
class ActionFailure:
    """An action that was refused, with what the person had typed."""

    action: str
    message: str
    field: str | None
    values: dict[str, Any] = field(default_factory=dict)


def _levels_above(case: Case) -> list[tuple[str, str]]:
    """Escalation only goes up: the rungs above the case's current one."""
    rank = EscalationLevel(case.escalation_level).rank if case.escalation_level else 0
    return [(level.value, level.label) for level in EscalationLevel if level.rank > rank]


def _options(services: Services, case: Case) -> tuple[dict[str, list[tuple[str, str]]], Names]:
    """What each kind of select offers, and the names of units and task forces."""
    units = services.registry_queries.list_units()
    task_forces = services.registry_queries.list_task_forces()
    options = {
        "units": [(u.key, u.name) for u in units],
        "other_units": [(u.key, u.name) for u in units if u.key != case.lead_unit],
        "task_forces": [(t.key, t.name) for t in task_forces],
        "dispositions": Disposition.choices(),
        "satisfactions": Satisfaction.choices(),
        "levels": _levels_above(case),
    }
    names = Names({u.key: u.name for u in units}, {t.key: t.name for t in task_forces})
    return options, names


def render_case_page(
    request: Request,
    services: Services,
    principal: Principal,
    case_id: UUID,
    *,
    failure: ActionFailure | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The case page; a failed action reopens its form with the message and the typed values."""
    detail = services.case_queries.get_case(principal, case_id)
    options, names = _options(services, detail.case)
    context = {
        "actor": principal.actor,
        "detail": detail,
        "case": detail.case,
        "standing": services.board.standing_of_case(detail.case),
        "names": names,
        "options": options,
        "actions": [ACTION_FORMS[name] for name in detail.actions if name in ACTION_FORMS],
        "timeline": timeline(services.case_queries.case_history(principal, case_id), names)  # admins read no history
        if principal.can(Permission.VIEW_CASE_HISTORY)
        else None,
        "failure": failure,
        "findings": services.finding_queries.findings_citing_case(
            principal, case_id
        ),  # inspectors only; [] for everyone else
    }
    return render(request, "case.html", context, status_code=status_code)
