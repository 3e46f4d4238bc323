"""Roles in a real browser, at a phone's and a desktop's width: a unit handler works a case, an inspector reads
it and can change nothing, and after logging out the back button shows nothing of it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from application.services import Services
from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from tests.browser.screens import Screen, check_tables
from tests.support import run_server, url_for_backend
from tests.support.app import CLOCK_START, DISPATCH, log_problems, register_units
from tests.support.auth import TEST_PASSWORD, create_user, totp_code
from web.app import create_app

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@dataclass(frozen=True)
class Cast:
    """One screen's run: its own case (logged and assigned to the unit), its handler of that unit, its inspector."""

    description: str
    unit: str
    handler: tuple[str, str]
    inspector: tuple[str, str]


# Each screen's run has its own case, unit and people, so that the runs share one server without meeting.
CASTS = {
    "phone": Cast(
        "二号门前雨水管网堵塞，雨天厂区积水", "zhujian", ("handler-zhou", "周承办"), ("inspector-zheng", "郑监察")
    ),
    "desktop": Cast(
        "厂区北侧路灯损坏，夜间货车进出不便", "chengguan", ("handler-feng", "冯承办"), ("inspector-chu", "褚监察")
    ),
}


def _log_in(page: Page, base_url: str, username: str, name: str, *, second_factor: bool = False) -> None:
    page.goto(base_url + "/cases")
    expect(page).to_have_url(base_url + "/login?next=%2Fcases")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    if second_factor:
        expect(page.get_by_role("heading", name="输入动态验证码")).to_be_visible()
        page.get_by_label("动态验证码").fill(totp_code(username))
        page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(base_url + "/cases")
    expect(page.locator(".who-name")).to_have_text(name)


def _log_out(page: Page) -> None:
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading", name="登录甘心办")).to_be_visible()


def _accept_and_resolve(page: Page, screen: Screen) -> None:
    """The handler opens the case from their list, takes it and reports it done, through the page forms."""
    check_tables(page, screen)
    page.locator(".case-table").get_by_role("link").first.click()
    expect(page.locator(".case-head")).to_contain_text("待签收")
    forms = page.locator("form.action-form")
    expect(forms).to_have_count(3)  # 签收, 退回, 申请延期: the unit's actions, not the desk's
    page.locator("#action-accept").get_by_role("button", name="签收").click()
    expect(page.locator(".case-head")).to_contain_text("办理中")
    page.locator("#action-resolve summary").click()
    page.locator("#resolve-resolution").fill("已疏通管网并加装截水沟")
    page.locator("#action-resolve").get_by_role("button", name="办结").click()
    expect(page.locator(".case-head")).to_contain_text("已办结")


def _read_as_inspector(page: Page, cast: Cast) -> None:
    """The inspector finds the case, reads who did what, and is offered nothing to do."""
    page.locator(".case-row", has_text=cast.description).get_by_role("link").first.click()
    expect(page.locator(".case-head")).to_contain_text(cast.description)
    labels = page.locator(".timeline .event .event-label")
    expect(labels).to_have_text(["登记", "研判", "分办", "签收", "办结"])
    for event_type in ("Accepted", "Resolved"):  # 签收, 办结
        expect(page.locator(f".timeline .event-{event_type} .event-who")).to_have_text(
            f"{cast.handler[1]}（单位承办人）"
        )
    expect(page.locator("form.action-form")).to_have_count(0)
    expect(page.locator("main form[method=post]")).to_have_count(0)  # only reading: the moment picker is a GET
    expect(page.locator("main form.moment-form")).to_have_count(1)
    expect(page.locator(".actions")).to_contain_text("该问题当前没有可办理的操作")
    expect(page.get_by_role("link", name="登记走访")).to_have_count(0)
    expect(page.locator(".who-role")).to_have_text("纪检监察")


@dataclass
class Served:
    """The app served for the module, one case per screen's run."""

    ganxin: Services
    base_url: str
    database_url: str
    case_ids: dict[str, object]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server per database for both screens' runs, each with its handler, inspector and assigned case."""
    with url_for_backend(request, tmp_path_factory, "roles") as url:
        app = create_app(Settings(database_url=url), clock=ControlledClock(CLOCK_START))
        ganxin = app.state.ganxin
        try:
            register_units(ganxin)
            case_ids = {}
            for name, cast in CASTS.items():
                create_user(ganxin, cast.handler[0], "unit_handler", display_name=cast.handler[1], unit=cast.unit)
                create_user(ganxin, cast.inspector[0], "inspector", display_name=cast.inspector[1])
                case_id = log_problems(ganxin, cast.description)[0]
                version = ganxin.cases.classify_case(case_id, 1, DISPATCH, "immediate", "无政策瓶颈")
                ganxin.cases.assign_case(case_id, version, DISPATCH, lead_unit=cast.unit, working_days=5)
                case_ids[name] = case_id
            with run_server(app) as base_url:
                yield Served(ganxin, base_url, url, case_ids)
        finally:
            ganxin.store.close()


@pytest.mark.browser
def test_a_handler_works_a_case_an_inspector_reads_it_and_the_back_button_shows_nothing_after_logout(
    served: Served, context: BrowserContext, screen: Screen
):
    cast, base_url, ganxin = CASTS[screen.name], served.base_url, served.ganxin
    # The README's pictures come from the SQLite phone run, refreshed on request so that a test run leaves the
    # checkout clean.
    screenshots = (
        screen.phone and served.database_url.startswith("sqlite") and os.environ.get("GANXIN_SCREENSHOTS") == "1"
    )
    page = context.new_page()
    _log_in(page, base_url, *cast.handler)
    _accept_and_resolve(page, screen)
    _log_out(page)

    _log_in(page, base_url, *cast.inspector, second_factor=True)
    check_tables(page, screen)
    _read_as_inspector(page, cast)
    if screenshots:
        page.screenshot(path=SCREENSHOTS / "inspector-view.png", full_page=True)
    assert (
        ganxin.case_queries.get_case(DISPATCH, served.case_ids[screen.name]).case.version == 5
    )  # reading changed nothing

    _log_out(page)
    page.go_back()
    body = page.locator("body")
    expect(body).not_to_contain_text(cast.description)
    expect(body).not_to_contain_text("办理经过")
    expect(body).not_to_contain_text(cast.handler[1])
    expect(page.get_by_role("heading", name="登录甘心办")).to_be_visible()
