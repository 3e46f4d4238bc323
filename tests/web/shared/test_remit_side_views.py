"""A case outside someone's remit stays out of every side view: meetings, task-force and project pages, ledgers,
the handbook, the service-star ranking (issue 10, items 1, 3 and 4), on the district scenario over real HTTP."""

from __future__ import annotations

import re
from io import BytesIO
from uuid import uuid4

import httpx
import pytest
from openpyxl import load_workbook

from application.cases.ports import CaseFilter
from domain.cases.case import Case
from domain.task_forces.task_force import TaskForce
from tests.web.people import HANDLER, LEAD, Person
from tests.web.scenario_support import DESK, Site, scenario_fixture

WANXIANGHUI, DACHUAN, PROJECT = "tf-wanxianghui", "tf-dachuan", "kp-wanxianghui"
# Leads tf-dachuan only: the Wanxianghui cases and the unlisted ones are outside their remit.
DACHUAN_LEAD = Person("lead-dachuan", "大川专班负责人", "task_force_lead", task_forces=(DACHUAN,))
FAGAI_HANDLER = Person("handler-fagai", "发改承办人", "unit_handler", unit="fagai")  # a member, with no cases
CASE_NO = re.compile(r"\b20\d{6}-[0-9A-F]{6}\b")
CASE_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


# One loaded scenario per database: every refusal here must write nothing, so the tests can share it.
site = scenario_fixture()


def _visible(client: httpx.Client) -> dict[str, dict]:
    """Every case the person's own case list gives them (what /cases/{id} lets them open), by id."""
    seen, page = {}, 1
    while True:
        body = client.get("/api/v1/cases", params={"page": page, "per_page": 100}).json()
        seen.update({item["case_id"]: item for item in body["items"]})
        if page >= body["pages"]:
            return seen
        page += 1


def _named(text: str) -> tuple[set[str], set[str]]:
    """The case ids and case numbers a response names."""
    return set(CASE_ID.findall(text)), set(CASE_NO.findall(text))


def _outside_case(site: Site) -> Case:
    """An open case of the scenario on no task force's list: outside the tf-dachuan lead's remit."""
    cases = site.ganxin.case_queries.list_cases(DESK, CaseFilter(per_page=100)).items
    summary = next(c for c in cases if c.task_force is None and c.status in ("accepted", "assigned"))
    return site.ganxin.store.load(summary.case_id, Case)


def _api_listing(site: Site, client: httpx.Client, case_id: str) -> httpx.Response:
    body = {
        "expected_version": site.ganxin.store.load(TaskForce.create_id(DACHUAN), TaskForce).version,
        "held_on": "2026-11-19",
        "attendees": ["区领导"],
        "listed": [{"case_id": case_id, "lead_unit": "yingshang", "working_days": 10}],
    }
    return client.post(f"/api/v1/task-forces/{DACHUAN}/meetings", json=body)


def test_a_lead_cannot_list_a_case_outside_their_remit_through_the_api(site: Site):
    lead, case, before = site.client(DACHUAN_LEAD), _outside_case(site), site.events_written()
    assert lead.get(f"/api/v1/cases/{case.id}").status_code == 404
    unknown_id = str(uuid4())
    outside, unknown = _api_listing(site, lead, str(case.id)), _api_listing(site, lead, unknown_id)
    assert outside.status_code == unknown.status_code == 422, outside.text
    outside_error = outside.json()["error"]
    unknown_error = unknown.json()["error"]
    assert outside_error["message"].replace(str(case.id), "<id>") == unknown_error["message"].replace(
        unknown_id, "<id>"
    )
    assert (outside_error["code"], outside_error["field"]) == (unknown_error["code"], unknown_error["field"])
    assert "不存在" in outside_error["message"]
    assert site.events_written() == before
    assert site.ganxin.store.load(case.id, Case).version == case.version
    assert site.ganxin.store.load(case.id, Case).task_force is None


def test_a_lead_cannot_list_a_case_outside_their_remit_by_typing_its_id_in_the_form(site: Site):
    lead, case, before = site.client(DACHUAN_LEAD), _outside_case(site), site.events_written()
    form = lead.get(f"/task-forces/{DACHUAN}").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)

    def listing(typed: str) -> httpx.Response:
        version = site.ganxin.store.load(TaskForce.create_id(DACHUAN), TaskForce).version
        return lead.post(
            f"/task-forces/{DACHUAN}/meetings",
            data={
                "csrf_token": token,
                "expected_version": str(version),
                "held_on": "2026-11-19",
                "title": "调度会",
                "attendees": "区领导",
                "listed_case": typed,
                "listed_unit": "yingshang",
                "listed_days": "10",
            },
        )

    unknown_id = str(uuid4())
    outside, unknown = listing(str(case.id)), listing(unknown_id)
    assert outside.status_code == unknown.status_code == 422
    assert f"问题“{case.id}”不存在" in outside.text and f"问题“{unknown_id}”不存在" in unknown.text
    assert _page_of(outside.text, str(case.id)) == _page_of(unknown.text, unknown_id)
    assert site.events_written() == before
    assert site.ganxin.store.load(case.id, Case).task_force is None


def _page_of(html: str, case_id: str) -> str:
    """The page with the typed id and the freshly drawn form keys blanked: what tells one refusal from another."""
    return re.sub(
        r'name="idempotency_key" value="[0-9a-f]{32}"', 'name="idempotency_key"', html.replace(case_id, "<id>")
    )


def _side_views(key: str, project: str) -> list[str]:
    return [
        f"/task-forces/{key}",
        f"/task-forces/{key}?as_of=2026-06-30",
        f"/api/v1/task-forces/{key}",
        f"/api/v1/task-forces/{key}?as_of=2026-06-30",
        f"/projects/{project}",
        f"/projects/{project}?as_of=2026-06-30",
        f"/api/v1/projects/{project}",
        f"/api/v1/projects/{project}?as_of=2026-06-30",
        "/handbook",
        "/handbook?as_of=2026-06-30",
    ]


@pytest.mark.parametrize("person", [HANDLER, FAGAI_HANDLER], ids=["zhujian", "fagai"])
def test_a_member_units_handler_sees_only_their_units_cases_on_every_side_view(site: Site, person: Person):
    client = site.client(person)
    visible = _visible(client)
    numbers = {item["case_no"] for item in visible.values()}
    everything = site.ganxin.reads.projects.problems(task_force=WANXIANGHUI)
    outside = [p.case for p in everything if str(p.case.case_id) not in visible]
    assert outside, "the scenario must hold Wanxianghui cases this handler's unit neither leads nor supports"
    for path in _side_views(WANXIANGHUI, PROJECT):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.status_code)
        ids, shown_numbers = _named(answer.text)
        assert not ids & {str(c.case_id) for c in outside}, path
        assert shown_numbers <= numbers, (path, shown_numbers - numbers)
        assert not any(c.description in answer.text for c in outside), path
    mine = sorted(str(p.case.case_id) for p in everything if str(p.case.case_id) in visible)
    detail = client.get(f"/api/v1/task-forces/{WANXIANGHUI}").json()
    assert sorted(p["case_id"] for p in detail["problems"]) == mine
    assert sorted(p["case_id"] for p in client.get(f"/api/v1/projects/{PROJECT}").json()["problems"]) == mine


@pytest.mark.parametrize("person", [HANDLER, FAGAI_HANDLER], ids=["zhujian", "fagai"])
def test_the_counts_a_member_units_handler_reads_count_only_the_cases_they_see(site: Site, person: Person):
    client = site.client(person)
    visible = _visible(client)
    mine = [p for p in site.ganxin.reads.projects.problems(task_force=WANXIANGHUI) if str(p.case.case_id) in visible]
    for suffix in ("", "?as_of=2026-06-30"):  # every Wanxianghui case was on the list by the end of June
        overview = {t["key"]: t for t in client.get("/api/v1/task-forces-overview" + suffix).json()["items"]}
        projects = {p["key"]: p for p in client.get("/api/v1/projects" + suffix).json()["items"]}
        detail = client.get(f"/api/v1/task-forces/{WANXIANGHUI}{suffix}").json()
        assert overview[WANXIANGHUI]["total"] == detail["total"] == projects[PROJECT]["total"] == len(mine), suffix
    page = client.get(f"/task-forces/{WANXIANGHUI}").text
    assert f"问题 {len(mine)} 个" in page


@pytest.mark.parametrize(
    "path", [f"/api/v1/task-forces/{WANXIANGHUI}/ledger.xlsx", f"/api/v1/projects/{PROJECT}/ledger.xlsx"]
)
def test_a_member_units_handler_exports_only_their_units_cases(site: Site, path: str):
    client = site.client(HANDLER)
    visible = _visible(client)
    everything = site.ganxin.reads.projects.problems(task_force=WANXIANGHUI)
    theirs = sorted(p.case.description for p in everything if str(p.case.case_id) in visible)
    assert 0 < len(theirs) < len(everything)
    for suffix in ("", "?as_of=2026-06-30"):
        sheet = load_workbook(BytesIO(client.get(path + suffix).content)).worksheets[0]
        described = sorted(row[2] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0])
        assert described == theirs, suffix


def test_the_service_star_ranking_shows_a_lead_only_the_cases_in_their_remit(site: Site):
    lead = site.client(DACHUAN_LEAD)
    numbers = {item["case_no"] for item in _visible(lead).values()}
    period = {"start": "2026-03-01", "end": "2026-04-30"}
    theirs, desks = (
        lead.get("/api/v1/service-stars", params=period),
        site.client(LEAD).get("/api/v1/service-stars", params=period),
    )
    assert theirs.status_code == desks.status_code == 200
    shown = {c["case_no"] for e in theirs.json()["entries"] for c in e["cases"]}
    assert shown <= numbers
    assert {c["case_no"] for e in desks.json()["entries"] for c in e["cases"]} - numbers, "the desk sees the rest"
    # The scores still count every case: only what is shown behind them is scoped.
    assert [(e["secretary_id"], e["score"]) for e in theirs.json()["entries"]] == [
        (e["secretary_id"], e["score"]) for e in desks.json()["entries"]
    ]
    page = lead.get("/service-stars", params=period)
    assert page.status_code == 200 and _named(page.text)[1] <= numbers
