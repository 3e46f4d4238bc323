"""CSRF and Origin checks over real HTTP: forged or missing tokens and foreign origins change nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.auth import Served, csrf_cookie, csrf_origin, hidden_csrf, install_csrf_hooks, login

TEMPLATES = Path(__file__).resolve().parents[3] / "web" / "templates"
CSRF_MESSAGE = "安全校验失败（页面已过期或请求来源不明），请刷新页面后重试"
HUARUN = {
    "uscc": "91210211983690064E",
    "name": "华润置地（大连）有限公司",
    "street": "中华路街道",
    "industry": "现代服务业",
}


def visit_json(description: str = "厂区门前道路破损，货车进出困难") -> dict:
    return {
        "enterprise": HUARUN,
        "channel": "visit",
        "occurred_on": "2026-04-08",
        "cadres": ["王干部"],
        "place": "企业会议室",
        "problems": [{"category": "市政配套", "description": description}],
    }


def visit_form(csrf_token: str | None) -> dict[str, str]:
    form = {
        "uscc": HUARUN["uscc"],
        "enterprise_name": HUARUN["name"],
        "street": HUARUN["street"],
        "industry": HUARUN["industry"],
        "channel": "visit",
        "occurred_on": "2026-04-08",
        "cadres": "王干部",
        "place": "企业会议室",
        "problems[0].category": "市政配套",
        "problems[0].description": "道路破损",
    }
    return form if csrf_token is None else {**form, "csrf_token": csrf_token}


@pytest.fixture
def attacker(served: Served, browser: httpx.Client) -> Iterator[httpx.Client]:
    """The same session cookie, but nothing added: what a forged cross-site request carries."""
    with served.client(cookies=browser.cookies) as client:
        yield client


def csrf_error(response: httpx.Response) -> dict:
    assert response.status_code == 403, response.text[:300]
    return response.json()["error"]


def test_an_api_post_with_a_forged_or_missing_token_is_refused_and_changes_nothing(served, browser, attacker):
    before = served.events_written()
    origin = {"Origin": csrf_origin(attacker)}
    forged = attacker.post("/api/v1/visits", json=visit_json(), headers={**origin, "X-CSRF-Token": "0" * 64})
    assert csrf_error(forged) == {"code": "csrf_failed", "message": CSRF_MESSAGE}
    assert csrf_error(attacker.post("/api/v1/visits", json=visit_json(), headers=origin))["code"] == "csrf_failed"
    other = served.client()
    login(other, "cadre-wang")  # another session's token is no good for this one
    stolen = attacker.post("/api/v1/visits", json=visit_json(), headers={**origin, "X-CSRF-Token": csrf_cookie(other)})
    other.close()
    assert csrf_error(stolen)["code"] == "csrf_failed"
    assert served.events_written() == before
    assert browser.post("/api/v1/visits", json=visit_json()).status_code == 201  # the real page's request


def test_a_page_form_with_a_forged_token_gets_a_chinese_403_page(served, browser, attacker):
    before = served.events_written()
    origin = {"Origin": csrf_origin(attacker)}
    for token in ("forged", None):
        refused = attacker.post("/visits", data=visit_form(token), headers=origin, follow_redirects=False)
        assert refused.status_code == 403 and refused.headers["content-type"].startswith("text/html")
        assert CSRF_MESSAGE in refused.text
    assert served.events_written() == before
    page = browser.get("/visits/new")
    accepted = attacker.post("/visits", data=visit_form(hidden_csrf(page.text)), headers=origin, follow_redirects=False)
    assert accepted.status_code == 303 and accepted.headers["location"].startswith("/cases?created=")


def test_a_cookie_post_without_origin_or_referer_or_from_elsewhere_is_refused(served, browser, attacker):
    before = served.events_written()
    token = {"X-CSRF-Token": csrf_cookie(browser)}
    assert csrf_error(attacker.post("/api/v1/visits", json=visit_json(), headers=token))["code"] == "csrf_failed"
    for foreign in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Referer": "http://evil.example/cases"},
        {"Origin": csrf_origin(attacker).replace("http:", "https:")},
    ):
        refused = attacker.post("/api/v1/visits", json=visit_json(), headers={**token, **foreign})
        assert csrf_error(refused)["code"] == "csrf_failed", foreign
    assert served.events_written() == before
    referer = {"Referer": csrf_origin(attacker) + "/visits/new"}  # no Origin, but our own page's Referer
    assert attacker.post("/api/v1/visits", json=visit_json(), headers={**token, **referer}).status_code == 201


def test_a_session_replayed_after_logout_is_refused_and_changes_nothing(served, browser, attacker):
    replayed_token = csrf_cookie(browser)
    assert browser.post("/logout", follow_redirects=False).headers["location"] == "/login"
    before = served.events_written()
    headers = {"Origin": csrf_origin(attacker), "X-CSRF-Token": replayed_token}
    api = attacker.post("/api/v1/visits", json=visit_json(), headers=headers)
    assert api.status_code == 401 and api.json()["error"]["code"] == "unauthenticated"
    page = attacker.post("/visits", data=visit_form(replayed_token), headers=headers, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert attacker.get("/cases", follow_redirects=False).status_code == 303
    assert served.events_written() == before


def test_logout_itself_needs_the_token(served, browser, attacker):
    refused = attacker.post("/logout", headers={"Origin": csrf_origin(attacker)}, follow_redirects=False)
    assert refused.status_code == 403
    assert browser.get("/cases", follow_redirects=False).status_code == 200  # still logged in
    page = browser.get("/cases")
    assert hidden_csrf(page.text[page.text.index('action="/logout"') :]) == csrf_cookie(browser)


def test_login_needs_the_login_forms_token_and_our_origin(served):
    with served.client() as client:
        origin = {"Origin": csrf_origin(client)}
        credentials = {"username": "cadre-wang", "password": "ganxin-test-pass-2026", "next": "/cases"}
        assert client.post("/login", data=credentials, headers=origin).status_code == 403  # no pre-session token
        token = hidden_csrf(client.get("/login").text)
        assert client.post("/login", data={**credentials, "csrf_token": "x" * 64}, headers=origin).status_code == 403
        foreign = client.post(
            "/login", data={**credentials, "csrf_token": token}, headers={"Origin": "http://evil.example"}
        )
        assert foreign.status_code == 403
        assert client.post("/login", data={**credentials, "csrf_token": token}).status_code == 403  # no Origin
        assert client.get("/cases", follow_redirects=False).status_code == 303  # nobody logged in
        ok = client.post("/login", data={**credentials, "csrf_token": token}, headers=origin, follow_redirects=False)
        assert ok.status_code == 303 and client.get("/cases", follow_redirects=False).status_code == 200


def test_a_post_without_any_session_is_left_to_the_login_check(served):
    before = served.events_written()
    with served.client() as stranger:
        api = stranger.post("/api/v1/visits", json=visit_json())
        assert api.status_code == 401 and api.json()["error"]["code"] == "unauthenticated"
    assert served.events_written() == before


def test_the_hooked_client_helper_posts_like_the_pages(served):
    with served.client() as client:
        install_csrf_hooks(client)
        login(client, "cadre-wang")
        assert client.post("/api/v1/visits", json=visit_json()).status_code == 201


def test_every_post_form_in_the_templates_carries_the_token():
    forms = 0
    for template in sorted(TEMPLATES.glob("*.html")):
        html = template.read_text(encoding="utf-8")
        for form in re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S | re.I):
            if re.search(r'method="post"', form, flags=re.I):
                forms += 1
                assert 'name="csrf_token"' in form, f"{template.name}: a POST form without csrf_token"
            else:  # a GET form must not put the token into URLs (logs, Referer)
                assert "csrf_token" not in form, f"{template.name}: a GET form carries the token"
    assert forms >= 5
