"""A session that ran out while a form was open: every page form answers with the login page saying so and,
after logging in, the page showing that form (a GET), never its POST target; error pages have the site's
layout and a way back. Over real HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import quote
from uuid import uuid4

import httpx
import pytest
from fastapi.routing import iter_route_contexts

from tests.support import url_for_backend
from tests.support.auth import Served, create_user, login, serve
from web.routes import pages_router

IDLE = timedelta(minutes=31)  # sessions end after 30 idle minutes
CADRE = ("cadre-lu", "陆干部")
# Each page form's target → the page that shows the form (where the person is sent back after logging in).
FORM_PAGES = {
    "/visits": "/visits/new",
    "/cases/{case_id}/{action}": "/cases/{case_id}",
    "/findings": "/findings/new",
    "/findings/{finding_id}/amend": "/findings/{finding_id}",
    "/findings/{finding_id}/typical": "/findings/{finding_id}",
    "/findings/{finding_id}/withdraw": "/findings/{finding_id}",
    "/projects/{key}/milestones": "/projects/{key}",
    "/projects/{key}/milestones/achieved": "/projects/{key}",
    "/projects/{key}/stage": "/projects/{key}",
    "/projects/{key}/secretaries": "/projects/{key}",
    "/service-stars": "/service-stars",
    "/task-forces/{key}/meetings": "/task-forces/{key}",
    "/taxonomy/items": "/taxonomy",
    "/taxonomy/items/{item_key}/rename": "/taxonomy",
    "/taxonomy/items/{item_key}/retire": "/taxonomy",
}
SAMPLE_PARAMS = {
    "case_id": str(uuid4()),
    "action": "progress",
    "finding_id": str(uuid4()),
    "key": "kp-sample",
    "item_key": "sloth",
}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One app per database for the module, with a cadre's account."""
    with url_for_backend(request, tmp_path_factory, "expiry") as url, serve(url) as site:
        create_user(site.ganxin, CADRE[0], display_name=CADRE[1])
        yield site


@pytest.fixture
def cadre(served: Served) -> Iterator[httpx.Client]:
    """The cadre, logged in now."""
    with served.client() as client:
        login(client, CADRE[0])
        yield client


@pytest.fixture
def browser(served: Served) -> Iterator[httpx.Client]:
    """A client that keeps no cookies of its own: each request says which it carries."""
    with served.client() as client:
        yield client


def _stale_post(
    browser: httpx.Client, session: tuple[str, str], path: str, referer: str | None = None
) -> httpx.Response:
    """POST a page form with a session that ran out, as the browser still holding its cookies would."""
    token, csrf = session
    base = str(browser.base_url).rstrip("/")
    headers = {"cookie": f"ganxin_session={token}; ganxin_csrf={csrf}", "origin": base}
    if referer is not None:
        headers["referer"] = base + referer
    browser.cookies.clear()
    return browser.post(path, data={"csrf_token": csrf, "note": "刚写好的进展"}, headers=headers)


def _expired(served: Served, client: httpx.Client) -> tuple[str, str]:
    """The client's session and CSRF cookies, after the session ran out."""
    session = (client.cookies["ganxin_session"], client.cookies["ganxin_csrf"])
    served.clock.advance(IDLE)
    return session


def test_every_page_form_is_listed_with_the_page_that_shows_it():
    routes = {route.path for route in iter_route_contexts(pages_router.routes) if "POST" in (route.methods or ())}
    assert routes == set(FORM_PAGES)


def test_a_form_sent_after_the_session_ran_out_leads_to_the_login_page_then_to_the_forms_page(
    served: Served, cadre: httpx.Client, browser: httpx.Client
):
    session, written = _expired(served, cadre), served.events_written()
    for target, form_page in FORM_PAGES.items():
        path, page = target.format(**SAMPLE_PARAMS), form_page.format(**SAMPLE_PARAMS)
        answer = _stale_post(browser, session, path)
        assert answer.status_code == 303, (path, answer.status_code)
        assert answer.headers["location"] == f"/login?next={quote(page, safe='')}&expired=1", path
    assert served.events_written() == written  # nothing was stored, nothing will be replayed


def test_the_page_the_form_was_sent_from_is_where_the_person_returns(
    served: Served, cadre: httpx.Client, browser: httpx.Client
):
    session = _expired(served, cadre)
    period = "/service-stars?start=2026-03-01&end=2026-04-30"
    answer = _stale_post(browser, session, "/service-stars", referer=period)
    assert answer.headers["location"] == f"/login?next={quote(period, safe='')}&expired=1"
    resent = _stale_post(browser, session, "/visits", referer="/visits")  # a form drawn again by POST /visits
    assert resent.headers["location"] == "/login?next=%2Fvisits%2Fnew&expired=1"


def test_the_login_page_says_the_session_ran_out_and_then_opens_the_forms_page(served: Served, cadre: httpx.Client):
    token = cadre.cookies["ganxin_session"]
    served.clock.advance(IDLE)
    with served.client() as browser:
        browser.cookies.set("ganxin_session", token)
        sent_back = browser.get("/visits/new")
        assert sent_back.status_code == 303 and sent_back.headers["location"] == "/login?next=%2Fvisits%2Fnew&expired=1"
        dropped = [c for c in sent_back.headers.get_list("set-cookie") if c.startswith("ganxin_session=")]
        assert len(dropped) == 1 and "Max-Age=0" in dropped[0]  # later pages are plainly logged out
        browser.cookies.clear()
        notice = browser.get(sent_back.headers["location"])
        assert "登录已过期，请重新登录" in notice.text
        assert 'name="next" value="/visits/new"' in notice.text
        assert browser.get("/visits/new").headers["location"] == "/login?next=%2Fvisits%2Fnew"
    with served.client() as stranger:
        assert "登录已过期" not in stranger.get("/login?next=%2Fcases").text
    with served.client() as again:
        login(again, CADRE[0])
        assert again.get("/visits/new").status_code == 200


ERROR_CASES = [
    ("/no-such-page", "get", 404, "未找到", "页面或接口不存在"),
    ("/visits", "get", 405, "不支持该请求方法", "不支持该请求方法"),
    ("/accountability", "get", 403, "没有权限", ""),
    ("/board?as_of=2026/04/08", "get", 422, "提交的内容有误", ""),
]


@pytest.mark.parametrize(
    ("path", "method", "status", "title", "message"), ERROR_CASES, ids=[str(case[2]) for case in ERROR_CASES]
)
def test_error_pages_have_the_sites_layout_the_menu_and_a_way_back(
    cadre: httpx.Client, path: str, method: str, status: int, title: str, message: str
):
    answer = cadre.request(method.upper(), path, headers={"referer": str(cadre.base_url) + "/board"})
    _assert_error_page(answer, status, title, message)
    assert '<span class="who-name">陆干部</span>' in answer.text  # the menu of whoever is logged in
    assert '<a href="/board">返回上一页</a>' in answer.text


def test_a_refused_forged_form_and_a_server_failure_get_the_same_page(
    served: Served, cadre: httpx.Client, monkeypatch: pytest.MonkeyPatch
):
    forged = cadre.post("/visits", data={"csrf_token": "forged"}, headers={"x-csrf-token": ""})
    _assert_error_page(forged, 403, "没有权限", "安全校验失败")

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(served.ganxin.case_queries, "list_cases", broken)
    failed = cadre.get("/cases")
    _assert_error_page(failed, 500, "服务器出错了", "服务器内部错误，请稍后重试")
    assert "a bug" not in failed.text and "Traceback" not in failed.text


def _assert_error_page(answer: httpx.Response, status: int, title: str, message: str) -> None:
    """The error page of web/templates/error.html: the site's stylesheet, phone viewport, title, reason, links."""
    assert answer.status_code == status, answer.text[:300]
    assert answer.headers["content-type"].startswith("text/html")
    html = answer.text
    assert '<link rel="stylesheet" href="/static/app.css">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert re.search(rf'<h1 id="error-title">{re.escape(title)}</h1>', html), html[:500]
    assert message in re.search(r'<p class="error" role="alert">([^<]*)</p>', html).group(1)
    assert '<a href="/cases">返回问题清单</a>' in html
