"""Idempotency-Key over real HTTP on SQLite and PostgreSQL: a request sent again meets its first attempt.

There is no proxy for SQLite; these tests take the unique-key path by re-sending (tests/faults cuts a real
PostgreSQL connection after COMMIT).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from uuid import UUID

import httpx
import pytest

from application.shared.access import Principal
from application.shared.idempotency import IdempotentReplayDiffers, keyed_request_scope
from domain.shared.actor import Actor
from tests.support.postgres import url_for_backend
from tests.web.api_support import Api, act, error_of, history, log_case, serve_api, visit_body
from tests.web.people import LEAD


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """One served app per backend for the module (each test uses its own keys and cases)."""
    with url_for_backend(request, tmp_path_factory, "idempotency") as url, serve_api(url) as served:
        yield served


def _visit(client: httpx.Client, key: str, *descriptions: str) -> httpx.Response:
    return client.post("/api/v1/visits", json=visit_body(*descriptions), headers={"Idempotency-Key": key})


def _cases_logged(api: Api, description: str) -> int:
    found = api.lead.get("/api/v1/cases", params={"q": description, "per_page": 100}).json()
    return sum(1 for row in found["items"] if row["description"] == description)


def test_a_visit_sent_again_with_its_key_answers_the_same_ids_and_is_stored_once(api: Api):
    first = _visit(api.client, "visit-resend-1", "围墙倒塌需修复", "排水管堵塞")
    assert first.status_code == 201, first.text
    written = api.events_written()

    again = _visit(api.client, "visit-resend-1", "围墙倒塌需修复", "排水管堵塞")
    assert again.status_code == 201, again.text
    assert (again.json()["visit_id"], again.json()["case_ids"]) == (first.json()["visit_id"], first.json()["case_ids"])
    assert api.events_written() == written  # nothing stored the second time
    assert _cases_logged(api, "围墙倒塌需修复") == 1


def test_the_same_key_with_another_body_is_refused_and_changes_nothing(api: Api):
    assert _visit(api.client, "visit-reused", "路灯不亮").status_code == 201
    written = api.events_written()

    reused = _visit(api.client, "visit-reused", "路灯不亮，夜间施工危险")
    assert reused.status_code == 422, reused.text
    error = error_of(reused)
    assert (error["code"], error["field"]) == ("idempotency_key_reused", "Idempotency-Key")
    assert "另一个不同的请求" in error["message"]
    assert api.events_written() == written


def test_a_key_belongs_to_its_person_so_another_persons_same_key_is_a_new_request(api: Api):
    other = api.logged_in_client("cadre-sun", "孙干部", role="cadre", unit="zhujian")
    mine = _visit(api.client, "shared-key-1", "绿化带缺损")
    theirs = _visit(other, "shared-key-1", "绿化带缺损")
    assert (mine.status_code, theirs.status_code) == (201, 201), theirs.text
    assert mine.json()["visit_id"] != theirs.json()["visit_id"]


def test_a_case_action_sent_again_with_its_key_answers_as_the_first_time(api: Api):
    case_id = log_case(api, "厂区积水严重")
    key = {"Idempotency-Key": f"classify-{case_id}"}
    body = {"expected_version": 1, "disposition": "immediate", "reason": "可立即办理"}
    first = api.lead.post(f"/api/v1/cases/{case_id}/classify", json=body, headers=key)
    assert first.status_code == 200, first.text

    again = api.lead.post(f"/api/v1/cases/{case_id}/classify", json=body, headers=key)
    assert again.status_code == 200, again.text  # not 409: the event at version 2 is this request's own
    assert again.json() == first.json() == {**again.json(), "version": 2, "status": "logged"}
    assert [e["version"] for e in history(api, case_id)] == [1, 2]

    other_body = api.lead.post(f"/api/v1/cases/{case_id}/classify", json={**body, "reason": "另一理由"}, headers=key)
    assert error_of(other_body)["code"] == "idempotency_key_reused"
    # Without a key the same request is what it always was: the case moved on, 409.
    assert act(api, case_id, "classify", 1, disposition="immediate").status_code == 409


def test_the_next_action_after_a_replayed_one_goes_on_from_the_right_version(api: Api):
    case_id = log_case(api, "雨污管网错接")
    assign = {"expected_version": 1, "lead_unit": "zhujian", "working_days": 5}
    key = {"Idempotency-Key": f"classify-then-assign-{case_id}"}
    classify = {"expected_version": 1, "disposition": "immediate"}
    for _ in range(2):
        assert api.lead.post(f"/api/v1/cases/{case_id}/classify", json=classify, headers=key).status_code == 200
    assigned = api.lead.post(f"/api/v1/cases/{case_id}/assign", json={**assign, "expected_version": 2})
    assert assigned.status_code == 200, assigned.text
    assert [e["type"] for e in history(api, case_id)] == ["Logged", "Classified", "Assigned"]


@pytest.mark.parametrize("key", [b"", "带中文的键".encode(), b"x" * 201, b"two words"])
def test_a_key_that_is_not_visible_ascii_is_refused(api: Api, key: bytes):
    written = api.events_written()
    response = api.client.post("/api/v1/visits", json=visit_body("井盖缺失"), headers={"Idempotency-Key": key})
    assert response.status_code == 422, response.text
    assert error_of(response)["code"] == "invalid_idempotency_key"
    assert api.events_written() == written


def test_a_stored_write_answers_2xx_and_says_so_when_the_read_models_cannot_catch_up(
    api: Api, monkeypatch: pytest.MonkeyPatch
):
    def fail(*_: Any, **__: Any) -> int:
        raise RuntimeError("read models unreachable")

    monkeypatch.setattr(api.ganxin.store.projector, "catch_up", fail)
    written = api.events_written()
    logged = _visit(api.client, "visit-behind-1", "消防通道被占用")
    assert logged.status_code == 201, logged.text
    assert logged.headers["X-Read-Models-Behind"] == "true"
    assert logged.json()["read_models_behind"] is True
    assert api.events_written() > written  # the write is stored
    case_id = logged.json()["case_ids"][0]
    # The case is read from its own events, and its page shows it, before the read models have it.
    assert api.client.get(f"/api/v1/cases/{case_id}").json()["description"] == "消防通道被占用"
    page = api.client.get(f"/cases/{case_id}")
    assert page.status_code == 200 and "消防通道被占用" in page.text
    monkeypatch.undo()

    api.ganxin.store.catch_up()
    assert _cases_logged(api, "消防通道被占用") == 1
    normal = _visit(api.client, "visit-behind-2", "施工噪音扰民")
    assert "X-Read-Models-Behind" not in normal.headers and "read_models_behind" not in normal.json()


def test_a_replay_that_would_write_something_else_is_refused_and_stores_nothing(api: Api):
    case_id = UUID(log_case(api, "围挡占道"))
    assert act(api, str(case_id), "classify", 1, disposition="immediate").status_code == 200
    lead = Principal(Actor(LEAD.username, LEAD.name, LEAD.role), dispatch_all=True)

    def assign() -> int:
        keyed = api.ganxin.store.own_writes.keyed_request(lead.actor.user_id, f"assign-{case_id}", "the same request")
        with keyed_request_scope(keyed):
            return api.ganxin.cases.assign_case(case_id, 2, lead, lead_unit="zhujian", working_days=5)

    assert assign() == 3
    written = api.events_written()
    assert assign() == 3  # the same day: the same event, answered again
    api.clock.advance(timedelta(days=1))  # a day later the same assignment would start its deadline then
    try:
        with pytest.raises(IdempotentReplayDiffers):
            assign()
    finally:
        api.clock.advance(timedelta(days=-1))
    assert api.events_written() == written
