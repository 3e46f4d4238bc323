"""/docs in a real Chromium under the site's strict CSP: Swagger UI renders, nothing is blocked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.support import launch_chromium
from tests.support.auth import serve


@pytest.mark.browser
def test_swagger_ui_renders_the_api_under_the_strict_csp(database_url: str, chromium_path: str):
    with serve(database_url) as site, sync_playwright() as playwright:
        browser = launch_chromium(playwright, chromium_path)
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(site.base_url + "/docs")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("甘心办 Ganxin")
        expect(page.locator(".opblock-summary-path", has_text="/api/v1/visits").first).to_be_visible()
        browser.close()
    blocked = [p for p in problems if "Content Security Policy" in p or "Refused" in p]
    assert not blocked, blocked
