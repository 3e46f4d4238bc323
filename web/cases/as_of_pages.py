"""Past views of the pages: a case as it stood at a moment, and the moment banner's parts."""

from __future__ import annotations

from uuid import UUID

from fastapi import Request
from fastapi.responses import HTMLResponse

from application.cases import Moment
from application.services import Services
from application.shared.access import Principal
from web.cases.detail_page import _options
from web.cases.timeline import timeline
from web.templating import render


def render_past_case_page(
    request: Request, services: Services, principal: Principal, case_id: UUID, moment: Moment
) -> HTMLResponse:
    """The case page at a moment: its state and history up to then, a banner, no actions (the past is read only)."""
    detail = services.cases_as_of.case_at(principal, case_id, moment)
    options, names = _options(services, detail.case)
    return render(
        request,
        "case.html",
        {
            "actor": principal.actor,
            "detail": detail,
            "case": detail.case,
            "standing": services.cases_as_of.standing_of_case_at(detail.case, moment),
            "names": names,
            "options": options,
            "actions": [],
            "timeline": timeline(services.cases_as_of.case_history_at(principal, case_id, moment), names),
            "failure": None,
            "past": moment,
            "now_url": f"/cases/{case_id}",
        },
    )
