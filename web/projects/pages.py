"""The key-project pages (重点项目): the list, my projects, one project's page and the printable handbook."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from application.cases import Moment
from application.projects import ProjectNotYetRegistered
from application.services import Services
from application.shared import DomainError, ProjectKind, SecretaryTier
from application.shared.access import Permission
from web.shared.page import Page, page_for
from web.shared.page_helpers import label_of, parse_day, past_context, unit_names

router = APIRouter()
Viewer = Annotated[Page, page_for(Permission.VIEW_PROJECTS)]
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


def _list_context(services: Services, projects: list, *, mine: bool) -> dict:
    return {
        "projects": projects,
        "mine": mine,
        "kind_label": lambda code: label_of(ProjectKind, code),
        "investment": investment_text,
        "task_forces": {t.key: t.name for t in services.registry_queries.list_task_forces()},
        "today": services.store.today(),
    }


@router.get("/projects", response_class=HTMLResponse, summary="重点项目")
def project_list(page: Viewer, as_of: str = "") -> HTMLResponse:
    """Every project the person may read, with its open and total problems (then, with as_of)."""
    services, principal = page.services, page.principal
    moment = past_context(services, as_of)
    projects = (
        services.projects_as_of.project_list_as_of(principal, moment)
        if moment
        else services.project_views.project_list(principal)
    )
    context = {**_list_context(services, projects, mine=False), "past": moment, "now_url": "/projects"}
    return page.render("projects.html", context)


@router.get("/my-projects", response_class=HTMLResponse, summary="我的项目")
def my_projects(page: Viewer) -> HTMLResponse:
    """The projects the person serves now as a service secretary."""
    projects = page.services.project_views.my_projects(page.principal)
    return page.render("projects.html", _list_context(page.services, projects, mine=True))


@router.get("/projects/{key}", response_class=HTMLResponse, summary="项目详情")
def project_page(key: str, page: Viewer, as_of: str = "") -> Response:
    """One project: its facts, secretaries now and before, milestones against plan and its ledger (then, with as_of)."""
    moment = past_context(page.services, as_of)
    if moment:
        return render_past_project(page, key, moment, PROJECT_MISSING)
    return project_response(page, key)


def project_response(
    page: Page, key: str, *, failure: DomainError | None = None, posted: FormData | None = None
) -> Response:
    """The project's page; with a refused form, its message and what was typed."""
    services, principal = page.services, page.principal
    return page.found(
        lambda: services.project_views.project_view(principal, key),
        PROJECT_MISSING,
        lambda view: page.render(
            "project.html",
            {
                **project_context(services, view),
                "can_follow": services.projects.may_follow(principal, key),
                "can_manage": services.projects.may_manage_projects(principal),
                "failure": failure,
                "typed": posted or {},
            },
            status_code=failure.status if failure else 200,
        ),
    )


def project_context(services: Services, view: Any) -> dict[str, Any]:
    """What the project page shows of a view, now or as it stood."""
    forces = {t.key: t.name for t in services.registry_queries.list_task_forces()}
    tiers = [t.value for t in SecretaryTier]
    return {
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
def handbook(page: Viewer, as_of: str = "") -> HTMLResponse:
    """The handbook as a printable page, as it stood at the end of `as_of` (default today)."""
    day = parse_day(as_of, "as_of", "截至日期")
    book = page.services.ledger.handbook(page.principal, day)
    pdf_query = f"?{urlencode({'as_of': day.isoformat()})}" if day else ""
    return page.render(
        "handbook.html",
        {
            "book": book,
            "as_of": as_of.strip(),
            "investment": investment_text,
            "pdf_url": f"/api/v1/handbook.pdf{pdf_query}",
        },
    )


def render_past_project(page: Page, key: str, moment: Moment, missing: str) -> Response:
    """One project as it stood at the moment: its stage and milestones then, its ledger then, no forms."""
    return page.found(
        lambda: page.services.projects_as_of.project_view_as_of(page.principal, key, moment),
        missing,
        lambda view: page.render(
            "project.html",
            {
                **project_context(page.services, view),
                "can_follow": False,
                "can_manage": False,
                "failure": None,
                "typed": {},
                "past": moment,
                "now_url": f"/projects/{key}",
            },
        ),
        told=ProjectNotYetRegistered,
    )
