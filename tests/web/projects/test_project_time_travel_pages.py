"""Task forces and projects as they stood on a past day, over real HTTP on the district scenario (both databases)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import httpx
import pytest

from application.shared.as_of import end_of_local_day
from application.shared.clock import SHANGHAI
from domain.projects.key_project import KeyProject
from tests.web.page_support import text_of
from tests.web.people import LEAD
from tests.web.scenario_support import SECRETARY, Site, scenario_fixture

WANXIANGHUI = "tf-wanxianghui"
BETWEEN_MEETINGS = "2026-04-20"  # after the first meeting (04-15), before the second (04-29) struck ten off
BANNER = f"以下为 {BETWEEN_MEETINGS} 24:00（北京时间）时的状态，之后的变化未显示"
CLOSED = ("closed", "cannot_do")


# One loaded scenario per database for the module: these tests only read it.
served = scenario_fixture()


@pytest.fixture
def lead(served: Site) -> httpx.Client:
    return served.client(LEAD)


def _project_id(key: str):
    return KeyProject.create_id(key)


def _ok(answer: httpx.Response) -> dict:
    assert answer.status_code == 200, answer.text
    return answer.json()


def _post_forms(html: str) -> list[str]:
    """Where the page's POST forms send, but for logging out (on every page)."""
    return [a for a in re.findall(r'<form method="post" action="([^"]+)"', html) if a != "/logout"]


def _cases_then(lead: httpx.Client, case_ids: list[str], moment: str) -> dict[str, dict]:
    """Each case replayed from its own events at the moment (a source independent of rm_case_versions)."""
    found = {}
    for case_id in case_ids:
        answer = lead.get(f"/api/v1/cases/{case_id}", params={"at": moment})
        if answer.status_code == 200:
            found[case_id] = answer.json()
    return found


def test_the_task_force_between_its_meetings_shows_its_list_as_it_stood(lead: httpx.Client):
    now = _ok(lead.get(f"/api/v1/task-forces/{WANXIANGHUI}"))
    then = _ok(lead.get(f"/api/v1/task-forces/{WANXIANGHUI}", params={"as_of": BETWEEN_MEETINGS}))
    replayed = _cases_then(lead, [p["case_id"] for p in now["problems"]], BETWEEN_MEETINGS)
    listed = {case_id: c for case_id, c in replayed.items() if c["task_force"] == WANXIANGHUI}
    assert {p["case_id"]: p["status"] for p in then["problems"]} == {k: c["status"] for k, c in listed.items()}
    assert then["total"] == len(then["problems"]) == 11 and then["struck_off"] == 0  # nothing struck off before 04-29
    assert then["open"] == sum(c["status"] not in CLOSED for c in listed.values())
    assert then["overdue"] == sum(
        c["status"] not in (*CLOSED, "resolved") and c["due_on"] is not None and c["due_on"] < BETWEEN_MEETINGS
        for c in listed.values()
    )
    assert [m["number"] for m in then["meetings_held"]] == [1] and then["meetings"] == 1
    assert [m["number"] for m in now["meetings_held"]] == [1, 2, 3] and now["struck_off"] == 11
    assert then["as_of"] == "2026-04-21T00:00:00+08:00" and now["as_of"] is None


def test_the_overview_as_of_that_day_counts_from_the_past_rows(lead: httpx.Client):
    now = {t["key"]: t for t in _ok(lead.get("/api/v1/task-forces-overview"))["items"]}
    then = _ok(lead.get("/api/v1/task-forces-overview", params={"as_of": BETWEEN_MEETINGS}))
    rows = {t["key"]: t for t in then["items"]}
    assert set(rows) == {k for k, t in now.items() if t["formed_on"] <= BETWEEN_MEETINGS}
    detail = _ok(lead.get(f"/api/v1/task-forces/{WANXIANGHUI}", params={"as_of": BETWEEN_MEETINGS}))
    counts = ("total", "open", "overdue", "struck_off", "meetings")
    assert {k: rows[WANXIANGHUI][k] for k in counts} == {k: detail[k] for k in counts}
    assert (rows[WANXIANGHUI]["struck_off"], rows[WANXIANGHUI]["meetings"]) == (0, 1)
    assert (now[WANXIANGHUI]["struck_off"], now[WANXIANGHUI]["meetings"]) == (11, 3)
    assert then["as_of"] == "2026-04-21T00:00:00+08:00"


def test_the_pages_as_of_that_day_have_the_banner_no_forms_and_links_to_that_moment(lead: httpx.Client):
    overview = lead.get("/task-forces", params={"as_of": BETWEEN_MEETINGS})
    assert overview.status_code == 200 and BANNER in text_of(overview.text)
    assert f'href="/task-forces/{WANXIANGHUI}?as_of={BETWEEN_MEETINGS}"' in overview.text
    assert '<a href="/task-forces">返回当前状态</a>' in overview.text
    assert "之后的变化未显示" not in lead.get("/task-forces").text
    page = lead.get(f"/task-forces/{WANXIANGHUI}", params={"as_of": BETWEEN_MEETINGS})
    text = text_of(page.text)
    assert page.status_code == 200 and BANNER in text
    assert "问题清单（11 个）" in text and "调度会（1 次）" in text and "第2次" not in text
    assert _post_forms(page.text) == []
    assert page.text.count(f'?at={BETWEEN_MEETINGS}"') >= 11
    now = lead.get(f"/task-forces/{WANXIANGHUI}")
    assert "调度会（3 次）" in text_of(now.text) and "之后的变化未显示" not in now.text
    assert _post_forms(now.text) == [f"/task-forces/{WANXIANGHUI}/meetings"]  # the desk may record one today


def _achieved(lead: httpx.Client) -> tuple[str, dict]:
    for row in _ok(lead.get("/api/v1/projects"))["items"]:
        done = [m for m in _ok(lead.get(f"/api/v1/projects/{row['key']}"))["milestones"] if m["achieved_on"]]
        if done:
            return row["key"], done[0]
    raise AssertionError("the scenario has no milestone achieved")


def test_a_project_the_day_before_a_milestone_was_reached_shows_it_not_reached(lead: httpx.Client):
    key, milestone = _achieved(lead)
    day_before = (date.fromisoformat(milestone["achieved_on"]) - timedelta(days=1)).isoformat()
    then = _ok(lead.get(f"/api/v1/projects/{key}", params={"as_of": day_before}))
    shown = next(m for m in then["milestones"] if m["name"] == milestone["name"])
    assert shown["achieved_on"] is None and not shown["state"].endswith("完成")
    assert then["total"] == len(then["problems"]) and then["open"] == sum(
        p["status"] not in CLOSED for p in then["problems"]
    )
    page = lead.get(f"/projects/{key}", params={"as_of": day_before})
    assert page.status_code == 200 and f"以下为 {day_before} 24:00（北京时间）" in text_of(page.text)
    assert _post_forms(page.text) == [] and _post_forms(lead.get(f"/projects/{key}").text)
    assert f'<a href="/projects/{key}">返回当前状态</a>' in page.text
    listed = {p["key"]: p for p in _ok(lead.get("/api/v1/projects", params={"as_of": day_before}))["items"]}
    assert (listed[key]["total"], listed[key]["open"]) == (then["total"], then["open"])
    projects = lead.get("/projects", params={"as_of": day_before})
    assert projects.status_code == 200 and f'href="/projects/{key}?as_of={day_before}"' in projects.text


def test_a_project_ledger_then_shows_each_case_as_it_stood(lead: httpx.Client):
    key = "kp-wanxianghui"
    now = _ok(lead.get(f"/api/v1/projects/{key}"))
    then = _ok(lead.get(f"/api/v1/projects/{key}", params={"as_of": BETWEEN_MEETINGS}))
    replayed = _cases_then(lead, [p["case_id"] for p in now["problems"]], BETWEEN_MEETINGS)
    assert then["problems"] and {p["case_id"]: p["status"] for p in then["problems"]} == {
        p["case_id"]: replayed[p["case_id"]]["status"] for p in then["problems"]
    }
    assert then["open"] > now["open"] == 0  # all eleven cleared by the end of May


def test_the_project_list_then_holds_only_the_projects_registered_by_then(served: Site, lead: httpx.Client):
    registered = {}
    for project in _ok(lead.get("/api/v1/projects"))["items"]:
        first_event = next(iter(served.ganxin.store.stored_events_of(_project_id(project["key"]))))
        registered[project["key"]] = first_event.timestamp
    first = min(registered.values())
    day_before = (first.astimezone(SHANGHAI).date() - timedelta(days=1)).isoformat()
    assert _ok(lead.get("/api/v1/projects", params={"as_of": day_before}))["items"] == []
    then = _ok(lead.get("/api/v1/projects", params={"as_of": BETWEEN_MEETINGS}))["items"]
    cutoff = end_of_local_day(date.fromisoformat(BETWEEN_MEETINGS))
    assert {p["key"] for p in then} == {key for key, at in registered.items() if at < cutoff}


def test_the_past_is_read_within_the_persons_remit_today(served: Site):
    secretary = served.client(SECRETARY)
    mine = [p["key"] for p in _ok(secretary.get("/api/v1/projects"))["items"]]
    then = _ok(secretary.get("/api/v1/projects", params={"as_of": BETWEEN_MEETINGS}))
    assert [p["key"] for p in then["items"]] == mine == ["kp-wanxianghui"]
    other = secretary.get("/api/v1/projects/kp-liancheng", params={"as_of": BETWEEN_MEETINGS})
    assert (other.status_code, other.json()["error"]["code"]) == (404, "not_found")


def test_bad_or_future_moments_are_refused_in_chinese_and_write_nothing(served: Site, lead: httpx.Client):
    written = served.events_written()
    paths = [
        "/api/v1/task-forces-overview",
        f"/api/v1/task-forces/{WANXIANGHUI}",
        "/api/v1/projects",
        "/api/v1/projects/kp-wanxianghui",
    ]
    for path in paths:
        for value, code in (("2026-11-21", "moment_in_future"), ("2026/04/20", "invalid_moment")):
            answer = lead.get(path, params={"as_of": value})
            assert (answer.status_code, answer.json()["error"]["code"]) == (422, code), (path, value, answer.text)
    for path in ("/task-forces", f"/task-forces/{WANXIANGHUI}", "/projects", "/projects/kp-wanxianghui"):
        page = lead.get(path, params={"as_of": "2026-11-21"})
        assert page.status_code == 422 and "尚未到来" in text_of(page.text), path
    early = lead.get(f"/api/v1/task-forces/{WANXIANGHUI}", params={"as_of": "2026-01-01"})
    assert (early.status_code, early.json()["error"]["code"]) == (404, "task_force_not_yet_formed")
    assert "尚未成立" in text_of(lead.get(f"/task-forces/{WANXIANGHUI}", params={"as_of": "2026-01-01"}).text)
    assert served.events_written() == written


def test_the_task_force_counts_cases_not_struck_off_as_unclosed_never_as_unresolved(lead: httpx.Client):
    now = _ok(lead.get(f"/api/v1/task-forces/{WANXIANGHUI}"))
    replayed = _cases_then(lead, [p["case_id"] for p in now["problems"]], BETWEEN_MEETINGS)
    statuses = [c["status"] for c in replayed.values() if c["task_force"] == WANXIANGHUI]
    resolved = statuses.count("resolved")
    unresolved = sum(s not in (*CLOSED, "resolved") for s in statuses)
    assert resolved > 0 and len(statuses) == 11  # before the second meeting struck them off: shown as 已办结
    text = text_of(lead.get(f"/task-forces/{WANXIANGHUI}", params={"as_of": BETWEEN_MEETINGS}).text)
    assert f"未销号 {resolved + unresolved} 个：未办结 {unresolved} 个" in text, text[:600]
    assert f"已办结待评价或销号 {resolved} 个" in text
    assert f"未办结 {resolved + unresolved} 个" not in text  # the old wording counted 已办结 cases as 未办结
    overview = text_of(lead.get("/task-forces", params={"as_of": BETWEEN_MEETINGS}).text)
    assert "未销号" in overview and "未办结" not in overview
    project = text_of(lead.get("/projects/kp-wanxianghui", params={"as_of": BETWEEN_MEETINGS}).text)
    assert f"未销号 {resolved + unresolved} 个（含已办结待评价或销号的）" in project and "未办结" not in project
