"""Who sees which cases over the API, and what an inspector leaves behind: a record of reading, nothing else."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.services import Services
from tests.support.app import DISPATCH, handler, log_problems
from tests.support.case_actions import ACTION_BODIES
from tests.web.api_support import Api, error_of
from tests.web.matrix_support import ACTIONS, MEILUO, form_of
from tests.web.page_support import action_forms, text_of
from tests.web.people import Person

CADRE = Person("cadre-qian", "钱干部", "cadre", unit="chengguan")
SUPPORTING = Person("handler-cheng", "程承办", "unit_handler", unit="chengguan")
INSPECTOR = Person("inspector-zheng", "郑监察", "inspector")
ADMIN = Person("admin-wei", "魏管理员", "admin")
READ_TOPIC = "ganxin:SensitiveRead.Recorded"


def _assigned(ganxin: Services, lead_unit: str | None, supporting: list[str] | None = None) -> UUID:
    """A case logged by the dispatch desk for 美罗 (营城子街道), assigned to the unit if one is given."""
    case_id = log_problems(ganxin, f"{lead_unit or '未分办'}的问题", enterprise=MEILUO, by=DISPATCH)[0]
    if lead_unit:
        version = ganxin.cases.classify_case(case_id, 1, DISPATCH, "immediate", "")
        ganxin.cases.assign_case(
            case_id, version, DISPATCH, lead_unit=lead_unit, working_days=5, supporting_units=supporting or []
        )
    return case_id


def _listed(client: Any, **params: Any) -> set[str]:
    answer = client.get("/api/v1/cases", params={"per_page": 100, **params}).json()
    assert answer["total"] == len(answer["items"])
    return {row["case_id"] for row in answer["items"]}


def test_each_list_shows_only_the_cases_in_the_persons_scope(api: Api):
    cadre = api.logins.client_of(CADRE)
    own = cadre.post(
        "/api/v1/visits",
        json={
            "channel": "visit",
            "occurred_on": "2026-04-08",
            "enterprise": {"uscc": MEILUO.uscc, "name": MEILUO.name, "street": MEILUO.street},
            "problems": [{"category": "融资", "description": "贷款审批慢"}],
        },
    ).json()["case_ids"][0]
    zhujian_leads = str(_assigned(api.ganxin, "zhujian"))
    zhujian_supports = str(_assigned(api.ganxin, "chengguan", ["zhujian"]))
    elsewhere = str(_assigned(api.ganxin, "city_ziranziyuan"))
    unassigned = str(_assigned(api.ganxin, None))

    assert _listed(api.handler) == {zhujian_leads, zhujian_supports}  # lead or supporting unit
    assert _listed(cadre) == {own, zhujian_supports}  # what they logged, and their unit's (城管执法局)
    everything = {own, zhujian_leads, zhujian_supports, elsewhere, unassigned}
    assert _listed(api.logins.client_of(INSPECTOR)) == everything
    assert _listed(api.lead) == everything  # the dispatch desk

    # A filter narrows a list; it never widens it.
    assert _listed(api.handler, lead_unit="city_ziranziyuan") == set()
    assert _listed(api.handler, q="city_ziranziyuan的问题") == set()
    page = text_of(api.handler.get("/cases").text)
    assert "共 2 个问题" in page and "city_ziranziyuan的问题" not in page
    for client, hidden in [(api.handler, elsewhere), (api.handler, own), (cadre, unassigned)]:
        response = client.get(f"/api/v1/cases/{hidden}")
        assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_a_supporting_unit_notes_progress_but_only_the_lead_unit_resolves(api: Api):
    case_id = _assigned(api.ganxin, "zhujian", ["chengguan"])
    api.ganxin.cases.accept_case(case_id, 3, handler("zhujian"))
    supporting = api.logins.client_of(SUPPORTING)
    detail = supporting.get(f"/api/v1/cases/{case_id}").json()
    assert detail["actions"] == ["progress"]
    noted = supporting.post(f"/api/v1/cases/{case_id}/progress", json={"expected_version": 4, "note": "已配合清运"})
    assert noted.status_code == 200, noted.text
    refused = supporting.post(f"/api/v1/cases/{case_id}/resolve", json={"expected_version": 5, "resolution": "已办结"})
    assert refused.status_code == 403 and error_of(refused)["code"] == "forbidden"
    assert "办结" in error_of(refused)["message"]
    resolved = api.handler.post(
        f"/api/v1/cases/{case_id}/resolve", json={"expected_version": 5, "resolution": "已办结"}
    )
    assert resolved.status_code == 200, resolved.text


def _reads(ganxin: Services) -> list[tuple[str, str, str]]:
    """(reader, resource, subject) of every sensitive read recorded so far."""
    notifications = ganxin.store.event_log.recorder.select_notifications(start=None, limit=10_000, topics=[READ_TOPIC])
    events = [ganxin.store.event_log.mapper.to_domain_event(n) for n in notifications]
    return [(e.actor["user_id"], e.resource, e.subject) for e in events]


def test_an_inspector_reads_everything_leaves_a_record_and_can_change_nothing(api: Api):
    case_id = _assigned(api.ganxin, "zhujian")
    api.ganxin.cases.accept_case(case_id, 3, handler("zhujian"))
    inspector = api.logins.client_of(INSPECTOR)
    assert api.handler.get(f"/api/v1/cases/{case_id}/history").status_code == 200
    assert _reads(api.ganxin) == []  # a handler working the case is not audited

    events = inspector.get(f"/api/v1/cases/{case_id}/history")
    assert events.status_code == 200 and [e["type"] for e in events.json()["events"]][-1] == "Accepted"
    assert _reads(api.ganxin) == [(INSPECTOR.username, "case_history", str(case_id))]
    detail = inspector.get(f"/api/v1/cases/{case_id}").json()
    assert detail["status"] == "accepted" and detail["actions"] == []

    page = inspector.get(f"/cases/{case_id}")
    assert page.status_code == 200 and action_forms(page.text) == []
    assert "<form" not in page.text.split('id="actions-title"')[1].split("</section>")[0]
    timeline = text_of(page.text).split("办理经过")[1]
    assert "签收" in timeline and f"{handler('zhujian').actor.name}（单位承办人）" in timeline
    assert len(_reads(api.ganxin)) == 2  # the page shows the history too

    before = api.events_written()
    for action in ACTIONS:
        body = {"expected_version": 4, **ACTION_BODIES[action]}
        answer = inspector.post(f"/api/v1/cases/{case_id}/{action}", json=body)
        assert answer.status_code == 403 and error_of(answer)["code"] == "forbidden", f"{action}: {answer.text}"
        form = inspector.post(f"/cases/{case_id}/{action}", data=form_of(body), follow_redirects=False)
        assert form.status_code == 403, f"{action}: {form.status_code}"
    visit = inspector.post(
        "/api/v1/visits",
        json={
            "channel": "visit",
            "occurred_on": "2026-04-08",
            "enterprise": {"uscc": MEILUO.uscc},
            "problems": [{"category": "融资", "description": "试图登记"}],
        },
    )
    assert visit.status_code == 403
    assert api.events_written() == before
    assert api.ganxin.case_queries.get_case(DISPATCH, case_id).case.version == 4


def test_an_admin_reads_a_case_but_never_its_history(api: Api):
    case_id = _assigned(api.ganxin, "zhujian")
    admin = api.logins.client_of(ADMIN)
    before = api.events_written()
    for path in (
        f"/api/v1/cases/{case_id}/history",
        f"/api/v1/cases/{case_id}/history?at=2026-04-08",
        f"/api/v1/cases/{case_id}?at=2026-04-08",
    ):
        refused = admin.get(path)
        assert refused.status_code == 403, (path, refused.text)
        assert error_of(refused)["code"] == "forbidden" and "无权" in error_of(refused)["message"]
    assert admin.get(f"/api/v1/cases/{case_id}").json()["status"] == "assigned"  # the case itself, as it stands
    page = admin.get(f"/cases/{case_id}")
    assert page.status_code == 200 and "zhujian的问题" in text_of(page.text)
    assert 'id="timeline"' not in page.text and "办理经过" not in text_of(page.text)
    assert admin.get(f"/cases/{case_id}?at=2026-04-08").status_code == 403
    assert _reads(api.ganxin) == [] and api.events_written() == before  # nothing read, so nothing recorded
