"""Every table of the site in Chromium, on the district scenario: at 1366 px each header cell sits above its
column's cells; at 390 px rows are cards within the screen (tables of counts scroll in their own box), and no
page ever scrolls sideways."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from application.cases.ports import CaseFilter
from application.findings.commands import CitationInput, FindingInput
from application.shared.access import Principal
from domain.shared.actor import Actor
from tests.browser.screens import Screen, add_session, check_tables
from tests.web.people import LEAD
from tests.web.scenario_support import DESK, INSPECTOR, Site, scenario_copy, serve_scenario

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
# Every page with a table, by who can read it (the dispatch desk and an inspector see them all between them).
DESK_PAGES = (
    "/cases",
    "/board",
    "/task-forces",
    "/task-forces/tf-wanxianghui",
    "/projects",
    "/projects/kp-wanxianghui",
    "/service-stars?start=2026-03-01&end=2026-04-30",
    "/handbook",
)
INSPECTOR_PAGES = ("/accountability", "/cannot-do", "/findings")
RECORDER = Principal(Actor("inspector-tables", "表格测试监察", "inspector"))


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The scenario served once per database, with one finding so that the findings table has a row."""
    with scenario_copy(request, tmp_path_factory) as loaded, serve_scenario(loaded) as served:
        case = served.ganxin.case_queries.list_cases(DESK, CaseFilter(per_page=1)).items[0]
        served.ganxin.findings.record_finding(
            RECORDER,
            FindingInput(
                cases=(CitationInput(str(case.case_id), (1,)),),
                field="projects",
                behaviours=("sloth",),
                title="签收后长期无进展",
                description="浏览器表格测试用的认定",
                unit=case.lead_unit or "",
            ),
        )
        served.ganxin.store.catch_up()  # the findings list reads the projection
        yield served


def _template_tables() -> set[str]:
    """The class attribute of every table any page template draws."""
    found = set()
    for template in TEMPLATES.glob("*.html"):
        found.update(re.findall(r'<table class="([^"]+)"', template.read_text(encoding="utf-8")))
    return found


def _visit(context: BrowserContext, site: Site, person, paths: tuple[str, ...], screen: Screen) -> set[str]:
    """Open each page as the person and check its tables; the classes of the tables seen."""
    base_url = site.logins.base_url
    add_session(context, base_url, site.client(person).cookies)
    page = context.new_page()
    seen: set[str] = set()
    for path in paths:
        answer = page.goto(base_url + path)
        assert answer is not None and answer.status == 200, path
        tables = check_tables(page, screen)
        assert tables, f"{path}: no table with rows"
        seen |= tables
    page.close()
    context.clear_cookies()
    return seen


@pytest.mark.browser
def test_every_table_keeps_its_columns_on_a_desktop_and_its_cards_on_a_phone(
    site: Site, context: BrowserContext, screen: Screen
):
    seen = _visit(context, site, LEAD, DESK_PAGES, screen) | _visit(context, site, INSPECTOR, INSPECTOR_PAGES, screen)
    assert _template_tables() <= seen, f"tables that no page here shows: {sorted(_template_tables() - seen)}"
