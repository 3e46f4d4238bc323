"""A lost commit acknowledgement on real PostgreSQL: the connection is cut right after COMMIT reached the server.

The eventsourcing library then retries the insert, which meets the unique key of the rows it just stored. The
write must be answered 2xx once, stored once, and a retry with the same Idempotency-Key must answer the same ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.faults.proxy import CommitCuttingProxy, inserts_into
from tests.support.postgres import create_database, database_settings, drop_database
from tests.web.api_support import Api, history, log_case, serve_api, visit_body

EVENTS_TABLE = "ganxin_events"


@dataclass
class Served:
    """The app served on a database it reaches only through the proxy; a direct URL for counting."""

    api: Api
    proxy: CommitCuttingProxy
    direct_url: str

    def count(self, topic: str) -> int:
        """Stored events of this topic, counted on a connection that bypasses the proxy."""
        with psycopg.connect(self.direct_url) as conn:
            row = conn.execute(f"SELECT count(*) FROM {EVENTS_TABLE} WHERE topic = %s", (topic,)).fetchone()
        return int(row[0]) if row else 0

    def cut_next_event_commit(self) -> None:
        """The next transaction that stores events loses its COMMIT acknowledgement."""
        self.proxy.cut_after_commit(inserts_into(EVENTS_TABLE))


@pytest.fixture(scope="module")
def served(postgres_url: str) -> Iterator[Served]:
    """A fresh PostgreSQL database, the proxy in front of its cluster, the app served through the proxy."""
    name = create_database(postgres_url)
    direct = database_settings(postgres_url, name)["url"]
    parts = urlsplit(direct)
    proxy = CommitCuttingProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    netloc = parts.netloc.rsplit(":", 1)[0] + f":{proxy.port}"
    try:
        with serve_api(urlunsplit(parts._replace(netloc=netloc))) as api:
            yield Served(api, proxy, direct)
    finally:
        proxy.close()
        drop_database(postgres_url, name)


@pytest.mark.parametrize("key", [None, "visit-cut-after-commit"])
def test_a_visit_whose_commit_acknowledgement_is_lost_is_answered_201_and_stored_once(served: Served, key: str | None):
    visits, cases = served.count("ganxin:Visit.Recorded"), served.count("ganxin:Case.Logged")
    headers = {"Idempotency-Key": key} if key else {}
    body = visit_body(f"道路破损（{key}）", "供暖不达标")

    served.cut_next_event_commit()
    logged = served.api.client.post("/api/v1/visits", json=body, headers=headers)
    assert served.proxy.wait_for_cut(), "the proxy never cut a connection after COMMIT"
    assert logged.status_code == 201, logged.text
    assert (served.count("ganxin:Visit.Recorded"), served.count("ganxin:Case.Logged")) == (visits + 1, cases + 2)
    if key is None:
        return
    again = served.api.client.post("/api/v1/visits", json=body, headers=headers)
    assert again.status_code == 201, again.text
    assert (again.json()["visit_id"], again.json()["case_ids"]) == (
        logged.json()["visit_id"],
        logged.json()["case_ids"],
    )
    assert served.count("ganxin:Visit.Recorded") == visits + 1
    reused = served.api.client.post("/api/v1/visits", json=visit_body("另一件事"), headers=headers)
    assert (reused.status_code, reused.json()["error"]["code"]) == (422, "idempotency_key_reused")


@pytest.mark.parametrize("key", [None, "classify-cut-after-commit"])
def test_a_case_action_whose_commit_acknowledgement_is_lost_is_its_own_write_not_a_conflict(
    served: Served, key: str | None
):
    case_id = log_case(served.api, f"厂区积水（{key}）")
    headers = {"Idempotency-Key": key} if key else {}
    body = {"expected_version": 1, "disposition": "immediate", "reason": "可立即办理"}

    served.cut_next_event_commit()
    classified = served.api.lead.post(f"/api/v1/cases/{case_id}/classify", json=body, headers=headers)
    assert served.proxy.wait_for_cut(), "the proxy never cut a connection after COMMIT"
    assert classified.status_code == 200, classified.text  # the old code answered 409 with its own version
    assert classified.json()["version"] == 2
    assert [e["type"] for e in history(served.api, case_id)] == ["Logged", "Classified"]
    if key is None:
        return
    again = served.api.lead.post(f"/api/v1/cases/{case_id}/classify", json=body, headers=headers)
    assert (again.status_code, again.json()) == (200, classified.json())
    assert [e["version"] for e in history(served.api, case_id)] == [1, 2]
