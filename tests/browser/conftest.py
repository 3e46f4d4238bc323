"""Browser fixtures: one Chromium per test module, and every page test at a phone's and a desktop's width."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from tests.browser.screens import SCREENS, Screen
from tests.support import launch_chromium


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    """The system Chromium, shared by the module's tests (module scope: Playwright's sync API keeps an event
    loop in this thread while it runs, which other modules' asyncio code must not meet)."""
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright, chromium_path)
        yield launched
        launched.close()


@pytest.fixture(params=list(SCREENS), ids=list(SCREENS))
def screen(request: pytest.FixtureRequest) -> Screen:
    """390×844 (a phone: cards) and 1366×768 (a desktop: tables)."""
    return SCREENS[request.param]


@pytest.fixture
def context(browser: Browser, screen: Screen) -> Iterator[BrowserContext]:
    """A fresh browser profile (no cookies, no storage) at the screen's size."""
    opened = browser.new_context(**screen.context_options())
    yield opened
    opened.close()
