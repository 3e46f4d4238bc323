"""A database written by main before issue 12 (commit 52b5ae9) still loads: its events replay, decode to the same
stored bytes, and project to the answers the old code gave; a new command on an old case saves.

tests/compat/make_old_database.py wrote data/old_main.sqlite.gz and data/old_main.json with that commit's code.
Each test opens a copy: the SQLite file itself, or its stored event rows copied into a fresh PostgreSQL database.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
import pytest
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import resolve_topic
from psycopg import sql

from application.cases.ports import CaseFilter
from application.shared.access import Principal
from application.shared.clock import ControlledClock
from domain.shared.actor import Actor
from domain.shared.vocabulary import CaseStatus
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from tests.compat.topics import declared_topics, event_topics
from tests.support.app import ganxin_on

DATA = Path(__file__).parent / "data"
RECORDED: dict[str, Any] = json.loads((DATA / "old_main.json").read_text(encoding="utf-8"))
TODAY = datetime.fromisoformat(RECORDED["today"])  # the old code's clock when it answered
DESK = Principal(Actor("compat-desk", "兼容测试调度员", "task_force_lead"), dispatch_all=True)  # sees every case
LIGHTS = ("red", "yellow", "blue", "green")


# --- the only calls into the application (keep them here: the facade is being replaced by services) -------------
@contextmanager
def current_app(url: str) -> Iterator[Any]:
    """The current application on the database, as the tests build it, with the old answers' clock."""
    with ganxin_on(url, ControlledClock(TODAY)) as app:
        yield app


def create_event_table(url: str) -> str:
    """Let the current code create its tables on an empty database, writing nothing; the events table's name."""
    app = build_services(Settings(database_url=url), catch_up=False, sync_calendar=False)
    try:
        return str(app.store.event_log.recorder.events_table_name)
    finally:
        app.store.close()


def replayed_and_encoded(app: Any, rows: list[StoredEvent]) -> tuple[dict[UUID, int], list[StoredEvent]]:
    """Each aggregate's version after replaying its events; each stored event decoded and encoded again."""
    versions = {i: app.store.get(i).version for i in dict.fromkeys(r.originator_id for r in rows)}
    return versions, [
        app.store.event_log.mapper.to_stored_event(app.store.event_log.mapper.to_domain_event(r)) for r in rows
    ]


def read_answers(app: Any, case_id: UUID, rebuild: bool = False) -> dict[str, Any]:
    """Case totals per status, one case's page, the board's counts (after projecting the log anew if asked)."""
    if rebuild:
        app.store.projector.rebuild()
    totals = {"all": app.case_queries.list_cases(DESK, CaseFilter()).total}
    totals |= {s.value: app.case_queries.list_cases(DESK, CaseFilter(status=s.value)).total for s in CaseStatus}
    detail = app.case_queries.get_case(DESK, case_id)
    page = {name: getattr(detail.case, name) for name in RECORDED["case_page"] if hasattr(detail.case, name)}
    page |= {"case_no": detail.case_no, "enterprise_name": detail.enterprise_name, "actions": detail.actions}
    counts = app.board.deadline_board(DESK, CaseFilter()).counts
    return {"case_totals": totals, "case_page": as_json(page), "board_counts": {k: getattr(counts, k) for k in LIGHTS}}


def note_progress(app: Any, case_id: UUID, note: str) -> dict[str, Any]:
    """The lead unit's handler notes progress on the case; what its page and the case list then show."""
    case = app.case_queries.get_case(DESK, case_id).case
    handler = Principal(Actor("compat-handler-new", "新承办人", "unit_handler"), unit=case.lead_unit)
    version = app.cases.note_progress(case_id, case.version, handler, note)
    (row,) = app.case_queries.list_cases(DESK, CaseFilter(text=case.description)).items
    last = app.case_queries.case_history(DESK, case_id)[-1]
    return {
        "saved": version,
        "page": app.case_queries.get_case(DESK, case_id).case.latest_progress,
        "listed": row.version,
        "history": (last.type, last.fields.get("note")),
    }


def token_user(app: Any, token: str) -> str | None:
    """Whom an API token signs in as, if anyone."""
    principal = app.tokens.token_principal(token)
    return principal.actor.user_id if principal else None


# --- the old database, copied -------------------------------------------------------------------------------------
def as_json(value: Any) -> Any:
    """The value as old_main.json holds it (dates as text)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def unpack_old_database(directory: Path) -> Path:
    """A fresh copy of the old SQLite file."""
    path = directory / "old_main.sqlite"
    with gzip.open(DATA / "old_main.sqlite.gz", "rb") as packed, path.open("wb") as plain:
        shutil.copyfileobj(packed, plain)
    return path


def stored_rows(sqlite_path: Path) -> list[tuple[int, UUID, int, str, bytes]]:
    """(notification id, originator id, version, topic, state) of every stored event, in log order."""
    with closing(sqlite3.connect(sqlite_path)) as conn:
        rows = conn.execute(
            "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events ORDER BY rowid"
        ).fetchall()
    return [(n, UUID(i), v, t, bytes(s)) for n, i, v, t, s in rows]


def copy_events_to_postgres(rows: list[tuple[int, UUID, int, str, bytes]], url: str) -> None:
    """The same rows, byte for byte and at the same positions, in the current code's PostgreSQL event table."""
    table = create_event_table(url)
    insert = sql.SQL(
        "INSERT INTO {} (notification_id, originator_id, originator_version, topic, state) VALUES (%s, %s, %s, %s, %s)"
    ).format(sql.Identifier(table))
    with psycopg.connect(url) as conn:
        conn.cursor().executemany(insert, rows)
        conn.execute("SELECT setval(pg_get_serial_sequence(%s, 'notification_id'), %s)", [table, rows[-1][0]])


@pytest.fixture(scope="module")
def old_rows(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, UUID, int, str, bytes]]:
    """Every stored event of the old database."""
    return stored_rows(unpack_old_database(tmp_path_factory.mktemp("old_rows")))


@pytest.fixture(params=["sqlite", "postgres"])
def old_database(request: pytest.FixtureRequest, tmp_path: Path, old_rows: list[Any]) -> str:
    """URL of a fresh copy of the old database: the SQLite file, or its event rows on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{unpack_old_database(tmp_path)}"
    url: str = request.getfixturevalue("fresh_postgres_database")["url"]
    copy_events_to_postgres(old_rows, url)
    return url


# --- the tests --------------------------------------------------------------------------------------------------------
def test_the_file_holds_what_the_old_code_recorded(old_rows) -> None:
    topics: dict[str, int] = {}
    for _, _, _, topic, _ in old_rows:
        topics[topic] = topics.get(topic, 0) + 1
    assert topics == RECORDED["topics"]
    assert event_topics(RECORDED["declared_topics"]) - set(topics) == set()  # every kind the old code could store


def test_every_old_topic_is_declared_by_the_current_code_and_resolves_to_it() -> None:
    current = declared_topics()
    assert set(RECORDED["declared_topics"]) - current == set()
    assert set(RECORDED["topics"]) - current == set()
    for topic in RECORDED["declared_topics"]:
        assert topic == resolve_topic(topic).TOPIC


def test_every_aggregate_replays_and_every_event_encodes_to_the_stored_bytes(old_database, old_rows) -> None:
    stored = [StoredEvent(i, v, t, s) for _, i, v, t, s in old_rows]
    with current_app(old_database) as app:
        versions, encoded = replayed_and_encoded(app, stored)
    assert versions == {r.originator_id: r.originator_version for r in stored}  # the last version of each
    assert [(e.topic, e.state) for e in encoded] == [(e.topic, e.state) for e in stored]


@pytest.mark.parametrize("rebuild", [False, True], ids=["as-opened", "rebuilt"])
def test_read_models_give_the_old_answers(old_database, rebuild) -> None:
    with current_app(old_database) as app:
        answers = read_answers(app, UUID(RECORDED["case_id"]), rebuild=rebuild)
    assert answers == {k: RECORDED[k] for k in ("case_totals", "case_page", "board_counts")}


def test_a_new_command_on_an_old_case_saves_and_shows(old_database) -> None:
    note = "兼容测试：升级后继续办理"
    with current_app(old_database) as app:
        shown = note_progress(app, UUID(RECORDED["case_id"]), note)
    version = RECORDED["case_page"]["version"] + 1
    assert shown == {"saved": version, "page": note, "listed": version, "history": ("ProgressNoted", note)}


def test_an_api_token_issued_by_the_old_code_still_signs_in(tmp_path) -> None:
    issued = RECORDED["api_token"]  # tokens live in their own table (on SQLite, in the same file)
    with current_app(f"sqlite:///{unpack_old_database(tmp_path)}") as app:
        assert token_user(app, issued["token"]) == issued["user_id"]
        assert token_user(app, issued["token"][:-1]) is None
