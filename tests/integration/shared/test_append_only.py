"""`ganxin db init`: on PostgreSQL the application role cannot change stored events, and Ganxin still works."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg
import pytest
from psycopg import sql

from application.cases.ports import CaseFilter
from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from infrastructure.storage.append_only_recorder import EventStoreNotPrepared
from infrastructure.wiring.services import build_services
from tests.support.app import CLOCK_START, DISPATCH, ganxin_on, log_problems, register_units
from tests.web.api_support import Api, act, visit_body
from tests.web.people import LEAD
from tests.web.serving import serve_app
from web.app import create_app
from web.cli.main import main

EVENTS = "ganxin_events"


def as_role(url: str, role: str, password: str) -> str:
    """The same database URL, logging in as another role."""
    parts = urlsplit(url)
    netloc = f"{role}:{password}@{parts.hostname}:{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


@pytest.fixture
def owner_url(fresh_postgres_database: dict[str, str]) -> str:
    """The database as its owner (the test cluster's superuser)."""
    return fresh_postgres_database["url"]


@pytest.fixture
def app_url(owner_url: str) -> Iterator[str]:
    """A URL for an application role of its own (roles are cluster-wide); the role is dropped afterwards."""
    role = f"gx_app_{uuid.uuid4().hex[:10]}"
    yield as_role(owner_url, role, "app-secret-pw")
    with psycopg.connect(owner_url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def db_init(owner_url: str, app_url: str) -> int:
    """Run `ganxin db init` as an operator would."""
    return main(["db", "init", "--owner-url", owner_url, "--database-url", app_url])


def app_settings(app_url: str) -> Settings:
    """Settings of Ganxin running as the application role on the prepared database."""
    return Settings(database_url=app_url, append_only=True)


def case_ids_listed_as_app_role(app_url: str) -> list[uuid.UUID]:
    """The ids of every case, as Ganxin running as the application role lists them to the dispatch desk."""
    with ganxin_on(app_url, append_only=True) as app:
        return [row.case_id for row in app.case_queries.list_cases(DISPATCH, CaseFilter()).items]


def event_count(url: str) -> int:
    """How many events the store holds."""
    with psycopg.connect(url) as conn:
        row = conn.execute(f"SELECT count(*) FROM {EVENTS}").fetchone()
    assert row is not None
    return int(row[0])


def refused(url: str, statement: str) -> str:
    """The error PostgreSQL answers the statement with (it must refuse it)."""
    with psycopg.connect(url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege) as error:
        conn.execute(statement)
    return str(error.value)


def test_the_application_role_cannot_update_delete_or_truncate_events(
    owner_url: str, app_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert db_init(owner_url, app_url) == 0
    out = capsys.readouterr().out
    assert f"事件表 {EVENTS}：已创建" in out and "触发器拒绝任何 UPDATE、DELETE 和 TRUNCATE" in out
    stored = event_count(app_url)
    assert stored > 0  # the first start-up published the holiday calendars

    assert "只许追加，拒绝 UPDATE" in refused(app_url, f"UPDATE {EVENTS} SET topic = 'forged'")
    assert "permission denied" in refused(app_url, f"DELETE FROM {EVENTS}")
    assert "permission denied" in refused(app_url, f"TRUNCATE {EVENTS}")
    assert "must be owner" in refused(app_url, f"ALTER TABLE {EVENTS} DISABLE TRIGGER ALL")
    assert "must be owner" in refused(app_url, f"DROP TABLE {EVENTS}")
    assert event_count(app_url) == stored


def test_the_triggers_refuse_even_the_owner(owner_url: str, app_url: str) -> None:
    assert db_init(owner_url, app_url) == 0
    # The owner holds every privilege; only the triggers stand in the way (it could drop them:
    # against the owner only the signed checkpoints stand).
    assert "拒绝 DELETE" in refused(owner_url, f"DELETE FROM {EVENTS}")
    assert "拒绝 TRUNCATE" in refused(owner_url, f"TRUNCATE {EVENTS}")


def test_the_seal_tables_take_new_rows_from_the_application_role_and_refuse_changes(
    owner_url: str, app_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert db_init(owner_url, app_url) == 0
    out = capsys.readouterr().out
    assert "审计表 audit_checkpoints：已创建" in out and "表 audit_leaves：应用角色" in out
    with psycopg.connect(app_url) as conn:  # what the sealer does, as the application role
        conn.execute("INSERT INTO audit_checkpoints VALUES (1, 1, 'ab', '2026-04-08T09:00:00+08:00', 'k', 'cd')")

    for table in ("audit_leaves", "audit_checkpoints"):
        for statement in (
            f"UPDATE {table} SET position = position" if table == "audit_leaves" else f"UPDATE {table} SET root = 'ff'",
            f"DELETE FROM {table}",
            f"TRUNCATE {table}",
        ):
            assert "permission denied" in refused(app_url, statement)
    assert "拒绝 UPDATE" in refused(owner_url, "UPDATE audit_checkpoints SET root = 'ff'")
    assert "拒绝 DELETE" in refused(owner_url, "DELETE FROM audit_checkpoints")


@contextmanager
def served_as_app_role(app_url: str) -> Iterator[Api]:
    """The web application as `ganxin serve` runs it on the prepared database, served over real HTTP."""
    clock = ControlledClock(CLOCK_START)
    app = create_app(app_settings(app_url), clock=clock)
    with serve_app(app) as logins:
        yield Api(app.state.ganxin, logins, clock)


def listed(client: httpx.Client) -> list[tuple[str, str, str | None]]:
    """The case list as the API gives it: id, status, lead unit."""
    response = client.get("/api/v1/cases")
    assert response.status_code == 200, response.text
    return sorted((row["case_id"], row["status"], row["lead_unit"]) for row in response.json()["items"])


def test_ganxin_works_end_to_end_as_the_application_role(
    owner_url: str, app_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert db_init(owner_url, app_url) == 0
    with served_as_app_role(app_url) as api:
        register_units(api.ganxin)
        first, second = api.client.post("/api/v1/visits", json=visit_body("需迁移树木", "需道路挖掘许可")).json()[
            "case_ids"
        ]
        for version, (action, fields) in enumerate(
            [
                ("classify", {"disposition": "immediate", "reason": "无政策瓶颈"}),
                ("assign", {"lead_unit": "zhujian", "working_days": 5}),
                ("accept", {}),
            ],
            start=1,
        ):
            response = act(api, first, action, version, **fields)
            assert response.status_code == 200, f"{action}: {response.text}"
        before = listed(api.lead)
    assert before == sorted([(first, "accepted", "zhujian"), (second, "logged", None)])

    monkeypatch.setenv("GANXIN_APPEND_ONLY", "1")
    assert main(["projections", "rebuild", "--database-url", app_url]) == 0  # DROP/CREATE as the app role

    with served_as_app_role(app_url) as api:
        assert listed(api.logins.log_in(LEAD)) == before


def test_db_init_twice_changes_nothing(owner_url: str, app_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert db_init(owner_url, app_url) == 0
    with ganxin_on(app_url, append_only=True) as app:
        register_units(app)
        [case_id] = log_problems(app, "需迁改电源箱")
    stored = event_count(app_url)
    capsys.readouterr()

    assert db_init(owner_url, app_url) == 0

    out = capsys.readouterr().out
    assert f"事件表 {EVENTS}：已存在" in out and "已存在，已确认可登录" in out
    assert event_count(app_url) == stored
    assert "只许追加" in refused(app_url, f"UPDATE {EVENTS} SET state = state")
    assert case_ids_listed_as_app_role(app_url) == [case_id]


def test_db_init_takes_the_event_store_from_an_application_role_that_made_it(
    owner_url: str, app_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    role = urlsplit(app_url).username
    with psycopg.connect(owner_url, autocommit=True) as conn:  # how an earlier deployment ran: one role
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'app-secret-pw'").format(sql.Identifier(role)))
        conn.execute(sql.SQL("GRANT CREATE ON SCHEMA public TO {}").format(sql.Identifier(role)))
    with ganxin_on(app_url) as app:
        register_units(app)
        [case_id] = log_problems(app, "需迁移树木")

    assert db_init(owner_url, app_url) == 0

    assert f"表 {EVENTS}：所有者由 {role} 改为 postgres" in capsys.readouterr().out
    assert "permission denied" in refused(app_url, f"DELETE FROM {EVENTS}")
    assert case_ids_listed_as_app_role(app_url) == [case_id]


def test_db_init_refuses_the_owner_as_the_application_role(owner_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert db_init(owner_url, owner_url) == 2
    assert "与所有者相同" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("power", "says"),
    [("SUPERUSER", "是超级用户"), ("IN ROLE postgres", "是所有者 postgres 的成员")],
    ids=["superuser", "member-of-owner"],
)
def test_db_init_refuses_an_application_role_that_could_undo_it(
    owner_url: str, app_url: str, power: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    role = sql.Identifier(urlsplit(app_url).username)
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN " + power).format(role))
    assert db_init(owner_url, app_url) == 2
    assert says in capsys.readouterr().err
    with psycopg.connect(owner_url) as conn:
        assert conn.execute(f"SELECT to_regclass('{EVENTS}')").fetchone() == (None,)  # refused before any change


def test_db_init_needs_the_owner_url(
    app_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GANXIN_DATABASE_OWNER_URL", raising=False)
    assert main(["db", "init", "--database-url", app_url]) == 2
    assert "GANXIN_DATABASE_OWNER_URL" in capsys.readouterr().err


def test_the_application_says_to_run_db_init_when_the_events_table_is_missing(owner_url: str, app_url: str) -> None:
    role = sql.Identifier(urlsplit(app_url).username)
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'app-secret-pw'").format(role))
        conn.execute(sql.SQL("GRANT CREATE ON SCHEMA public TO {}").format(role))
    with pytest.raises(EventStoreNotPrepared, match="请先用数据库所有者运行 `ganxin db init`"):
        build_services(app_settings(app_url))


def test_on_sqlite_db_init_and_start_up_warn_that_the_file_can_be_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'ganxin.db'}"
    assert main(["db", "init", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "SQLite 数据库文件的所有者" in out and "只有已签名的检查点" in out

    with caplog.at_level(logging.WARNING, logger="ganxin"):
        web = create_app(Settings(database_url=url))
    web.state.ganxin.store.close()
    warnings = [r.getMessage() for r in caplog.records if "只有已签名的检查点" in r.getMessage()]
    assert len(warnings) == 1
