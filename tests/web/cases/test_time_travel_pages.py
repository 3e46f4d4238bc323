"""Time travel over real HTTP on the district scenario: the API and the pages, with their banner."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest

from application.shared.clock import SHANGHAI
from tests.web.page_support import action_forms, text_of
from tests.web.people import LEAD
from tests.web.scenario_support import Site, scenario_fixture

SEPTEMBER_END = "2026-09-30"
BANNER_AT_SIX = "以下为 2026-09-30 18:00（北京时间）时的状态，之后的变化未显示"
BANNER_DAY_END = "以下为 2026-09-30 24:00（北京时间）时的状态，之后的变化未显示"


# One loaded scenario per database for the module: these tests only read it.
served = scenario_fixture()


@pytest.fixture
def lead(served: Site) -> httpx.Client:
    return served.client(LEAD)


def _case_id(lead: httpx.Client, text: str) -> str:
    found = lead.get("/api/v1/cases", params={"q": text}).json()["items"]
    assert len(found) == 1, found
    return found[0]["case_id"]


def _history(lead: httpx.Client, case_id: str, **params: str) -> list[dict]:
    answer = lead.get(f"/api/v1/cases/{case_id}/history", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()["events"]


def _minute(at: str, delta: timedelta = timedelta()) -> str:
    return (datetime.fromisoformat(at) + delta).astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")


def _all(lead: httpx.Client, path: str, **params: str) -> dict[str, dict]:
    rows, page = {}, 1
    while True:
        answer = lead.get(path, params={**params, "page": str(page), "per_page": "50"}).json()
        rows.update({row["case_id"]: row for row in answer["items"]})
        if page >= answer["pages"]:
            return rows
        page += 1


def test_the_api_shows_a_case_before_and_after_a_transfer(lead: httpx.Client):
    case_id = _case_id(lead, "大高")
    moved = next(e for e in _history(lead, case_id) if e["type"] == "Transferred")
    before = lead.get(f"/api/v1/cases/{case_id}", params={"at": _minute(moved["at"], -timedelta(minutes=1))}).json()
    after = lead.get(f"/api/v1/cases/{case_id}", params={"at": _minute(moved["at"])}).json()
    assert (before["lead_unit"], after["lead_unit"]) == (moved["fields"]["from_unit"], moved["fields"]["to_unit"])
    assert before["actions"] == after["actions"] == [] and after["version"] == moved["version"]
    assert after["as_of"] == f"{_minute(moved['at'])}:00+08:00"
    assert [e["version"] for e in _history(lead, case_id, at=_minute(moved["at"]))] == list(
        range(1, moved["version"] + 1)
    )


def test_the_list_and_board_as_of_september_differ_from_today_exactly_in_the_cases_changed_since(lead):
    cutoff = datetime(2026, 10, 1, tzinfo=SHANGHAI)
    then, now = _all(lead, "/api/v1/cases", as_of=SEPTEMBER_END), _all(lead, "/api/v1/cases")
    changed = {
        case_id for case_id in now if any(datetime.fromisoformat(e["at"]) >= cutoff for e in _history(lead, case_id))
    }
    assert changed and {case_id for case_id in now if then.get(case_id) != now[case_id]} == changed
    board_then = _all(lead, "/api/v1/board", as_of=SEPTEMBER_END)
    board_now = _all(lead, "/api/v1/board")
    differing = {c for c in board_then.keys() | board_now.keys() if board_then.get(c) != board_now.get(c)}
    assert differing and differing <= changed
    answer = lead.get("/api/v1/board", params={"as_of": SEPTEMBER_END}).json()
    assert answer["as_of"] == "2026-10-01T00:00:00+08:00" and answer["total"] == len(board_then)


def test_bad_moments_are_refused_in_chinese_and_write_nothing(served: Site, lead: httpx.Client):
    case_id = _case_id(lead, "恒基")
    logged = _history(lead, case_id)[0]["at"]
    written = served.events_written()
    refusals = [
        (f"/api/v1/cases/{case_id}", {"at": "2027-01-01T09:00"}, 422, "moment_in_future"),
        (f"/api/v1/cases/{case_id}/history", {"at": "2030-01-01"}, 422, "moment_in_future"),
        ("/api/v1/cases", {"as_of": "2026-11-21"}, 422, "moment_in_future"),
        ("/api/v1/board", {"as_of": "2026/09/30"}, 422, "invalid_moment"),
        (f"/api/v1/cases/{case_id}", {"at": "2026-02-30T10:00"}, 422, "invalid_moment"),
        (f"/api/v1/cases/{case_id}", {"at": _minute(logged, -timedelta(minutes=1))}, 404, "case_not_yet_logged"),
    ]
    for path, params, status, code in refusals:
        answer = lead.get(path, params=params)
        assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), (path, params, answer.text)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in answer.json()["error"]["message"])
    page = lead.get(f"/cases/{case_id}", params={"at": "2027-01-01T09:00"})
    assert page.status_code == 422 and "尚未到来" in text_of(page.text)
    page = lead.get(f"/cases/{case_id}", params={"at": _minute(logged, -timedelta(days=1))})
    assert page.status_code == 404 and "尚未登记" in text_of(page.text)
    assert served.events_written() == written


def test_the_case_page_at_a_moment_has_the_banner_and_no_actions(lead: httpx.Client):
    case_id = _case_id(lead, "大高")  # open now, logged in spring, worked on into the autumn
    now = lead.get(f"/cases/{case_id}")
    assert action_forms(now.text) and "之后的变化未显示" not in now.text
    past = lead.get(f"/cases/{case_id}", params={"at": "2026-09-30T18:00"})
    assert past.status_code == 200
    assert BANNER_AT_SIX in text_of(past.text) and action_forms(past.text) == []
    assert f'<a href="/cases/{case_id}">返回当前状态</a>' in past.text
    shown = len(_history(lead, case_id, at="2026-09-30T18:00"))
    assert past.text.count('<li class="event event-') == shown < len(_history(lead, case_id))


def test_the_list_and_board_pages_as_of_a_day_have_the_banner_and_link_to_that_moment(lead: httpx.Client):
    listed = lead.get("/cases", params={"as_of": SEPTEMBER_END})
    assert listed.status_code == 200 and BANNER_DAY_END in text_of(listed.text)
    total = lead.get("/api/v1/cases", params={"as_of": SEPTEMBER_END}).json()["total"]
    assert f"共 {total} 个问题" in text_of(listed.text) and '?at=2026-09-30"' in listed.text
    assert '<a href="/cases">返回当前状态</a>' in listed.text
    board = lead.get("/board", params={"as_of": SEPTEMBER_END})
    counts = lead.get("/api/v1/board", params={"as_of": SEPTEMBER_END}).json()["counts"]
    assert board.status_code == 200 and BANNER_DAY_END in text_of(board.text)
    assert f"超期 {counts['red']} 预警 {counts['yellow']}" in text_of(board.text)
    assert "之后的变化未显示" not in lead.get("/board").text


def test_moments_out_of_range_are_refused_in_chinese_and_write_nothing(served: Site, lead: httpx.Client):
    written = served.events_written()
    for path, moment in [
        ("/api/v1/cases", "0001-01-01T00:00"),
        ("/api/v1/board", "0001-01-01"),
        ("/api/v1/cases", "9999-12-31T23:59"),
    ]:
        answer = lead.get(path, params={"as_of": moment})
        assert answer.status_code == 422, (path, moment, answer.text)
        error = answer.json()["error"]
        assert error["code"] == "date_out_of_range" and "超出有效日期范围" in error["message"], (path, moment)
    for path in ("/cases", "/board"):
        page = lead.get(path, params={"as_of": "0001-01-01T00:00"})
        assert page.status_code == 422 and "超出有效日期范围" in text_of(page.text), path
    assert served.events_written() == written
