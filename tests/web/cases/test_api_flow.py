"""The JSON API end to end over real HTTP: a visit's cases from logging to closing, and what pickers read."""

from __future__ import annotations

from datetime import datetime

import httpx

from tests.support.case_actions import EVERY_ACTION
from tests.web.api_support import CADRE, HUARUN, MEILUO, Api, act, error_of, history, log_case, visit_body
from tests.web.people import HANDLER, LEAD


def test_a_visit_with_two_problems_is_worked_from_logging_to_closing(api: Api):
    client = api.client
    logged = client.post("/api/v1/visits", json=visit_body("厂区门前道路破损，货车进出困难", "冬季供暖不达标"))
    assert logged.status_code == 201, logged.text
    assert len(logged.json()["case_ids"]) == 2
    first, second = logged.json()["case_ids"]

    listed = client.get("/api/v1/cases").json()
    assert listed["total"] == 2 and listed["pages"] == 1
    assert {row["enterprise_name"] for row in listed["items"]} == {HUARUN["name"]}
    assert {row["status_label"] for row in listed["items"]} == {"待分办"}

    case = client.get(f"/api/v1/cases/{first}").json()
    assert (case["status"], case["version"], case["description"]) == ("logged", 1, "厂区门前道路破损，货车进出困难")
    assert case["enterprise"] == {"uscc": HUARUN["uscc"], "name": HUARUN["name"]}
    assert case["logged_by"]["name"] == CADRE.name
    assert case["actions"] == []  # the cadre only gives feedback, once the case is resolved
    directed = api.lead.get(f"/api/v1/cases/{first}").json()
    assert "classify" in directed["actions"] and "resolve" not in directed["actions"]

    steps = [
        ("classify", {"disposition": "immediate", "reason": "无政策瓶颈"}, "logged"),
        ("assign", {"lead_unit": "zhujian", "working_days": 5, "supporting_units": ["chengguan"]}, "assigned"),
        ("accept", {}, "accepted"),
        ("progress", {"note": "已现场踏勘，列入维修计划"}, "accepted"),
        ("resolve", {"resolution": "道路已修复"}, "resolved"),
        ("feedback", {"satisfaction": "satisfied", "comment": "很及时"}, "resolved"),
        ("close", {"note": "企业满意，销号"}, "closed"),
    ]
    for version, (action, fields, status) in enumerate(steps, start=1):
        response = act(api, first, action, version, **fields)
        assert response.status_code == 200, f"{action}: {response.text}"
        result = response.json()
        assert (result["case_id"], result["version"], result["status"]) == (first, version + 1, status)

    closed = client.get(f"/api/v1/cases/{first}").json()
    assert (closed["status"], closed["status_label"], closed["version"]) == ("closed", "已销号", 8)
    assert closed["lead_unit"] == "zhujian" and closed["supporting_units"] == ["chengguan"]
    assert closed["due_on"] == closed["original_due_on"] == "2026-04-15"  # Wed 8 April + 5 working days
    assert (closed["resolution"], closed["satisfaction"], closed["actions"]) == ("道路已修复", "satisfied", [])

    events = history(client, first)
    assert [(e["type"], e["actor"]["user_id"], e["actor"]["name"]) for e in events] == [
        ("Logged", CADRE.username, CADRE.name),
        ("Classified", LEAD.username, LEAD.name),
        ("Assigned", LEAD.username, LEAD.name),
        ("Accepted", HANDLER.username, HANDLER.name),
        ("ProgressNoted", HANDLER.username, HANDLER.name),
        ("Resolved", HANDLER.username, HANDLER.name),
        ("FeedbackGiven", CADRE.username, CADRE.name),
        ("Closed", LEAD.username, LEAD.name),
    ]
    assert [e["version"] for e in events] == list(range(1, 9))
    assert all(datetime.fromisoformat(e["at"]).utcoffset() is not None for e in events)
    assigned = events[2]["fields"]
    assert (assigned["lead_unit"], assigned["due_on"], assigned["working_days"]) == ("zhujian", "2026-04-15", 5)
    assert events[0]["fields"]["visit_id"] == logged.json()["visit_id"]

    by_status = client.get("/api/v1/cases", params={"status": "closed"}).json()
    assert [row["case_id"] for row in by_status["items"]] == [first]
    assert by_status["items"][0]["lead_unit_name"] == "区住房和城乡建设局"
    assert client.get(f"/api/v1/cases/{second}").json()["status"] == "logged"


def test_every_other_action_works_over_the_api(api: Api):
    client = api.client
    case_id = log_case(client)
    steps = [
        ("classify", {"disposition": "special"}, "logged"),
        ("assign", {"lead_unit": "zhujian", "working_days": 5}, "assigned"),
        ("return", {"reason": "不属于本单位职责"}, "returned"),
        ("assign", {"lead_unit": "chengguan", "working_days": 5}, "assigned"),
        ("remind", {"note": "请尽快签收"}, "assigned"),
        ("transfer", {"to_unit": "zhujian", "reason": "涉及房屋安全"}, "assigned"),
        ("accept", {}, "accepted"),
        ("request_extension", {"working_days": 3, "reason": "需等待检测报告"}, "accepted"),
        ("refuse_extension", {"reason": "时限足够"}, "accepted"),
        ("request_extension", {"working_days": 5, "reason": "检测机构排期"}, "accepted"),
        ("grant_extension", {"note": "同意"}, "accepted"),
        ("escalate", {"level": "task_force_leader", "reason": "需多部门协调"}, "accepted"),
        ("resolve", {"resolution": "已维修"}, "resolved"),
        ("feedback", {"satisfaction": "dissatisfied", "comment": "仍有积水"}, "resolved"),
        ("reopen", {"reason": "企业不满意"}, "reopened"),
        ("register_cannot_do", {"reason": "涉及规划调整，暂不具备条件"}, "cannot_do"),
    ]
    version = 1
    for action, fields, status in steps:
        if action == "refuse_extension":
            pending = client.get(f"/api/v1/cases/{case_id}").json()["pending_extension"]
            assert pending == {"working_days": 3, "reason": "需等待检测报告"}
        response = act(api, case_id, action, version, **fields)
        assert response.status_code == 200, f"{action}: {response.text}"
        assert (response.json()["version"], response.json()["status"]) == (version + 1, status), action
        version += 1
    case = client.get(f"/api/v1/cases/{case_id}").json()
    assert (case["status_label"], case["lead_unit"], case["escalation_level"]) == (
        "不能办（已备案）",
        "zhujian",
        "task_force_leader",
    )
    assert (case["original_due_on"], case["due_on"]) == ("2026-04-15", "2026-04-22")
    assert (case["cannot_do_reason"], case["actions"], case["pending_extension"]) == (
        "涉及规划调整，暂不具备条件",
        [],
        None,
    )
    assert len(history(client, case_id)) == len(steps) + 1


def test_case_list_filters_and_pages(api: Api):
    client = api.client
    log_case(client, "电力增容审批慢")
    other = dict(visit_body("融资难", channel="salon"), enterprise=dict(MEILUO))
    assert client.post("/api/v1/visits", json=other).status_code == 201

    assert client.get("/api/v1/cases", params={"channel": "salon"}).json()["total"] == 1
    assert client.get("/api/v1/cases", params={"uscc": MEILUO["uscc"]}).json()["items"][0]["description"] == "融资难"
    assert client.get("/api/v1/cases", params={"enterprise_uscc": HUARUN["uscc"]}).json()["total"] == 1
    assert client.get("/api/v1/cases", params={"q": "增容"}).json()["total"] == 1
    assert client.get("/api/v1/cases", params={"category": "市政配套"}).json()["total"] == 2
    paged = client.get("/api/v1/cases", params={"per_page": 1, "page": 2}).json()
    assert (paged["total"], paged["pages"], paged["page"], len(paged["items"])) == (2, 2, 2, 1)


def test_markup_and_sql_are_stored_and_returned_literally(api: Api):
    text = "<script>alert('甘心')</script> \"; DROP TABLE rm_cases; -- & <b>加粗</b>"
    case_id = log_case(api.client, text)
    assert api.client.get(f"/api/v1/cases/{case_id}").json()["description"] == text
    assert history(api.client, case_id)[0]["fields"]["description"] == text
    found = api.client.get("/api/v1/cases", params={"q": "DROP TABLE"}).json()
    assert [row["description"] for row in found["items"]] == [text]
    response = act(api, case_id, "classify", 1, disposition="special", reason="<img src=x onerror=alert(1)>")
    assert response.status_code == 200
    assert api.client.get(f"/api/v1/cases/{case_id}").json()["disposition_reason"] == "<img src=x onerror=alert(1)>"


def test_pickers_offer_units_enterprises_and_vocabulary(api: Api):
    client = api.client
    log_case(client)
    units = client.get("/api/v1/units").json()["items"]
    assert {"key": "zhujian", "name": "区住房和城乡建设局", "short_name": "住建局"} in units
    assert client.get("/api/v1/task-forces").json() == {"items": []}
    by_name = client.get("/api/v1/enterprises", params={"q": "华润"}).json()["items"]
    by_code = client.get("/api/v1/enterprises", params={"q": HUARUN["uscc"][:10].lower()}).json()["items"]
    assert [e["uscc"] for e in by_name] == [e["uscc"] for e in by_code] == [HUARUN["uscc"]]
    assert client.get("/api/v1/enterprises", params={"q": "不存在的企业"}).json() == {"items": []}
    vocabulary = client.get("/api/v1/vocabulary").json()
    assert {"code": "salon", "label": "营商沙龙"} in vocabulary["channels"]
    assert {"code": "closed", "label": "已销号"} in vocabulary["statuses"]
    assert "融资" in vocabulary["categories"] and len(vocabulary["streets"]) == 13
    assert [c["code"] for c in vocabulary["escalation_levels"]] == ["unit_head", "task_force_leader", "district_leader"]


def test_health_check_names_the_database_and_needs_no_login(api: Api, database_url: str):
    response = httpx.get(api.base_url + "/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == ("postgres" if database_url.startswith("postgresql") else "sqlite")
    assert body["projected_up_to"] == api.events_written()


def test_without_a_session_every_api_route_answers_401_json(api: Api):
    case_id = log_case(api.client)
    before = api.events_written()
    with httpx.Client(base_url=api.base_url, timeout=30) as stranger:
        answers = [
            stranger.get("/api/v1/cases"),
            stranger.get(f"/api/v1/cases/{case_id}"),
            stranger.get("/api/v1/vocabulary"),
            stranger.post("/api/v1/visits", json=visit_body("未登录提交")),
            stranger.post("/api/v1/visits", content=b"{not json", headers={"content-type": "application/json"}),
            act(stranger, case_id, "classify", 1, disposition="immediate"),
            act(stranger, case_id, "progress", 1, note="未登录的进展"),
        ]
        stranger.cookies.set("ganxin_session", "forged-token")
        answers.append(stranger.get("/api/v1/cases"))
    for response in answers:
        assert response.status_code == 401, response.request.url
        assert error_of(response) == {"code": "unauthenticated", "message": "请先登录"}
    assert api.events_written() == before


def test_openapi_documents_every_route_with_bodies_and_errors(api: Api):
    spec = api.client.get("/openapi.json").json()
    paths = spec["paths"]
    for action in EVERY_ACTION:
        operation = paths[f"/api/v1/cases/{{case_id}}/{action}"]["post"]
        body_schema = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
        assert "expected_version" in spec["components"]["schemas"][body_schema]["required"]
        assert {"200", "401", "404", "409", "422"} <= set(operation["responses"])
    for path, method in [
        ("/api/v1/visits", "post"),
        ("/api/v1/cases", "get"),
        ("/api/v1/cases/{case_id}", "get"),
        ("/api/v1/cases/{case_id}/history", "get"),
        ("/api/v1/units", "get"),
        ("/api/v1/task-forces", "get"),
        ("/api/v1/enterprises", "get"),
        ("/api/v1/vocabulary", "get"),
        ("/healthz", "get"),
    ]:
        assert method in paths[path], path
    assert "ErrorResponse" in spec["components"]["schemas"]
    assert "current_version" in spec["components"]["schemas"]["ErrorBody"]["properties"]
