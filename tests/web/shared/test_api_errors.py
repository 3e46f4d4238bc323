"""Bad input to the JSON API: a 4xx with a Chinese message naming the field, and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.web.api_support import Api, act, error_of, history, log_case, visit_body


def _with_problem(**fields: Any) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        body["problems"][0].update(fields)

    return change


def _with_enterprise(**fields: Any) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        body["enterprise"].update(fields)

    return change


def _set(**fields: Any) -> Callable[[dict[str, Any]], None]:
    return lambda body: body.update(fields)


def _drop_description(body: dict[str, Any]) -> None:
    del body["problems"][0]["description"]


# (id, change to a valid visit, status, error code, field, words the Chinese message must contain)
BAD_VISITS = [
    (
        "wrong credit code",
        _with_enterprise(uscc="91210211983690064F"),
        422,
        "invalid_credit_code",
        "uscc",
        "统一社会信用代码校验位错误",
    ),
    ("credit code too short", _with_enterprise(uscc="9121021198369"), 422, "invalid_credit_code", "uscc", "应为18位"),
    (
        "empty description",
        _with_problem(description="   "),
        422,
        "invalid_value",
        "problems[0].description",
        "问题描述不能为空",
    ),
    (
        "5000-char description",
        _with_problem(description="长" * 5000),
        422,
        "invalid_value",
        "problems[0].description",
        "问题描述不能超过2000字",
    ),
    ("unknown channel", _set(channel="carrier_pigeon"), 422, "invalid_value", "channel", "未知的问题来源渠道"),
    (
        "unknown category",
        _with_problem(category="天气"),
        422,
        "invalid_value",
        "problems[0].category",
        "未知的问题类别“天气”",
    ),
    (
        "visit date in the future",
        _set(occurred_on="2026-04-09"),
        422,
        "invalid_value",
        "occurred_on",
        "不能登记未来的日期",
    ),
    ("no problems", _set(problems=[]), 422, "invalid_value", "problems", "请至少填写一个"),
    (
        "missing description",
        _drop_description,
        422,
        "invalid_request",
        "problems[0].description",
        "请求字段 problems[0].description 缺失",
    ),
    (
        "date that is no date",
        _set(occurred_on="昨天"),
        422,
        "invalid_date",
        "occurred_on",
        "发生日期“昨天”不是有效日期",
    ),
    ("problems not a list", _set(problems="道路破损"), 422, "invalid_request", "problems", "应为列表"),
    ("misspelt field", _set(ocurred_on="2026-04-08"), 422, "invalid_request", "ocurred_on", "未知字段"),
]


@pytest.mark.parametrize(
    ("change", "status", "code", "field", "words"),
    [case[1:] for case in BAD_VISITS],
    ids=[case[0] for case in BAD_VISITS],
)
def test_a_bad_visit_is_refused_with_a_named_field_and_nothing_is_saved(api: Api, change, status, code, field, words):
    body = visit_body("厂区门前道路破损")
    change(body)
    before = api.events_written()
    response = api.client.post("/api/v1/visits", json=body)
    assert response.status_code == status, response.text
    error = error_of(response)
    assert error["field"] == field and words in error["message"]  # the first error is the person's own
    assert (code, field) in {(e["code"], e["field"]) for e in error.get("errors") or [error]}
    assert api.events_written() == before
    assert api.client.get("/api/v1/cases").json()["total"] == 0


def test_malformed_json_is_422_not_400_or_500(api: Api):
    before = api.events_written()
    response = api.client.post(
        "/api/v1/visits", content=b'{"channel": "visit", "problems": [', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    error = error_of(response)
    assert (error["code"], error["field"]) == ("invalid_request", "body")
    assert "JSON" in error["message"]
    empty = api.client.post("/api/v1/visits", content=b"", headers={"content-type": "application/json"})
    assert empty.status_code == 422 and error_of(empty)["code"] == "invalid_request"
    assert api.events_written() == before


def test_a_visit_with_one_bad_problem_of_three_logs_no_case(api: Api):
    body = visit_body("道路破损", "", "供暖不达标")
    before = api.events_written()
    response = api.client.post("/api/v1/visits", json=body)
    assert response.status_code == 422
    error = error_of(response)
    assert [(e["field"], e["message"]) for e in error["errors"]] == [("problems[1].description", "问题描述不能为空")]
    assert api.events_written() == before
    assert api.client.get("/api/v1/cases").json()["total"] == 0
    assert api.client.get("/api/v1/enterprises", params={"q": "华润"}).json() == {"items": []}


def test_several_bad_fields_are_all_listed(api: Api):
    body = visit_body("道路破损", channel="pigeon", occurred_on="2030-01-01")
    body["problems"][0]["category"] = "天气"
    error = error_of(api.client.post("/api/v1/visits", json=body))
    assert error["code"] == "validation_failed"
    assert {"channel", "problems[0].category"} <= {e["field"] for e in error["errors"]}
    assert all(e["message"] for e in error["errors"])


def _classified_case(api: Api) -> str:
    case_id = log_case(api)
    assert act(api, case_id, "classify", 1, disposition="immediate").status_code == 200
    return case_id


# (id, action, fields, status, code, field, words) on a case at version 2 (classified, not yet assigned),
# each sent by whoever may take the action (the dispatch desk, the cadre who logged it).
BAD_ACTIONS = [
    (
        "unknown unit",
        "assign",
        {"lead_unit": "nosuchunit", "working_days": 5},
        422,
        "invalid_value",
        "lead_unit",
        "未知的单位“nosuchunit”",
    ),
    (
        "unknown supporting unit",
        "assign",
        {"lead_unit": "zhujian", "working_days": 5, "supporting_units": ["x"]},
        422,
        "invalid_value",
        "supporting_units",
        "未知的单位",
    ),
    (
        "zero working days",
        "assign",
        {"lead_unit": "zhujian", "working_days": 0},
        422,
        "invalid_value",
        "working_days",
        "至少为1个工作日",
    ),
    (
        "working days as text",
        "assign",
        {"lead_unit": "zhujian", "working_days": "五"},
        422,
        "invalid_request",
        "working_days",
        "应为整数",
    ),
    (
        "unknown disposition",
        "classify",
        {"disposition": "maybe"},
        422,
        "invalid_value",
        "disposition",
        "未知的研判结论“maybe”",
    ),
    (
        "transfer before assign",
        "transfer",
        {"to_unit": "zhujian", "reason": "涉及房屋安全"},
        409,
        "not_assigned",
        None,
        "尚无承办单位",
    ),
    ("feedback before resolve", "feedback", {"satisfaction": "satisfied"}, 409, "not_resolved", None, "办结后才能回访"),
    (
        "empty cannot-do reason",
        "register_cannot_do",
        {"reason": " "},
        422,
        "invalid_value",
        "reason",
        "不能办理由不能为空",
    ),
    (
        "unknown escalation level",
        "escalate",
        {"level": "mayor", "reason": "久拖"},
        422,
        "invalid_value",
        "level",
        "未知的提级层级",
    ),
]


@pytest.mark.parametrize(
    ("action", "fields", "status", "code", "field", "words"),
    [case[1:] for case in BAD_ACTIONS],
    ids=[case[0] for case in BAD_ACTIONS],
)
def test_a_refused_action_names_why_and_writes_no_event(api: Api, action, fields, status, code, field, words):
    case_id = _classified_case(api)
    before = api.events_written()
    response = act(api, case_id, action, 2, **fields)
    assert response.status_code == status, response.text
    error = error_of(response)
    assert (error["code"], error.get("field")) == (code, field)
    assert words in error["message"]
    assert api.events_written() == before
    assert [e["version"] for e in history(api, case_id)] == [1, 2]


def test_the_unit_cannot_resolve_or_return_what_it_has_not_got(api: Api):
    case_id = _classified_case(api)
    assert act(api, case_id, "assign", 2, lead_unit="chengguan", working_days=5).status_code == 200
    before = api.events_written()
    unseen = act(api.handler, case_id, "accept", 3)  # 住建局 is not on the case: it may not even know of it
    assert unseen.status_code == 404 and error_of(unseen)["code"] == "not_found"
    assert act(api, case_id, "transfer", 3, to_unit="zhujian", reason="涉及房屋安全").status_code == 200
    after_transfer = api.events_written()
    early = act(api, case_id, "resolve", 4, resolution="已修复")
    assert early.status_code == 409, early.text
    assert (error_of(early)["code"], error_of(early)["field"]) == ("illegal_transition", "status")
    assert "承办单位签收后才能办结" in error_of(early)["message"]
    assert api.events_written() == after_transfer > before


def test_a_stale_version_is_409_with_the_current_version(api: Api):
    case_id = _classified_case(api)
    response = act(api, case_id, "assign", 1, lead_unit="zhujian", working_days=5)
    assert response.status_code == 409
    error = error_of(response)
    assert (error["code"], error["current_version"], error["field"]) == ("version_conflict", 2, "expected_version")
    assert "当前版本 2" in error["message"]
    assert api.client.get(f"/api/v1/cases/{case_id}").json()["status"] == "logged"


def test_an_action_without_expected_version_is_refused(api: Api):
    case_id = _classified_case(api)
    response = api.lead.post(f"/api/v1/cases/{case_id}/remind", json={"note": "无版本"})
    assert response.status_code == 422
    assert error_of(response)["field"] == "expected_version"
    assert "请求字段 expected_version 缺失" in error_of(response)["message"]


def test_unknown_cases_and_malformed_ids_are_404(api: Api):
    for path in [
        "/api/v1/cases/not-a-uuid",
        "/api/v1/cases/123/history",
        "/api/v1/cases/3fa85f64-5717-4562-b3fc-2c963f66afa6",
    ]:
        response = api.client.get(path)
        assert response.status_code == 404, path
        assert error_of(response)["code"] == "not_found"
        assert error_of(response)["message"] == "问题不存在"
    response = act(api, "not-a-uuid", "accept", 1)
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    unknown_action = act(api.lead, _classified_case(api), "approve", 2)
    assert unknown_action.status_code == 404 and error_of(unknown_action)["code"] == "not_found"


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"page": 0}, "page", "页码应从1开始"),
        ({"per_page": 1000}, "per_page", "每页条数应在1至100之间"),
        ({"page": "二"}, "page", "页码应为整数"),
        ({"status": "lost"}, "status", "未知的问题状态“lost”"),
        ({"channel": "fax"}, "channel", "未知的问题来源渠道“fax”"),
        ({"category": "天气"}, "category", "未知的问题类别"),
        ({"page": 10**20}, "page", "最多9位"),
        ({"q": "道路\x00"}, "q", "控制字符"),
        ({"lead_unit": "\x00"}, "lead_unit", "控制字符"),
    ],
    ids=[
        "page 0",
        "per_page 1000",
        "page not a number",
        "unknown status",
        "unknown channel",
        "unknown category",
        "page past any integer",
        "NUL in text",
        "NUL in unit",
    ],
)
def test_bad_list_filters_are_422_naming_the_field(api: Api, params, field, words):
    log_case(api.client)
    response = api.client.get("/api/v1/cases", params=params)
    assert response.status_code == 422
    error = error_of(response)
    assert error["field"] == field and words in error["message"]


def test_text_no_database_can_store_is_refused_as_bad_input(api: Api):
    case_id = _classified_case(api)
    before = api.events_written()
    half_character = b'{"expected_version": 2, "note": "\\ud83d"}'
    response = api.lead.post(
        f"/api/v1/cases/{case_id}/remind", content=half_character, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422 and error_of(response)["field"] == "note"
    not_utf8 = '{"expected_version": 2, "note": "催办"}'.encode("gbk")
    response = api.lead.post(
        f"/api/v1/cases/{case_id}/remind", content=not_utf8, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422 and "UTF-8" in error_of(response)["message"]
    nul = api.client.post("/api/v1/visits", json=visit_body("道路\x00破损"))
    assert nul.status_code == 422 and error_of(nul)["field"] == "problems[0].description"
    searched = api.client.get("/api/v1/enterprises", params={"q": "\x00"})
    assert searched.status_code == 422 and error_of(searched)["field"] == "q"
    assert api.events_written() == before


def test_wrong_methods_and_unknown_api_paths_answer_json(api: Api):
    response = api.client.get("/api/v1/visits")
    assert response.status_code == 405 and error_of(response)["code"] == "method_not_allowed"
    assert response.headers["allow"] == "POST"
    missing = api.client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"


def test_pages_send_strangers_to_login_and_answer_errors_in_chinese_html(api: Api):
    with httpx.Client(base_url=api.base_url, timeout=30) as stranger:
        response = stranger.get("/cases", params={"status": "logged"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fcases%3Fstatus%3Dlogged"
    missing = api.client.get("/no-such-page")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "页面或接口不存在" in missing.text
