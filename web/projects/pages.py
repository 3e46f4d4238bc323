"""The key-project pages (重点项目): the list, my projects, one project's page and the printable handbook."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from application.cases import Moment
from application.projects import ProjectNotYetRegistered
from application.services import Services
from application.shared import DomainError, ProjectKind, SecretaryTier
from application.shared.access import Permission, Principal
from application.shared.errors import NotFound
from web.deps import ServicesDep, page_allow
from web.shared.page_helpers import label_of, not_found, parse_day, past_context, unit_names
from web.templating import render

router = APIRouter()
PROJECT_MISSING = "您要找的项目不存在，可能链接有误。"
YI = 100_000_000  # 亿
WAN = 10_000  # 万


def investment_text(amount_cny: int | None) -> str:
    """Investment as the district writes it: '30亿元', '2.5亿元', '800万元'."""
    if amount_cny is None:
        return "—"
    for unit, name in ((YI, "亿元"), (WAN, "万元")):
        if amount_cny >= unit:
            # Decimal keeps 2.5亿 exact; normalize drops trailing zeros ('30.00' → '30').
            amount = (Decimal(amount_cny) / unit).quantize(Decimal("0.01")).normalize()
            return f"{amount:f}{name}"
    return f"{amount_cny}元"


def _list_context(principal: Principal, services: Services, projects: list, *, mine: bool) -> dict:
    return {
        "actor": principal.actor,
        "projects": projects,
        "mine": mine,
        "kind_label": lambda code: label_of(ProjectKind, code),
        "investment": investment_text,
        "task_forces": {t.key: t.name for t in services.registry_queries.list_task_forces()},
        "today": services.store.today(),
    }


@router.get("/projects", response_class=HTMLResponse, summary="重点项目")
def project_list(
    request: Request,
    services: ServicesDep,
    as_of: str = "",
    principal: Principal = Depends(page_allow(Permission.VIEW_PROJECTS)),
) -> HTMLResponse:
    """Every project the person may read, with its open and total problems (then, with as_of)."""
    moment = past_context(services, as_of)
    projects = (
        services.projects_as_of.project_list_as_of(principal, moment)
        if moment
        else services.project_views.project_list(principal)
    )
    context = {**_list_context(principal, services, projects, mine=False), "past": moment, "now_url": "/projects"}
    return render(request, "projects.html", context)


@router.get("/my-projects", response_class=HTMLResponse, summary="我的项目")
def my_projects(
    request: Request, services: ServicesDep, principal: Principal = Depends(page_allow(Permission.VIEW_PROJECTS))
) -> HTMLResponse:
    """The projects the person serves now as a service secretary."""
    projects = services.project_views.my_projects(principal)
    return render(request, "projects.html", _list_context(principal, services, projects, mine=True))


@router.get("/projects/{key}", response_class=HTMLResponse, summary="项目详情")
def project_page(
    key: str,
    request: Request,
    services: ServicesDep,
    as_of: str = "",
    principal: Principal = Depends(page_allow(Permission.VIEW_PROJECTS)),
) -> Response:
    """One project: its facts, secretaries now and before, milestones against plan and its ledger (then, with as_of)."""
    moment = past_context(services, as_of)
    if moment:
        return render_past_project(request, services, principal, key, moment, PROJECT_MISSING)
    return project_response(request, services, principal, key)


def project_response(
    request: Request,
    services: Services,
    principal: Principal,
    key: str,
    *,
    failure: DomainError | None = None,
    posted: FormData | None = None,
) -> Response:
    """The project's page; with a refused form, its message and what was typed."""
    try:
        view = services.project_views.project_view(principal, key)
    except NotFound:
        return not_found(request, PROJECT_MISSING)
    return render(
        request,
        "project.html",
        {
            **project_context(services, principal, view),
            "can_follow": services.projects.may_follow(principal, key),
            "can_manage": services.projects.may_manage_projects(principal),
            "failure": failure,
            "typed": posted or {},
        },
        status_code=failure.status if failure else 200,
    )


def project_context(services: Services, principal: Principal, view: Any) -> dict[str, Any]:
    """What the project page shows of a view, now or as it stood."""
    forces = {t.key: t.name for t in services.registry_queries.list_task_forces()}
    tiers = [t.value for t in SecretaryTier]
    return {
        "actor": principal.actor,
        "view": view,
        # District first, then department and street, as the handbook lists them.
        "secretaries": sorted(view.secretaries, key=lambda s: tiers.index(s.tier) if s.tier in tiers else len(tiers)),
        "units": unit_names(services),
        "kind_label": label_of(ProjectKind, view.project.kind),
        "tier_label": lambda code: label_of(SecretaryTier, code),
        "tiers": [(t.value, t.label) for t in SecretaryTier],
        "investment": investment_text(view.project.investment_cny),
        "task_force_name": forces.get(view.project.task_force, view.project.task_force),
        "today": services.store.today(),
    }


@router.get("/handbook", response_class=HTMLResponse, summary="项目服务手册")
def handbook(
    request: Request,
    services: ServicesDep,
    as_of: str = "",
    principal: Principal = Depends(page_allow(Permission.VIEW_PROJECTS)),
) -> HTMLResponse:
    """The handbook as a printable page, as it stood at the end of `as_of` (default today)."""
    day = parse_day(as_of, "as_of", "截至日期")
    book = services.ledger.handbook(principal, day)
    pdf_query = f"?{urlencode({'as_of': day.isoformat()})}" if day else ""
    return render(
        request,
        "handbook.html",
        {
            "actor": principal.actor,
            "book": book,
            "as_of": as_of.strip(),
            "investment": investment_text,
            "pdf_url": f"/api/v1/handbook.pdf{pdf_query}",
        },
    )


def render_past_project(
    request: Request, services: Services, principal: Principal, key: str, moment: Moment, missing: str
) -> Response:
    """One project as it stood at the moment: its stage and milestones then, its ledger then, no forms."""
    try:
        view = services.projects_as_of.project_view_as_of(principal, key, moment)
    except ProjectNotYetRegistered as error:
        return not_found(request, error.message)
    except NotFound:
        return not_found(request, missing)
    return render(
        request,
        "project.html",
        {
            **project_context(services, principal, view),
            "can_follow": False,
            "can_manage": False,
            "failure": None,
            "typed": {},
            "past": moment,
            "now_url": f"/projects/{key}",
        },
    )
