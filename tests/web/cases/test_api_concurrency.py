"""Two people act on one case at the same moment: one wins, the other is told the case moved on."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.web.api_support import Api, accepted_case, act, error_of, history
from tests.web.people import HANDLER

ROUNDS = 5


def _race(clients: list[httpx.Client], case_id: str, version: int, round_no: int) -> list[httpx.Response]:
    """Both clients note progress at the same expected version, released together by a barrier."""
    barrier = threading.Barrier(len(clients))

    def post(index: int) -> httpx.Response:
        barrier.wait(timeout=30)
        return act(clients[index], case_id, "progress", version, note=f"第{round_no}轮，第{index + 1}人的进展")

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        return list(pool.map(post, range(len(clients))))


def test_concurrent_actions_at_one_version_let_exactly_one_through(api: Api):
    case_id, version = accepted_case(api)

    # Two handlers of the lead unit, both allowed to note progress, press the button at the same moment.
    other = api.logged_in_client("handler-zhao", "赵承办", role="unit_handler", unit="zhujian")
    for round_no in range(1, ROUNDS + 1):
        answers = _race([api.handler, other], case_id, version, round_no)
        assert sorted(r.status_code for r in answers) == [200, 409], [r.text for r in answers]
        winner = next(r for r in answers if r.status_code == 200)
        loser = error_of(next(r for r in answers if r.status_code == 409))
        assert winner.json()["version"] == version + 1
        assert (loser["code"], loser["current_version"]) == ("version_conflict", version + 1)
        version += 1

    events = history(api.client, case_id)
    assert [e["version"] for e in events] == list(range(1, version + 1))  # no gap, no duplicate
    notes = [e for e in events if e["type"] == "ProgressNoted"]
    assert len(notes) == ROUNDS
    assert {e["actor"]["name"] for e in notes} <= {HANDLER.name, "赵承办"}
    assert api.client.get(f"/api/v1/cases/{case_id}").json()["version"] == version
    listed = api.client.get("/api/v1/cases").json()["items"][0]
    assert listed["version"] == version
