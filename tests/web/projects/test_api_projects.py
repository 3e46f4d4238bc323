"""Task forces, projects, exports and service stars through the JSON API over real HTTP."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from tests.web.api_support import Api, act, error_of, log_case
from tests.web.people import Person

LEADER = Person("leader-wang", "王立新", "task_force_lead", task_forces=("tf-test",))
SECRETARY = Person("secretary-sun", "孙晓东", "service_secretary")
INSPECTOR = Person("inspector-zhao", "赵监察", "inspector")


def form_task_force(api: Api) -> None:
    response = api.lead.post(
        "/api/v1/task-forces",
        json={
            "key": "tf-test",
            "name": "测试项目工作专班",
            "leader": "王立新",
            "member_units": ["zhujian", "chengguan"],
            "formed_on": "2026-04-08",
        },
    )
    assert response.status_code == 201, response.text


def test_a_meeting_lists_a_case_and_the_ledger_exports_it(api: Api) -> None:
    form_task_force(api)
    leader = api.logins.client_of(LEADER)
    # A lead lists what lies in their remit: here a problem they logged themselves (not yet on any list).
    case_id = log_case(leader, "项目周边燃气主管改线")
    assert act(api, case_id, "classify", 1, disposition="special").status_code == 200
    meeting = {
        "expected_version": 1,
        "held_on": "2026-04-08",
        "attendees": ["王立新", "区住建局"],
        "decisions": ["明确责任分工"],
        "listed": [{"case_id": case_id, "lead_unit": "zhujian", "working_days": 10}],
    }
    recorded = leader.post("/api/v1/task-forces/tf-test/meetings", json=meeting)
    assert recorded.status_code == 200, recorded.text
    assert recorded.json() == {"number": 1, "version": 2}
    again = leader.post("/api/v1/task-forces/tf-test/meetings", json=meeting)
    assert again.status_code == 409  # the version the leader saw is stale
    detail = leader.get("/api/v1/task-forces/tf-test").json()
    assert [p["case_id"] for p in detail["problems"]] == [case_id]
    assert detail["problems"][0]["due_on"] == "2026-04-22"
    workbook = leader.get("/api/v1/task-forces/tf-test/ledger.xlsx")
    assert workbook.status_code == 200
    sheet = load_workbook(BytesIO(workbook.content)).worksheets[0]
    assert sheet["C4"].value == "项目周边燃气主管改线" and sheet["D4"].value == "住建局"


def test_a_meeting_with_no_attendees_is_refused_in_chinese_and_writes_nothing(api: Api) -> None:
    form_task_force(api)
    leader = api.logins.client_of(LEADER)  # opening the account and logging in are events too
    before = api.events_written()
    response = leader.post(
        "/api/v1/task-forces/tf-test/meetings",
        json={"expected_version": 1, "held_on": "2026-04-08", "attendees": [], "decisions": ["x"]},
    )
    assert response.status_code == 422
    assert "参会人员" in error_of(response)["message"]
    assert api.events_written() == before


def test_projects_secretaries_milestones_and_the_handbook(api: Api) -> None:
    created = api.logins.client_of(Person("admin-li", "李管理", "admin"))
    assert created.get("/api/v1/projects").json()["items"] == []
    lead = api.lead
    log_case(api)  # registers the enterprise
    assert (
        lead.post(
            "/api/v1/projects",
            json={
                "key": "kp-test",
                "name": "测试重点项目",
                "enterprise_uscc": "91210211983690064E",
                "investment_cny": 300000000,
            },
        ).status_code
        == 201
    )
    appoint = {
        "expected_version": 1,
        "tier": "district",
        "secretary_id": "secretary-sun",
        "name": "孙晓东",
        "unit": "zhujian",
        "appointed_on": "2026-04-08",
    }
    assert lead.post("/api/v1/projects/kp-test/secretaries", json=appoint).json() == {"version": 2}
    twice = lead.post("/api/v1/projects/kp-test/secretaries", json={**appoint, "expected_version": 2})
    assert twice.status_code == 409 and error_of(twice)["code"] == "tier_occupied"
    secretary = api.logins.client_of(SECRETARY)
    assert [p["key"] for p in secretary.get("/api/v1/my-projects").json()["items"]] == ["kp-test"]
    planned = secretary.post(
        "/api/v1/projects/kp-test/milestones",
        json={"expected_version": 2, "name": "主体开工", "planned_on": "2026-06-30"},
    )
    assert planned.json() == {"version": 3}
    no_reason = secretary.post(
        "/api/v1/projects/kp-test/milestones",
        json={"expected_version": 3, "name": "主体开工", "planned_on": "2026-08-30"},
    )
    assert no_reason.status_code == 422 and "理由" in error_of(no_reason)["message"]
    inspector = api.logins.client_of(INSPECTOR)
    assert (
        inspector.post(
            "/api/v1/projects/kp-test/milestones",
            json={"expected_version": 3, "name": "竣工", "planned_on": "2027-06-30"},
        ).status_code
        == 403
    )
    pdf = inspector.get("/api/v1/handbook.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert inspector.get("/api/v1/handbook.pdf?as_of=2027-01-01").status_code == 422


def test_service_star_periods_must_not_end_before_they_start(api: Api) -> None:
    response = api.lead.get("/api/v1/service-stars?start=2026-04-30&end=2026-03-01")
    assert response.status_code == 422 and "早于" in error_of(response)["message"]
    ranking = api.lead.get("/api/v1/service-stars?start=2026-03-01&end=2026-04-30")
    assert ranking.status_code == 200 and ranking.json()["entries"] == []
