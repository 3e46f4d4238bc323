"""The pages served for real: app on a test database, units registered, people of each role logged in; HTML helpers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from typing import Any, ClassVar

import httpx

from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from tests.support.app import CLOCK_START, register_units
from tests.web.people import Person
from tests.web.serving import CaseTeam, serve_app
from web.app import create_app

CADRE_USERNAME = "cadre-zhao"
CADRE_NAME = "赵干部"
# A valid credit code that no test registers beforehand: the form must create the enterprise.
NEW_USCC = "91210211026773546P"
NEW_NAME = "大连美罗药业股份有限公司"
CADRE = Person(CADRE_USERNAME, CADRE_NAME, "cadre")


@dataclass
class Site(CaseTeam):
    """A served app and logged-in browser-like clients on it, one per person (opened on first use)."""

    cadre: ClassVar[Person] = CADRE

    def stranger(self) -> httpx.Client:
        """A client with no session; the caller closes it."""
        return httpx.Client(base_url=self.base_url, timeout=30)


@contextmanager
def serve_pages(database_url: str) -> Iterator[Site]:
    """create_app on the database with a controlled clock (8 April 2026, 09:00 Dalian), a cadre logged in."""
    app = create_app(Settings(database_url=database_url), clock=ControlledClock(CLOCK_START))
    with serve_app(app, register_units) as logins:
        site = Site(app.state.ganxin, logins)
        site.logins.client_of(CADRE)
        yield site


def visit_form(*descriptions: str, rows: int = 3, **fields: str) -> dict[str, str]:
    """The visit form as a browser posts it: a new enterprise, one filled row per description."""
    form = {
        "uscc": NEW_USCC,
        "enterprise_name": NEW_NAME,
        "street": "营城子街道",
        "industry": "生物医药",
        "channel": "visit",
        "occurred_on": "2026-04-08",
        "cadres": "赵干部，钱干部",
        "place": "企业会议室",
    }
    for row in range(max(rows, len(descriptions))):
        described = row < len(descriptions) and bool(descriptions[row])
        form[f"problems[{row}].category"] = "市政配套" if described else ""
        form[f"problems[{row}].description"] = descriptions[row] if described else ""
        form[f"problems[{row}].request"] = ""
    form.update(fields)
    return form


def created_ids(response: httpx.Response) -> list[str]:
    """The case ids a successful visit redirect names."""
    assert response.status_code == 303, response.text[:500]
    location = response.headers["location"]
    assert location.startswith("/cases?created="), location
    return location.removeprefix("/cases?created=").split(",")


def text_of(html: str) -> str:
    """What a person reads: tags dropped, entities decoded, whitespace collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    body = re.sub(r"</?(span|a|time|b|strong|em)\b[^>]*>", "", body)  # inline tags do not break words
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def error_next_to(html: str, field: str) -> list[str]:
    """The error messages shown right under a form field."""
    pattern = rf'<p class="field-error" id="{re.escape(field)}-error"[^>]*>([^<]*)</p>'
    return [unescape(m) for m in re.findall(pattern, html)]


def textarea_value(html: str, name: str) -> str:
    """The text a textarea shows."""
    match = re.search(rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>(.*?)</textarea>', html, flags=re.S)
    assert match, f"no textarea {name}"
    return unescape(match[1])


def input_value(html: str, name: str) -> str:
    """The value an input shows."""
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert match, f"no input {name}"
    value = re.search(r'value="([^"]*)"', match[0])
    return unescape(value[1]) if value else ""


def selected_option(html: str, name: str) -> str:
    """The value of the selected option of a select."""
    match = re.search(rf'<select[^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>', html, flags=re.S)
    assert match, f"no select {name}"
    chosen = re.search(r'<option value="([^"]*)" selected>', match[1])
    return unescape(chosen[1]) if chosen else ""


def action_forms(html: str) -> list[str]:
    """The actions the case page offers, in order."""
    return re.findall(r'<form method="post" action="/cases/[0-9a-f-]+/(\w+)"', html)


def action_form(html: str, action: str) -> str:
    """The HTML of one action's form on the case page."""
    start = html.index(f'id="action-{action}"')
    return html[start : html.index("</details>", start)]


def hidden_version(html: str, action: str) -> int:
    """The expected_version an action's form carries."""
    form = re.search(rf'action="/cases/[0-9a-f-]+/{action}".*?</form>', html, flags=re.S)
    assert form, f"no {action} form"
    return int(re.search(r'name="expected_version" value="(\d+)"', form[0])[1])


def post_action(who: httpx.Client | Site, case_id: str, action: str, version: int, **fields: Any) -> httpx.Response:
    """Submit one action form: given the Site, as whoever takes that action."""
    client = who.client_for(action) if isinstance(who, Site) else who
    return client.post(
        f"/cases/{case_id}/{action}", data={"expected_version": str(version), **fields}, follow_redirects=False
    )
