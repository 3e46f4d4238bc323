"""Building the services on a test database with a controlled clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from application.registry.commands import EnterpriseDetails
from application.services import Services
from application.shared.access import Principal
from application.shared.clock import ControlledClock
from application.visits.commands import ProblemInput, VisitInput
from domain.shared.actor import Actor
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services

CLOCK_START = datetime(2026, 4, 8, 1, tzinfo=UTC)  # 09:00 in Dalian
SETUP = Principal(Actor("test-setup", "测试管理员", "admin"))
CADRE = Principal(Actor("cadre-li", "李干部", "cadre"), unit="yingshang")
DISPATCH = Principal(Actor("dispatch-wang", "王调度", "task_force_lead"), dispatch_all=True)
INSPECTOR = Principal(Actor("inspector-zhao", "赵监察", "inspector"))


def handler(unit: str) -> Principal:
    """A handler of the unit."""
    return Principal(Actor(f"handler-{unit}", f"{unit}承办人", "unit_handler"), unit=unit)


UNITS = [
    ("zhujian", "区住房和城乡建设局", "住建局"),
    ("chengguan", "区城市管理综合行政执法局", "城管执法局"),
    ("city_ziranziyuan", "大连市自然资源局甘井子分局", "自然资源分局"),
]
HUARUN = EnterpriseDetails("91210211983690064E", "华润置地（大连）有限公司", "中华路街道", "现代服务业")


@contextmanager
def ganxin_on(
    database_url: str, clock: ControlledClock | None = None, *, append_only: bool = False
) -> Iterator[Services]:
    """The services on the database (as the append-only application role, if asked), closed afterwards."""
    settings = Settings(database_url=database_url, append_only=append_only)
    app = build_services(settings, clock=clock or ControlledClock(CLOCK_START))
    try:
        yield app
    finally:
        app.store.close()


def register_units(app: Services) -> None:
    """The few units the tests assign to."""
    for key, name, short in UNITS:
        app.registry.register_unit(SETUP, key, name, short)


def log_problems(app: Services, *descriptions: str, enterprise: EnterpriseDetails = HUARUN, **kw: Any) -> list[Any]:
    """Log one visit with a problem per description (as CADRE unless `by` says who); the new case ids."""
    problems = [ProblemInput("市政配套", d) for d in descriptions]
    visit = VisitInput(
        channel=kw.get("channel", "visit"),
        occurred_on=kw.get("occurred_on", date(2026, 4, 8)),
        enterprise=enterprise,
        problems=problems,
    )
    return app.visits.log_visit(kw.get("by", CADRE), visit).case_ids
