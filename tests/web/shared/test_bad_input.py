"""Bad input is a clear 4xx with a Chinese message, never a 500, and writes nothing (issue 10, items 8–11, 14, 16).

On the district scenario, over real HTTP, pages and API, SQLite and PostgreSQL. Every request here is refused,
so one loaded scenario per database serves the whole module.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pyotp
import pytest
from fastapi.routing import iter_route_contexts

from application.cases.ports import CaseFilter
from domain.projects.key_project import KeyProject
from tests.support.auth import TEST_PASSWORD, TOTP_SECRETS, create_user, csrf_origin, hidden_csrf
from tests.web.matrix_support import throwaway_app
from tests.web.page_support import text_of
from tests.web.people import LEAD
from tests.web.scenario_support import (
    CADRE,
    DESK,
    INSPECTOR,
    SECRETARY,
    post_meeting,
    scenario_fixture,
    unlisted_open_case,
)

TASK_FORCE, PROJECT = "tf-wanxianghui", "kp-wanxianghui"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
HUGE = "9" * 5000
RANGE = "2000-01-01 至 2099-12-31"


# One loaded scenario per database: everything sent here is refused.
site = scenario_fixture()


def api_error(response: httpx.Response, status: int = 422) -> dict[str, Any]:
    """The JSON error envelope, after checking the status."""
    assert response.status_code == status, response.text[:300]
    return response.json()["error"]


def refused_page(response: httpx.Response, status: int = 422) -> str:
    """What a refused page says, after checking it is a page and the status."""
    assert response.status_code == status, text_of(response.text)[:300]
    assert response.headers["content-type"].startswith("text/html")
    return text_of(response.text)


def page_token(client: httpx.Client, path: str) -> str:
    """The CSRF token of a page's forms."""
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)[1]


# --- item 8: one-time codes in other digits -----------------------------------------------------------------
def test_totp_codes_in_full_width_or_arabic_indic_digits_are_wrong_codes_and_count_against_the_throttle(site):
    username = "odd-digits-inspector"
    create_user(site.ganxin, username, "inspector")
    secret, _ = TOTP_SECRETS[username]
    right = pyotp.TOTP(secret).at(site.ganxin.store.clock.now())
    with httpx.Client(base_url=site.logins.base_url, timeout=30) as client:
        origin = {"Origin": csrf_origin(client)}
        step = client.post(
            "/login",
            data={
                "username": username,
                "password": TEST_PASSWORD,
                "next": "/cases",
                "csrf_token": hidden_csrf(client.get("/login").text),
            },
            headers=origin,
            follow_redirects=False,
        )
        assert step.headers["location"].startswith("/login/totp")
        for code in [right.translate(FULL_WIDTH), right.translate(ARABIC_INDIC)] * 2 + ["１２３４５６"]:
            page = client.get("/login/totp")
            wrong = client.post(
                "/login/totp",
                data={"code": code, "next": "/cases", "csrf_token": hidden_csrf(page.text)},
                headers=origin,
            )
            assert wrong.status_code == 401 and "动态验证码不正确" in text_of(wrong.text), code
        page = client.get("/login/totp")
        throttled = client.post(
            "/login/totp",
            data={"code": right, "next": "/cases", "csrf_token": hidden_csrf(page.text)},
            headers=origin,
            follow_redirects=False,
        )
        assert throttled.status_code == 429  # five failures: even the right code is refused now
        assert client.get("/cases", follow_redirects=False).status_code == 303  # not logged in


# --- item 9: a deadline counted from the end of time ----------------------------------------------------------
def test_a_deadline_from_an_unrepresentable_start_is_refused_not_a_500(site):
    lead = site.client(LEAD)
    for start, code in [
        ("9999-12-31", "date_out_of_range"),
        ("0001-01-01", "date_out_of_range"),
        ("0", "invalid_date"),
        ("２０２６-０４-０８", "invalid_date"),
        ("1700000000", "invalid_date"),
    ]:
        error = api_error(lead.get("/api/v1/calendar/deadline", params={"start": start, "working_days": "1"}))
        assert (error["code"], error["field"]) == (code, "start"), start
        assert "分办日期" in error["message"]
    last = lead.get("/api/v1/calendar/deadline", params={"start": "2099-12-31", "working_days": "250"})
    assert last.status_code == 200 and last.json()["due_on"].startswith("2100-")


# --- item 10: integers -------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["²", "１２", "٣", HUGE, "-1", "+5", "1_000"])
def test_odd_integers_in_page_and_api_parameters_are_refused_by_name(site, value):
    lead, inspector = site.client(LEAD), site.client(INSPECTOR)
    for client, path, name in [
        (lead, "/cases", "page"),
        (lead, "/board", "page"),
        (site.client(CADRE), "/visits/new", "rows"),
        (inspector, "/accountability", "stall_days"),
    ]:
        text = refused_page(client.get(path, params={name: value}))
        assert "应为整数" in text, (path, value)
    for client, path, name in [
        (lead, "/api/v1/cases", "page"),
        (lead, "/api/v1/cases", "per_page"),
        (lead, "/api/v1/board", "page"),
        (lead, "/api/v1/enterprises", "limit"),
        (inspector, "/api/v1/accountability", "stall_days"),
    ]:
        error = api_error(client.get(path, params={name: value}))
        assert error["field"] == name and "应为整数" in error["message"], (path, value, error)


def test_a_meeting_time_limit_in_full_width_digits_is_refused_and_nothing_is_written(site):
    lead, before = site.client(LEAD), site.events_written()
    unlisted = unlisted_open_case(site)
    answer = post_meeting(
        site,
        lead,
        held_on="2026-11-19",
        attendees="区领导",
        listed_case=unlisted.case_no,
        listed_unit="zhujian",
        listed_days="１０",
    )
    assert "办理时限应为整数" in refused_page(answer)
    assert site.events_written() == before


# --- item 11: long search texts --------------------------------------------------------------------------------
def test_a_search_text_longer_than_200_characters_is_refused_on_the_page_and_the_api(site):
    lead = site.client(LEAD)
    assert "查找文字不能超过200字" in refused_page(lead.get("/cases", params={"q": "管" * 201}))
    assert "查找文字不能超过200字" in refused_page(
        lead.get("/cases", params={"q": "a" * 12_000, "as_of": "2026-09-30"})
    )
    assert api_error(lead.get("/api/v1/cases", params={"q": "管" * 201}))["field"] == "q"
    assert lead.get("/cases", params={"q": "管" * 200}).status_code == 200


def test_a_50_kb_case_number_in_the_meeting_form_is_refused_and_nothing_is_written(site):
    lead, before = site.client(LEAD), site.events_written()
    answer = post_meeting(
        site,
        lead,
        held_on="2026-11-19",
        attendees="区领导",
        listed_case="x" * 60_000,
        listed_unit="zhujian",
        listed_days="10",
    )
    assert "问题编号不能超过200字" in refused_page(answer)
    assert site.events_written() == before


# --- item 14: one range of valid dates, references checked ----------------------------------------------------------
def _task_force(**fields: Any) -> dict[str, Any]:
    return {
        "key": "tf-badinput",
        "name": "日期测试专班",
        "leader": "区领导",
        "member_units": ["zhujian"],
        "formed_on": "2026-11-01",
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"formed_on": "9999-12-31"}, "date_out_of_range", "formed_on"),
        ({"formed_on": "0001-01-01"}, "date_out_of_range", "formed_on"),
        ({"formed_on": "0"}, "invalid_date", "formed_on"),
        ({"formed_on": 0}, "invalid_date", "formed_on"),
        ({"project": "kp-no-such-project"}, "invalid_value", "project"),
    ],
    ids=["9999", "0001", "zero-text", "zero-number", "unknown-project"],
)
def test_a_task_force_with_an_impossible_date_or_project_is_refused_and_nothing_is_written(site, fields, code, field):
    lead, before = site.client(LEAD), site.events_written()
    error = api_error(lead.post("/api/v1/task-forces", json=_task_force(**fields)))
    assert (error["code"], error["field"]) == (code, field)
    assert RANGE in error["message"] or "YYYY-MM-DD" in error["message"] or "重点项目" in error["message"]
    assert site.events_written() == before


def test_a_milestone_in_9999_is_refused_on_the_page_and_the_api(site):
    secretary, before = site.client(SECRETARY), site.events_written()
    version = site.ganxin.store.load(KeyProject.create_id(PROJECT), KeyProject).version
    error = api_error(
        secretary.post(
            f"/api/v1/projects/{PROJECT}/milestones",
            json={"name": "远期节点", "planned_on": "9999-12-31", "expected_version": version},
        )
    )
    assert (error["code"], error["field"]) == ("date_out_of_range", "planned_on") and RANGE in error["message"]
    page = secretary.post(
        f"/projects/{PROJECT}/milestones",
        data={
            "csrf_token": page_token(secretary, f"/projects/{PROJECT}"),
            "expected_version": str(version),
            "name": "远期节点",
            "planned_on": "9999-12-31",
        },
    )
    assert RANGE in refused_page(page)
    assert site.events_written() == before


def test_a_service_star_period_in_9999_is_refused_when_read_and_when_recorded(site):
    lead, before = site.client(LEAD), site.events_written()
    period = {"start": "9999-11-01", "end": "9999-12-31"}
    assert api_error(lead.get("/api/v1/service-stars", params=period))["code"] == "date_out_of_range"
    assert RANGE in refused_page(lead.get("/service-stars", params=period))
    error = api_error(lead.post("/api/v1/service-stars", json={**period, "secretary_ids": [SECRETARY.username]}))
    assert error["code"] == "date_out_of_range"
    page = lead.post(
        "/service-stars", data={"csrf_token": page_token(lead, "/service-stars"), **period, "stars": SECRETARY.username}
    )
    assert RANGE in refused_page(page)
    assert site.events_written() == before


@pytest.mark.parametrize("value", ["0", "1700000000", "9999-12-31", "0001-01-01", "２０２６-０９-３０"])
def test_as_of_days_outside_the_range_or_not_written_as_dates_are_refused_everywhere(site, value):
    lead, inspector = site.client(LEAD), site.client(INSPECTOR)
    for client, path in [
        (inspector, "/api/v1/accountability"),
        (inspector, "/api/v1/cannot-do"),
        (lead, f"/api/v1/task-forces/{TASK_FORCE}/ledger.xlsx"),
        (lead, "/api/v1/handbook.pdf"),
        (lead, "/api/v1/cases"),
        (lead, f"/api/v1/task-forces/{TASK_FORCE}"),
    ]:
        error = api_error(client.get(path, params={"as_of": value}))
        assert error["field"] == "as_of" and re.search("[\u4e00-\u9fff]", error["message"]), (path, error)
    for client, path in [
        (inspector, "/accountability"),
        (lead, "/handbook"),
        (lead, "/board"),
        (lead, f"/projects/{PROJECT}"),
    ]:
        refused_page(client.get(path, params={"as_of": value}))


# --- item 16: bidirectional controls ----------------------------------------------------------------------------------
@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u200f", "\u061c"])
def test_free_text_with_bidirectional_controls_is_refused_naming_the_field(site, control):
    lead, before = site.client(LEAD), site.events_written()
    error = api_error(lead.post("/api/v1/task-forces", json=_task_force(name=f"专班{control}名称")))
    assert error["field"] == "name" and "改变文字显示方向" in error["message"]
    visit = {
        "enterprise": {"uscc": "91210211983690064E", "name": "华润置地（大连）有限公司", "street": "中华路街道"},
        "channel": "visit",
        "occurred_on": "2026-11-19",
        "cadres": ["孙干部"],
        "problems": [{"category": "市政配套", "description": f"道路破损{control}exe.txt", "request": ""}],
    }
    error = api_error(site.client(CADRE).post("/api/v1/visits", json=visit))
    named = {e["field"]: e["message"] for e in error.get("errors") or [error]}
    assert "改变文字显示方向" in named["problems[0].description"]
    version = site.ganxin.store.load(KeyProject.create_id(PROJECT), KeyProject).version
    page = site.client(SECRETARY).post(
        f"/projects/{PROJECT}/milestones",
        data={
            "csrf_token": page_token(site.client(SECRETARY), f"/projects/{PROJECT}"),
            "expected_version": str(version),
            "name": f"节点{control}",
            "planned_on": "2026-12-31",
        },
    )
    assert "改变文字显示方向" in refused_page(page)
    assert site.events_written() == before


# --- every integer and date parameter of every GET route --------------------------------------------------------------
ODD = ["²", "１２３", HUGE, "-1", "9999-12-31", "0001-01-01", "\u202e1"]
NUMBER_OR_DAY = re.compile(r"page|per_page|rows|stall_days|limit|working_days|as_of|at|start|end")
REQUIRED = {"start": "2026-03-01", "end": "2026-04-30", "working_days": "5"}


def odd_parameters() -> list[tuple[str, str, tuple[str, ...]]]:
    """(path template, parameter, the route's other required parameters) for every GET route's number or day."""

    def names(dependant: Any) -> list[tuple[str, bool]]:
        found = [(p.name, p.field_info.is_required()) for p in dependant.query_params]
        return found + [n for d in dependant.dependencies for n in names(d)]

    with throwaway_app() as app:
        found = []
        for route in iter_route_contexts(app.routes):
            if "GET" not in (route.methods or ()) or getattr(route, "dependant", None) is None:
                continue
            params = names(route.dependant)
            required = tuple(name for name, needed in params if needed)
            found += [(route.path, name, required) for name, _ in params if NUMBER_OR_DAY.fullmatch(name)]
        return found


def test_odd_values_in_every_number_or_day_parameter_of_every_get_route_are_a_422_never_a_500(site):
    case_id = str(site.ganxin.case_queries.list_cases(DESK, CaseFilter(per_page=1)).items[0].case_id)
    keys = {"case_id": case_id, "year": "2026"}
    tried, refused = 0, []
    for template, name, required in odd_parameters():
        path = template.format(**{**keys, "key": PROJECT if "/projects/" in template else TASK_FORCE})
        person = CADRE if path == "/visits/new" else INSPECTOR if re.search("accountab|cannot-do", path) else LEAD
        base = {n: REQUIRED[n] for n in required}
        for value in ODD:
            answer = site.client(person).get(path, params={**base, name: value})
            tried += 1
            if answer.status_code != 422 or not re.search("[\u4e00-\u9fff]", answer.text):
                refused.append((path, name, value[:12], answer.status_code))
        if not path.endswith((".pdf", ".xlsx")):  # an export with every default is slow and proves nothing more
            blank = site.client(person).get(path, params={**base, name: ""})
            assert blank.status_code < 500, (path, name)
    assert tried > 300 and refused == []
