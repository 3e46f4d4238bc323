"""A cadre logs a visit in Chromium, at a phone's and a desktop's width: the form, the new cases, working one
case; a session that runs out while the form is being filled in loses nothing and stores the visit once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from application.cases.ports import CaseFilter
from application.services import Services
from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from tests.browser.screens import Screen, check_tables
from tests.support import run_server, url_for_backend
from tests.support.app import CLOCK_START, DISPATCH, register_units
from tests.support.auth import TEST_PASSWORD, create_user
from web.app import create_app

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PROBLEMS = [("交通物流", "厂区门前道路破损，货车进出困难"), ("水电气暖", "冬季供暖温度不达标，影响生产车间")]
DESK = ("dispatch-zhou", "周调度")
IDLE = timedelta(minutes=31)  # sessions end after 30 idle minutes


@dataclass(frozen=True)
class Visit:
    """Who logs a visit in one screen's run, and the enterprise (new to the database) they visited."""

    username: str
    name: str
    uscc: str
    enterprise: str
    search: str


# Each screen's run has its own cadre and enterprise, so that the runs share one server without meeting.
VISITS = {
    "phone": Visit("cadre-sun", "孙干部", "91210211026773546P", "大连美罗药业股份有限公司", "美罗"),
    "desktop": Visit("cadre-qian", "钱干部", "91210211983690064E", "华润置地（大连）有限公司", "华润"),
}
EXPIRING = {
    "phone": Visit("cadre-wu", "吴干部", "91210211684874525G", "大连连城数控机器股份有限公司", "连城"),
    "desktop": Visit("cadre-zheng", "郑干部", "912102111056338165", "大连中汇达科学仪器有限公司", "中汇达"),
}


@dataclass
class Served:
    """The app served for the module, with its clock."""

    ganxin: Services
    base_url: str
    clock: ControlledClock
    database_url: str


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server per database for the module's tests (both screens), with the units and the dispatch desk."""
    with url_for_backend(request, tmp_path_factory, "visit-form") as url:
        clock = ControlledClock(CLOCK_START)
        app = create_app(Settings(database_url=url), clock=clock)
        ganxin = app.state.ganxin
        try:
            register_units(ganxin)
            create_user(ganxin, DESK[0], "task_force_lead", display_name=DESK[1], dispatch_all=True)
            for visit in (*VISITS.values(), *EXPIRING.values()):
                create_user(ganxin, visit.username, display_name=visit.name)
            with run_server(app) as base_url:
                yield Served(ganxin, base_url, clock, url)
        finally:
            ganxin.store.close()


def _log_in(page: Page, base_url: str, username: str, name: str) -> None:
    page.goto(base_url + "/cases")
    expect(page).to_have_url(base_url + "/login?next=%2Fcases")
    _fill_login(page, username)
    expect(page).to_have_url(base_url + "/cases")
    expect(page.locator(".who-name")).to_have_text(name)


def _fill_login(page: Page, username: str) -> None:
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()


def _fill_visit_form(page: Page, visit: Visit) -> None:
    page.get_by_role("link", name="登记走访").first.click()
    expect(page.get_by_role("heading", name="登记走访")).to_be_visible()
    page.locator("#enterprise-q").fill(visit.search)  # the search box only exists with JavaScript
    expect(page.locator("#enterprise-results")).to_contain_text("没有找到")
    page.get_by_label("统一社会信用代码").fill(visit.uscc)
    page.get_by_label("企业名称").fill(visit.enterprise)
    page.get_by_label("所在街道").select_option("营城子街道")
    page.get_by_label("参加干部").fill(f"{visit.name}，周干部")
    page.get_by_label("地点").fill("企业会议室")
    for row, (category, description) in enumerate(PROBLEMS):
        page.locator(f'[name="problems[{row}].category"]').select_option(category)
        page.locator(f'[name="problems[{row}].description"]').fill(description)
    page.get_by_label("企业诉求").first.fill("尽快修复道路")


def _add_a_row(page: Page) -> None:
    page.get_by_role("button", name="添加问题").click()
    rows = page.locator(".problem-row")
    expect(rows).to_have_count(4)
    expect(rows.last.locator(".row-number")).to_have_text("4")
    expect(rows.last.locator("textarea").first).to_have_attribute("name", "problems[3].description")
    expect(page.get_by_role("link", name="更多问题行")).to_be_hidden()  # the no-JavaScript fallback


def _work_the_case(page: Page) -> None:
    page.locator("#action-classify summary").click()
    page.locator("#classify-disposition").select_option("immediate")
    page.locator("#classify-reason").fill("无政策瓶颈，马上办")
    page.locator("#action-classify").get_by_role("button", name="研判").click()
    expect(page.locator(".timeline")).to_contain_text("没有政策瓶颈的，马上办")
    page.locator("#action-assign summary").click()
    page.locator("#assign-lead_unit").select_option("zhujian")
    page.locator("#assign-working_days").fill("5")
    page.locator("#action-assign").get_by_label("区城市管理综合行政执法局").check()
    page.locator("#action-assign").get_by_role("button", name="分办").click()
    expect(page.locator(".case-head")).to_contain_text("待签收")


@pytest.mark.browser
def test_a_cadre_logs_a_visit_and_sees_both_cases(served: Served, context: BrowserContext, screen: Screen):
    visit, base_url = VISITS[screen.name], served.base_url
    # The README's pictures come from the SQLite phone run, refreshed on request so that a test run leaves the
    # checkout clean.
    screenshots = (
        screen.phone and served.database_url.startswith("sqlite") and os.environ.get("GANXIN_SCREENSHOTS") == "1"
    )
    page = context.new_page()
    _log_in(page, base_url, visit.username, visit.name)
    _fill_visit_form(page, visit)
    if screenshots:
        page.screenshot(path=SCREENSHOTS / "visit-form.png", full_page=True)
    _add_a_row(page)  # left blank: ignored

    page.get_by_role("button", name="提交登记").click()
    banner = page.locator(".alert-success")
    expect(banner).to_contain_text("已登记 2 个问题")
    rows = page.locator(".case-row")
    expect(rows).to_have_count(2)
    for _, description in PROBLEMS:
        expect(page.locator(".case-table")).to_contain_text(description)
    expect(rows.first).to_contain_text(visit.enterprise)
    check_tables(page, screen)  # cards on a phone, columns under their headers on a desktop
    if screenshots:
        page.screenshot(path=SCREENSHOTS / "case-list.png", full_page=True)

    banner.get_by_role("link").first.click()
    expect(page.locator(".case-head")).to_contain_text(visit.enterprise)
    expect(page.locator(".actions")).to_contain_text("该问题当前没有可办理的操作")  # the desk directs it
    case_url = page.url

    page.get_by_role("button", name="退出").click()
    _log_in(page, base_url, *DESK)  # the 营商局 dispatch desk
    page.goto(case_url)
    _work_the_case(page)
    expect(page.locator(".timeline .event-label")).to_have_text(["登记", "研判", "分办"])
    if screenshots:
        page.screenshot(path=SCREENSHOTS / "case-page.png", full_page=True)


def _cases_logged_by(served: Served, visit: Visit) -> list:
    return [
        c
        for c in served.ganxin.case_queries.list_cases(DISPATCH, CaseFilter(per_page=100)).items
        if c.enterprise_uscc == visit.uscc
    ]


@pytest.mark.browser
def test_a_session_that_runs_out_keeps_the_typed_visit_until_it_is_sent_again_and_stored_once(
    served: Served, context: BrowserContext, screen: Screen
):
    visit, base_url = EXPIRING[screen.name], served.base_url
    page = context.new_page()
    _log_in(page, base_url, visit.username, visit.name)
    _fill_visit_form(page, visit)
    _add_a_row(page)
    page.locator('[name="problems[3].category"]').select_option("融资")
    page.locator('[name="problems[3].description"]').fill("第四个问题：流动资金贷款续贷")

    served.clock.advance(IDLE)  # the cadre talked with the enterprise for half an hour
    page.get_by_role("button", name="提交登记").click()
    expect(page).to_have_url(base_url + "/login?next=%2Fvisits%2Fnew&expired=1")  # the form's page, not POST /visits
    expect(page.locator(".session-expired")).to_contain_text("登录已过期，请重新登录")
    assert _cases_logged_by(served, visit) == []

    _fill_login(page, visit.username)
    expect(page).to_have_url(base_url + "/visits/new")
    expect(page.locator(".draft-restored")).to_contain_text("已填回")
    expect(page.get_by_label("企业名称")).to_have_value(visit.enterprise)
    expect(page.get_by_label("统一社会信用代码")).to_have_value(visit.uscc)
    expect(page.locator('[name="problems[1].description"]')).to_have_value(PROBLEMS[1][1])
    expect(page.locator('[name="problems[3].description"]')).to_have_value("第四个问题：流动资金贷款续贷")
    expect(page.locator('[name="problems[3].category"]')).to_have_value("融资")
    assert _cases_logged_by(served, visit) == []  # nothing was sent again behind the cadre's back

    page.get_by_role("button", name="提交登记").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记 3 个问题")
    stored = _cases_logged_by(served, visit)
    assert sorted(c.description for c in stored) == sorted([d for _, d in PROBLEMS] + ["第四个问题：流动资金贷款续贷"])
    page.wait_for_function("() => !Object.keys(localStorage).some(k => k.startsWith('ganxin-draft:'))")
    page.goto(base_url + "/visits/new")  # the server confirmed: a fresh form, nothing written back
    expect(page.get_by_label("企业名称")).to_have_value("")
    expect(page.locator(".draft-restored")).to_have_count(0)


@pytest.mark.browser
def test_error_pages_have_the_site_layout_and_a_way_back(served: Served, context: BrowserContext, screen: Screen):
    visit, base_url = VISITS[screen.name], served.base_url
    page = context.new_page()
    _log_in(page, base_url, visit.username, visit.name)
    for path, status, title in (
        ("/no-such-page", 404, "未找到"),
        ("/visits", 405, "不支持该请求方法"),
        ("/accountability", 403, "没有权限"),
    ):
        answer = page.goto(base_url + path)
        assert answer is not None and answer.status == status, path
        expect(page.get_by_role("heading", name=title)).to_be_visible()
        expect(page.locator(".who-name")).to_have_text(visit.name)  # the site's menu, as on every page
        expect(page.get_by_role("link", name="返回问题清单")).to_be_visible()
        check_tables(page, screen)  # readable: nothing wider than the screen
    page.goto(base_url + "/board")
    page.evaluate("location.assign('/no-such-page')")  # as following a stale link on the board would
    expect(page.get_by_role("heading", name="未找到")).to_be_visible()
    page.get_by_role("link", name="返回上一页").click()
    expect(page).to_have_url(base_url + "/board")
