"""Roles in a real browser: a unit handler works a case, an inspector reads it and can change nothing,
and after logging out the back button shows nothing of it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from application.clock import ControlledClock
from infrastructure.settings import Settings
from tests.support import launch_chromium, run_server
from tests.support.app import CLOCK_START, DISPATCH, log_problems, register_units
from tests.support.auth import TEST_PASSWORD, create_user, totp_code
from web.app import create_app

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESCRIPTION = "二号门前雨水管网堵塞，雨天厂区积水"
HANDLER = ("handler-zhou", "周承办")
INSPECTOR = ("inspector-zheng", "郑监察")


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


def _accept_and_resolve(page: Page) -> None:
    """The handler opens the case from their list, takes it and reports it done, through the page forms."""
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


def _read_as_inspector(page: Page) -> None:
    """The inspector finds the case, reads who did what, and is offered nothing to do."""
    page.locator(".case-table").get_by_role("link").first.click()
    expect(page.locator(".case-head")).to_contain_text(DESCRIPTION)
    labels = page.locator(".timeline .event .event-label")
    expect(labels).to_have_text(["登记", "研判", "分办", "签收", "办结"])
    for event_type in ("Accepted", "Resolved"):  # 签收, 办结
        expect(page.locator(f".timeline .event-{event_type} .event-who")).to_have_text(f"{HANDLER[1]}（单位承办人）")
    expect(page.locator("form.action-form")).to_have_count(0)
    expect(page.locator("main form[method=post]")).to_have_count(0)  # only reading: the moment picker is a GET
    expect(page.locator("main form.moment-form")).to_have_count(1)
    expect(page.locator(".actions")).to_contain_text("该问题当前没有可办理的操作")
    expect(page.get_by_role("link", name="登记走访")).to_have_count(0)
    expect(page.locator(".who-role")).to_have_text("纪检监察")


@pytest.mark.browser
def test_a_handler_works_a_case_an_inspector_reads_it_and_the_back_button_shows_nothing_after_logout(
        database_url: str, chromium_path: str):
    app = create_app(Settings(database_url=database_url), clock=ControlledClock(CLOCK_START))
    ganxin = app.state.ganxin
    register_units(ganxin)
    create_user(ganxin, HANDLER[0], "unit_handler", display_name=HANDLER[1], unit="zhujian")
    create_user(ganxin, INSPECTOR[0], "inspector", display_name=INSPECTOR[1])
    case_id = log_problems(ganxin, DESCRIPTION)[0]
    version = ganxin.classify_case(case_id, 1, DISPATCH, "immediate", "无政策瓶颈")
    ganxin.assign_case(case_id, version, DISPATCH, lead_unit="zhujian", working_days=5)
    # The README's pictures come from the SQLite run, refreshed on request so a test run leaves the checkout clean.
    screenshots = database_url.startswith("sqlite") and os.environ.get("GANXIN_SCREENSHOTS") == "1"
    try:
        with run_server(app) as base_url, sync_playwright() as playwright:
            browser = launch_chromium(playwright, chromium_path)
            context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                          has_touch=True, locale="zh-CN")
            page = context.new_page()
            _log_in(page, base_url, *HANDLER)
            _accept_and_resolve(page)
            _log_out(page)

            _log_in(page, base_url, *INSPECTOR, second_factor=True)
            _read_as_inspector(page)
            if screenshots:
                page.screenshot(path=SCREENSHOTS / "inspector-view.png", full_page=True)
            assert ganxin.get_case(DISPATCH, case_id).case.version == 5  # reading changed nothing

            _log_out(page)
            page.go_back()
            body = page.locator("body")
            expect(body).not_to_contain_text(DESCRIPTION)
            expect(body).not_to_contain_text("办理经过")
            expect(body).not_to_contain_text(HANDLER[1])
            expect(page.get_by_role("heading", name="登录甘心办")).to_be_visible()
            browser.close()
    finally:
        ganxin.close()
