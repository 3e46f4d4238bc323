"""Demo mode only: an empty-database check and one well-known account per role."""

from __future__ import annotations

from typing import Any

from application.projects import KeyProject, SecretaryDetails
from application.registry import EnterpriseDetails, Unit
from application.shared import Actor, Role
from application.shared.access import Principal
from application.shared.errors import NotFound
from application.visits import ProblemInput, VisitInput
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services

DEMO_PASSWORD = "ganxin-demo-2026"
DEMO_ADMIN = Principal(Actor("demo-setup", "演示环境初始化", "admin"))
HANDLER_UNIT = "chengguan"  # 城管执法局 leads most Wanxianghui cases, so its handler has work to see

# (username, display name, role, unit); demo-lead also gets the district dispatch desk (see below)
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str | None], ...] = (
    ("demo-cadre", "演示干部（营商局）", Role.CADRE.value, "yingshang"),
    ("demo-handler", "演示承办人（城管执法局）", Role.UNIT_HANDLER.value, HANDLER_UNIT),
    ("demo-lead", "演示专班负责人（营商局调度）", Role.TASK_FORCE_LEAD.value, "yingshang"),
    ("demo-secretary", "演示项目服务秘书", Role.SERVICE_SECRETARY.value, None),
    ("demo-inspector", "演示纪检监察员", Role.INSPECTOR.value, None),
    ("demo-admin", "演示系统管理员", Role.ADMIN.value, None),
)
DISPATCH_DESK = "demo-lead"
DEMO_SECRETARY, DEMO_PROJECT = "demo-secretary", "kp-wanxianghui"  # so that "my projects" has one to show


def is_empty(settings: Settings) -> bool:
    """Whether the database has no events yet (tables are created if missing)."""
    ganxin = build_services(settings, sync_calendar=False)  # looking must not write
    try:
        return ganxin.store.is_empty()
    finally:
        ganxin.store.close()


def ensure_demo_accounts(ganxin: Any) -> list[tuple[str, str]]:
    """Create whichever demo accounts are missing; return (username, role label) for all of them."""
    # Demo mode alone may use its published password; everywhere else it is on the common-password list.
    ganxin.accounts.allow_common_password(DEMO_PASSWORD)
    listed = []
    for username, display_name, role, unit in DEMO_ACCOUNTS:
        try:
            ganxin.accounts.get_account(username)
        except NotFound:
            known_unit = unit if unit and ganxin.store.exists(Unit.create_id(unit)) else None
            ganxin.accounts.create_account(
                DEMO_ADMIN,
                username=username,
                display_name=display_name,
                role=role,
                password=DEMO_PASSWORD,
                unit=known_unit,
            )
            if username == DISPATCH_DESK:
                task_forces = [t.key for t in ganxin.registry_queries.list_task_forces()]
                ganxin.accounts.change_membership(
                    DEMO_ADMIN, username, unit=known_unit, task_forces=task_forces, dispatch_all=True
                )
            if username == DEMO_SECRETARY:
                take_over_street_tier(ganxin, username, display_name)
        listed.append((username, f"{Role(role).label}：{display_name}"))
    return listed


def take_over_street_tier(ganxin: Any, username: str, display_name: str) -> None:
    """The demo secretary takes over the Wanxianghui project's street tier (a replacement event, dated today)."""
    project_id = KeyProject.create_id(DEMO_PROJECT)
    if not ganxin.store.exists(project_id):
        return  # the scenario was not loaded: nothing to follow
    version = ganxin.store.load(project_id, KeyProject).version
    ganxin.projects.replace_secretary(
        DEMO_ADMIN,
        DEMO_PROJECT,
        version,
        SecretaryDetails("street", username, display_name, "yingshang", ganxin.store.today()),
        "演示环境：由演示账号接任街道级服务秘书",
    )


# Problems logged "today" when the demo starts, so the deadline board shows every light: the scenario's
# own open cases are all long overdue by now. (description, category, lead unit, working days)
LIVE_CASES: tuple[tuple[str, str, str, int], ...] = (
    ("示例：厂区周边夜间施工噪声扰民，企业希望协调施工时段", "环保", "shengtai", 1),
    ("示例：新招员工社保登记流程咨询，希望上门指导", "用工", "renshe", 3),
    ("示例：企业申请技改项目贷款贴息，需核实政策适用范围", "融资", "jinrong", 10),
)
LIVE_ENTERPRISE_USCC = "912102111056338165"  # 大连中汇达科学仪器有限公司, in the scenario's registry


def log_live_cases(ganxin: Any) -> int:
    """Log, judge and assign the live examples with the system clock; return how many."""
    cadre = Principal(Actor("demo-live-cadre", "走访干部（演示）", Role.CADRE.value), unit="yingshang")
    desk = Principal(Actor("demo-live-desk", "营商局调度员（演示）", Role.TASK_FORCE_LEAD.value), dispatch_all=True)
    for description, category, unit, working_days in LIVE_CASES:
        visit = VisitInput(
            channel="visit",
            occurred_on=ganxin.store.today(),
            enterprise=EnterpriseDetails(LIVE_ENTERPRISE_USCC),
            problems=[ProblemInput(category, description)],
        )
        (case_id,) = ganxin.visits.log_visit(cadre, visit).case_ids
        version = ganxin.cases.classify_case(case_id, 1, desk, "immediate")
        ganxin.cases.assign_case(case_id, version, desk, lead_unit=unit, working_days=working_days)
    return len(LIVE_CASES)
