"""Findings over the JSON API: inspectors record and read them, nobody else sees them, bad citations write nothing."""

from __future__ import annotations

import pytest

from tests.web.api_support import Api, act, log_case
from tests.web.finding_support import sensitive_reads
from tests.web.people import Person

INSPECTOR = Person("inspector-zheng", "郑监察", "inspector")
ADMIN = Person("admin-feng", "冯管理员", "admin")


def finding_body(case: str, **changes) -> dict:
    body = {
        "unit": "zhujian",
        "person": "",
        "cases": [{"case": case, "versions": [1]}],
        "field": "projects",
        "behaviours": ["sloth", "lack_of_drive"],
        "title": "  签收后长期无进展 ",
        "description": "签收后十个工作日无任何进展",
    }
    return {**body, **changes}


def accepted_case(api: Api) -> str:
    case_id = log_case(api)
    act(api, case_id, "classify", 1, disposition="immediate", reason="可立即办理")
    act(api, case_id, "assign", 2, lead_unit="zhujian", working_days=5)
    assert act(api, case_id, "accept", 3).status_code == 200
    return case_id


def test_an_inspector_records_a_finding_citing_a_case_by_number_and_finds_it_listed(api: Api):
    case_id = accepted_case(api)
    case_no = api.lead.get(f"/api/v1/cases/{case_id}").json()["case_no"]
    inspector = api.logins.client_of(INSPECTOR)
    body = finding_body(case_no, person="handler-zhou")
    body["cases"][0]["versions"] = [4, 3]
    created = inspector.post("/api/v1/findings", json=body)
    assert created.status_code == 201, created.text
    finding_id = created.json()["finding_id"]
    listed = inspector.get("/api/v1/findings", params={"unit": "zhujian"}).json()["items"]
    assert [(f["finding_id"], f["title"], f["unit_name"], f["person_name"]) for f in listed] == [
        (finding_id, "签收后长期无进展", "区住房和城乡建设局", "周承办")
    ]
    assert listed[0]["citations"] == [{"case_id": case_id, "case_no": case_no, "versions": [3, 4]}]
    by_case = inspector.get("/api/v1/findings", params={"case_id": case_id}).json()["items"]
    assert [f["finding_id"] for f in by_case] == [finding_id]
    assert inspector.get("/api/v1/findings", params={"field": "service"}).json()["items"] == []


@pytest.mark.parametrize(
    "cited, code",
    [
        ("00000000-0000-4000-8000-000000000000", "case_not_found"),
        ("20990101-ABCDEF", "case_not_found"),
        (None, "event_not_found"),
    ],
)
def test_citing_a_missing_case_or_an_event_it_never_had_is_refused_and_writes_nothing(api: Api, cited, code):
    case_id = accepted_case(api)
    inspector = api.logins.client_of(INSPECTOR)
    body = finding_body(cited or case_id)
    if cited is None:
        body["cases"][0]["versions"] = [1, 5]  # the case has four events
    before = api.events_written()
    refused = inspector.post("/api/v1/findings", json=body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["code"] == code
    assert "不存在" in refused.json()["error"]["message"] or "没有第 5 条" in refused.json()["error"]["message"]
    assert api.events_written() == before
    assert inspector.get("/api/v1/findings").json()["items"] == []


def test_an_unknown_unit_or_person_or_retired_behaviour_is_refused(api: Api):
    case_id = accepted_case(api)
    inspector = api.logins.client_of(INSPECTOR)
    before = api.events_written()
    for changes, code in [
        ({"unit": "nowhere"}, "subject_not_found"),
        ({"person": "nobody"}, "subject_not_found"),
        ({"unit": "", "person": ""}, "invalid_value"),
        ({"field": "sloth"}, "unknown_manifestation"),
        ({"cases": []}, "invalid_value"),
    ]:
        refused = inspector.post("/api/v1/findings", json=finding_body(case_id, **changes))
        assert (refused.status_code, refused.json()["error"]["code"]) == (422, code), changes
    assert api.events_written() == before


@pytest.mark.parametrize("role", ["cadre", "unit_handler", "task_force_lead", "service_secretary", "admin"])
def test_nobody_but_an_inspector_records_or_even_sees_findings(api: Api, role: str):
    case_id = accepted_case(api)
    created = api.logins.client_of(INSPECTOR).post("/api/v1/findings", json=finding_body(case_id))
    finding_id = created.json()["finding_id"]
    other = api.logins.client_of(
        Person(f"other-{role}", "某人", role, unit="zhujian" if role == "unit_handler" else None)
    )
    before = api.events_written()
    for method, path, body in [
        ("GET", "/api/v1/findings", None),
        ("GET", f"/api/v1/findings/{finding_id}", None),
        ("POST", "/api/v1/findings", finding_body(case_id)),
        ("POST", f"/api/v1/findings/{finding_id}/typical", {"expected_version": 1, "note": "通报"}),
    ]:
        response = other.request(method, path, json=body)
        assert response.status_code == 403, (role, path, response.text)
        assert response.json()["error"]["code"] == "forbidden"
    assert api.events_written() == before


def test_an_inspector_may_write_nothing_but_findings(api: Api):
    case_id = accepted_case(api)
    inspector = api.logins.client_of(INSPECTOR)
    before = api.events_written()
    attempts = [
        ("/api/v1/cases/{c}/progress", {"expected_version": 4, "note": "检查发现"}),
        ("/api/v1/cases/{c}/remind", {"expected_version": 4, "note": "请尽快办理"}),
        (
            "/api/v1/visits",
            {
                "channel": "visit",
                "occurred_on": "2026-04-08",
                "enterprise": {"uscc": "91210211983690064E"},
                "problems": [{"category": "市政配套", "description": "监察登记"}],
            },
        ),
        ("/api/v1/calendar/2027", {"holidays": ["2027-01-01"], "workdays": [], "source": "国办发明电", "reason": ""}),
        ("/api/v1/projects", {"key": "p_jiwei", "name": "某项目"}),
        (
            "/api/v1/task-forces",
            {
                "key": "tf_jiwei",
                "name": "专班",
                "leader": "区领导",
                "member_units": ["zhujian"],
                "formed_on": "2026-04-01",
            },
        ),
        ("/api/v1/accounts/handler-zhou/tokens", {"name": "令牌"}),
        ("/api/v1/taxonomy/items", {"kind": "behaviour", "key": "x_y", "label": "推诿扯皮"}),
    ]
    for path, body in attempts:
        response = inspector.post(path.replace("{c}", case_id), json=body)
        assert response.status_code == 403, (path, response.text)
    assert api.events_written() == before


def test_typical_marking_amending_and_withdrawing_are_kept_in_the_finding(api: Api):
    case_id = accepted_case(api)
    inspector = api.logins.client_of(INSPECTOR)
    finding_id = inspector.post("/api/v1/findings", json=finding_body(case_id)).json()["finding_id"]
    marked = inspector.post(f"/api/v1/findings/{finding_id}/typical", json={"expected_version": 1, "note": "全区通报"})
    assert marked.json() == {"version": 2}
    assert [f["finding_id"] for f in inspector.get("/api/v1/findings", params={"typical": True}).json()["items"]] == [
        finding_id
    ]
    again = inspector.post(f"/api/v1/findings/{finding_id}/typical", json={"expected_version": 2, "note": "再次"})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "typical_unchanged")
    stale = inspector.post(f"/api/v1/findings/{finding_id}/withdraw", json={"expected_version": 1, "reason": "x"})
    assert stale.status_code == 409
    amend = {**finding_body(case_id), "expected_version": 2, "reason": "补充证据", "title": "修订后的标题"}
    amend.pop("unit"), amend.pop("person")
    assert inspector.post(f"/api/v1/findings/{finding_id}/amend", json=amend).json() == {"version": 3}
    detail = inspector.get(f"/api/v1/findings/{finding_id}").json()
    assert (detail["title"], detail["typical"], detail["typical_note"]) == ("修订后的标题", True, "全区通报")
    assert [(a["title"], a["reason"]) for a in detail["amendments"]] == [("签收后长期无进展", "补充证据")]
    inspector.post(f"/api/v1/findings/{finding_id}/withdraw", json={"expected_version": 3, "reason": "证据不足"})
    detail = inspector.get(f"/api/v1/findings/{finding_id}").json()
    assert (detail["withdrawn"], detail["withdrawn_reason"], detail["typical"]) == (True, "证据不足", False)
    assert inspector.get("/api/v1/findings/not-a-uuid").status_code == 404


def test_an_admin_retires_a_behaviour_it_is_no_longer_chosen_but_old_findings_keep_it(api: Api):
    case_id = accepted_case(api)
    inspector, admin = api.logins.client_of(INSPECTOR), api.logins.client_of(ADMIN)
    finding_id = inspector.post("/api/v1/findings", json=finding_body(case_id)).json()["finding_id"]
    renamed = admin.post("/api/v1/taxonomy/items/sloth/rename", json={"label": "作风慵懒散漫"})
    assert renamed.status_code == 200, renamed.text
    retired = admin.post("/api/v1/taxonomy/items/sloth/retire", json={"reason": "并入执行不力"})
    assert {i["key"]: i["retired"] for i in retired.json()["items"]}["sloth"] is True
    before = api.events_written()
    refused = inspector.post("/api/v1/findings", json=finding_body(case_id))
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "manifestation_retired")
    assert "作风慵懒散漫" in refused.json()["error"]["message"]
    assert api.events_written() == before
    assert inspector.get(f"/api/v1/findings/{finding_id}").json()["behaviours"] == ["sloth", "lack_of_drive"]
    added = admin.post("/api/v1/taxonomy/items", json={"kind": "behaviour", "key": "buck_passing", "label": "推诿扯皮"})
    assert added.status_code == 201
    taxonomy = inspector.get("/api/v1/taxonomy").json()["items"]
    assert [i["label"] for i in taxonomy if i["kind"] == "field"][:2] == ["落实上级政策", "招商引资"]
    assert {"key": "buck_passing", "kind": "behaviour", "label": "推诿扯皮", "retired": False} in taxonomy


def test_reading_a_finding_or_the_list_over_the_api_is_recorded_once_per_request(api: Api):
    case_id = accepted_case(api)
    inspector = api.logins.client_of(INSPECTOR)
    finding_id = inspector.post("/api/v1/findings", json=finding_body(case_id)).json()["finding_id"]
    reads = sensitive_reads(api.ganxin)
    before = api.events_written()
    assert inspector.get(f"/api/v1/findings/{finding_id}").status_code == 200
    assert api.events_written() == before + 1
    assert sensitive_reads(api.ganxin) == [*reads, (INSPECTOR.username, "finding", finding_id)]
    assert len(inspector.get("/api/v1/findings", params={"typical": False}).json()["items"]) == 1
    assert inspector.get("/api/v1/findings").status_code == 200
    assert sensitive_reads(api.ganxin)[-2:] == [
        (INSPECTOR.username, "findings_list", "typical=False"),
        (INSPECTOR.username, "findings_list", "all"),
    ]
    before = api.events_written()
    assert inspector.get("/api/v1/findings/00000000-0000-4000-8000-000000000000").status_code == 404
    assert api.events_written() == before  # nothing was read


def test_a_finding_keeps_its_retired_behaviour_through_an_amendment_but_takes_no_new_retired_one(api: Api):
    case_id = accepted_case(api)
    inspector, admin = api.logins.client_of(INSPECTOR), api.logins.client_of(ADMIN)
    finding_id = inspector.post("/api/v1/findings", json=finding_body(case_id)).json()["finding_id"]
    for key in ("sloth", "indifference"):
        assert admin.post(f"/api/v1/taxonomy/items/{key}/retire", json={"reason": "合并"}).status_code == 200
    amend = {**finding_body(case_id), "expected_version": 1, "reason": "标题有错字", "title": "更正错字"}
    amend.pop("unit"), amend.pop("person")
    before = api.events_written()
    refused = inspector.post(
        f"/api/v1/findings/{finding_id}/amend", json={**amend, "behaviours": ["sloth", "indifference"]}
    )
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "manifestation_retired")
    assert api.events_written() == before
    assert inspector.post(f"/api/v1/findings/{finding_id}/amend", json=amend).json() == {"version": 2}
    detail = inspector.get(f"/api/v1/findings/{finding_id}").json()
    assert (detail["title"], detail["behaviours"]) == ("更正错字", ["sloth", "lack_of_drive"])
    assert [(a["title"], a["reason"]) for a in detail["amendments"]] == [("签收后长期无进展", "标题有错字")]
