"""A cadre on a phone: log in, log a visit with a new enterprise and two problems, work one case."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from application.clock import ControlledClock
from infrastructure.settings import Settings
from tests.support import launch_chromium, run_server
from tests.support.app import CLOCK_START, register_units
from tests.support.auth import TEST_PASSWORD, create_user
from web.app import create_app

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
NEW_USCC = "91210211026773546P"
NEW_NAME = "大连美罗药业股份有限公司"
PROBLEMS = [("交通物流", "厂区门前道路破损，货车进出困难"), ("水电气暖", "冬季供暖温度不达标，影响生产车间")]


def _log_in(page: Page, base_url: str, username: str = "cadre-sun", name: str = "孙干部") -> None:
    page.goto(base_url + "/cases")
    expect(page).to_have_url(base_url + "/login?next=%2Fcases")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(base_url + "/cases")
    expect(page.locator(".who-name")).to_have_text(name)


def _fill_visit_form(page: Page) -> None:
    page.get_by_role("link", name="登记走访").first.click()
    expect(page.get_by_role("heading", name="登记走访")).to_be_visible()
    page.locator("#enterprise-q").fill("美罗")  # the search box only exists with JavaScript
    expect(page.locator("#enterprise-results")).to_contain_text("没有找到")
    page.get_by_label("统一社会信用代码").fill(NEW_USCC)
    page.get_by_label("企业名称").fill(NEW_NAME)
    page.get_by_label("所在街道").select_option("营城子街道")
    page.get_by_label("参加干部").fill("孙干部，周干部")
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
def test_a_cadre_logs_a_visit_on_a_phone_and_sees_both_cases(database_url: str, chromium_path: str):
    app = create_app(Settings(database_url=database_url), clock=ControlledClock(CLOCK_START))
    ganxin = app.state.ganxin
    register_units(ganxin)
    create_user(ganxin, "cadre-sun", display_name="孙干部")
    create_user(ganxin, "dispatch-zhou", "task_force_lead", display_name="周调度", dispatch_all=True)
    # The README's pictures come from the SQLite run, refreshed on request so a test run leaves the checkout clean.
    screenshots = database_url.startswith("sqlite") and os.environ.get("GANXIN_SCREENSHOTS") == "1"
    try:
        with run_server(app) as base_url, sync_playwright() as playwright:
            browser = launch_chromium(playwright, chromium_path)
            context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                          has_touch=True, locale="zh-CN")
            page = context.new_page()
            _log_in(page, base_url)
            _fill_visit_form(page)
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
            expect(rows.first).to_contain_text(NEW_NAME)
            assert rows.first.bounding_box()["width"] <= PHONE["width"]  # cards, not a wide table
            if screenshots:
                page.screenshot(path=SCREENSHOTS / "case-list.png", full_page=True)

            banner.get_by_role("link").first.click()
            expect(page.locator(".case-head")).to_contain_text(NEW_NAME)
            expect(page.locator(".actions")).to_contain_text("该问题当前没有可办理的操作")  # the desk directs it
            case_url = page.url

            page.get_by_role("button", name="退出").click()
            _log_in(page, base_url, "dispatch-zhou", "周调度")  # the 营商局 dispatch desk
            page.goto(case_url)
            _work_the_case(page)
            timeline = page.locator(".timeline .event-label")
            expect(timeline).to_have_text(["登记", "研判", "分办"])
            if screenshots:
                page.screenshot(path=SCREENSHOTS / "case-page.png", full_page=True)
            browser.close()
    finally:
        ganxin.close()
