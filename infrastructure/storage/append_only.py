"""Append-only storage on PostgreSQL (`ganxin db init`): the owner role makes the event store, the
application role may only read and add rows to it, and triggers refuse every change to a stored row."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlparse

import psycopg
from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import Environment
from psycopg import sql

from application.shared.event_log import GanxinApplication
from infrastructure.projections.engine import POSTGRES
from infrastructure.settings import Settings
from infrastructure.storage.seal_store import AUDIT_TABLES, create_audit_tables

# UPDATE only because the library takes `LOCK TABLE … IN EXCLUSIVE MODE` before inserting, which
# PostgreSQL allows to holders of UPDATE, DELETE or TRUNCATE; the row trigger refuses any real UPDATE.
EVENTS_PRIVILEGES = ("SELECT", "INSERT", "UPDATE")
AUDIT_PRIVILEGES = ("SELECT", "INSERT")
REFUSE_FUNCTION = "ganxin_refuse_rewrite"
ROW_TRIGGER = "ganxin_append_only_rows"
TRUNCATE_TRIGGER = "ganxin_append_only_truncate"

SQLITE_WARNING = (
    "警告：SQLite 数据库文件的所有者（以及任何能写这个文件的人）都可以改写其中的事件，数据库本身无法阻止；"
    "只有已签名的检查点（ganxin audit verify）可以作为证据。要让事件表只许追加，请使用 PostgreSQL 并运行 "
    "`ganxin db init`。/ Warning: whoever can write the SQLite file can rewrite its events; only the signed "
    "checkpoints stand. For an append-only event store use PostgreSQL and `ganxin db init`."
)

_REFUSE_BODY = """
BEGIN
  RAISE EXCEPTION '甘心办：表 %.% 只许追加，拒绝 % / append-only table: % refused',
    TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP, TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = '事件和审计记录一经写入，不得修改、删除或清空 / stored rows are never changed';
END
"""

logger = logging.getLogger("ganxin")


class AppendOnlySetupError(Exception):
    """`ganxin db init` cannot go on; the message (Chinese) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class AppRole:
    """The role the application logs in as, from GANXIN_DATABASE_URL."""

    name: str
    password: str

    @classmethod
    def from_url(cls, url: str) -> AppRole:
        """The user name and password of a postgresql:// URL."""
        parts = urlparse(url)
        if not parts.username:
            raise AppendOnlySetupError("GANXIN_DATABASE_URL 未写应用角色名（postgresql://角色:密码@主机/库）")
        return cls(unquote(parts.username), unquote(parts.password or ""))


@dataclass(frozen=True)
class AppendOnlyTable:
    """A table the application may read and add to, never change."""

    name: str
    privileges: tuple[str, ...]


def warn_if_rewritable(settings: Settings) -> None:
    """Log, once per start-up, that a SQLite file can be rewritten by its owner."""
    if not settings.is_postgres:
        logger.warning(SQLITE_WARNING)


@contextmanager
def event_store_recorder(owner: Settings) -> Iterator[PostgresApplicationRecorder]:
    """The library's events recorder on the owner's connection, the table not yet created."""
    env = {**replace(owner, append_only=False).eventsourcing_env(), "CREATE_TABLE": "no"}
    factory = InfrastructureFactory.construct(Environment(GanxinApplication.name, env))
    try:
        recorder = factory.application_recorder()
        assert isinstance(recorder, PostgresApplicationRecorder)
        yield recorder
    finally:
        factory.close()


def prepare_append_only(owner: Settings, role: AppRole) -> list[str]:
    """Make the event store as the owner and lock it down for the application role; what it did, in Chinese.

    Running it again changes nothing that is already right.
    """
    lines: list[str] = []
    with event_store_recorder(owner) as recorder, psycopg.connect(owner.database_url, autocommit=True) as conn:
        schema = recorder.datastore.schema
        _refuse_unsafe_role(conn, role)
        lines.append(_ensure_role(conn, role))
        tables = [
            AppendOnlyTable(recorder.events_table_name, EVENTS_PRIVILEGES),
            *(AppendOnlyTable(name, AUDIT_PRIVILEGES) for name in AUDIT_TABLES),
        ]
        lines += _claim_tables(conn, schema, tables)  # made earlier by the application role itself
        existed = [_exists(conn, schema, table.name) for table in tables]
        recorder.create_table()
        create_audit_tables(recorder.datastore, POSTGRES)  # the sealer's tables, as the owner too
        lines += [
            f"{'事件表' if table.privileges == EVENTS_PRIVILEGES else '审计表'} {table.name}："
            f"{'已存在' if found else '已创建'}，所有者为 {_me(conn)}"
            for table, found in zip(tables, existed, strict=True)
        ]
        with conn.transaction():
            _create_refuse_function(conn, schema)
            lines += [_lock_down(conn, schema, table, role) for table in tables]
            lines += _hand_over_other_tables(conn, schema, tables, role)
            lines.append(_grant_schema(conn, schema, role))
    return lines


def _me(conn: psycopg.Connection) -> str:
    row = conn.execute("SELECT current_user").fetchone()
    assert row is not None
    return str(row[0])


def _exists(conn: psycopg.Connection, schema: str, table: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s)", (f"{schema}.{table}",)).fetchone()
    return row is not None and row[0] is not None


def _refuse_unsafe_role(conn: psycopg.Connection, role: AppRole) -> None:
    """The application role must be neither the owner nor a superuser: either could undo the lock-down."""
    if role.name == _me(conn):
        raise AppendOnlySetupError(
            f"应用角色 {role.name} 与所有者相同：GANXIN_DATABASE_OWNER_URL 须用另一个角色（表的所有者），"
            "GANXIN_DATABASE_URL 用应用角色"
        )
    row = conn.execute(
        "SELECT rolsuper, pg_has_role(oid, current_user, 'MEMBER') FROM pg_roles WHERE rolname = %s", (role.name,)
    ).fetchone()
    if row is not None and row[0]:
        raise AppendOnlySetupError(f"应用角色 {role.name} 是超级用户，可绕过一切限制：请换一个普通角色")
    if row is not None and row[1]:
        raise AppendOnlySetupError(
            f"应用角色 {role.name} 是所有者 {_me(conn)} 的成员，可以所有者身份删改事件："
            f"请先 REVOKE {_me(conn)} FROM {role.name}"
        )


def _ensure_role(conn: psycopg.Connection, role: AppRole) -> str:
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role.name,)).fetchone() is not None
    verb = sql.SQL("ALTER ROLE" if exists else "CREATE ROLE")
    # Only LOGIN: CREATE ROLE's defaults are NOSUPERUSER NOCREATEDB NOCREATEROLE, and naming SUPERUSER
    # at all needs a superuser, which the owner need not be.
    statement = sql.SQL("{} {} LOGIN").format(verb, sql.Identifier(role.name))
    if role.password:
        statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(role.password))
    conn.execute(statement)
    return f"应用角色 {role.name}：{'已存在，已确认可登录' if exists else '已创建（可登录）'}"


def _table_owner(conn: psycopg.Connection, schema: str, table: str) -> str | None:
    row = conn.execute(
        "SELECT tableowner FROM pg_tables WHERE schemaname = %s AND tablename = %s", (schema, table)
    ).fetchone()
    return None if row is None else str(row[0])


def _claim_tables(conn: psycopg.Connection, schema: str, tables: Sequence[AppendOnlyTable]) -> list[str]:
    """Append-only tables someone else owns (an application role that made them) pass to the owner."""
    me, lines = _me(conn), []
    for table in tables:
        owner = _table_owner(conn, schema, table.name)
        if owner is not None and owner != me:
            _alter_owner(conn, schema, table.name, sql.SQL("CURRENT_USER"), owner)
            lines.append(f"表 {table.name}：所有者由 {owner} 改为 {me}")
    return lines


def _alter_owner(conn: psycopg.Connection, schema: str, table: str, new_owner: sql.Composable, other: str) -> None:
    """ALTER TABLE … OWNER TO, which a non-superuser owner may do only as a member of the other role."""
    try:
        conn.execute(
            sql.SQL("ALTER TABLE {}.{} OWNER TO {}").format(sql.Identifier(schema), sql.Identifier(table), new_owner)
        )
    except psycopg.errors.InsufficientPrivilege as error:
        me = _me(conn)
        raise AppendOnlySetupError(
            f"无法更改表 {table} 的所有者（{error}）：请用超级用户作所有者连接，或先执行 "
            f"GRANT {other} TO {me}（让所有者成为该角色的成员）后再运行"
        ) from error


def _create_refuse_function(conn: psycopg.Connection, schema: str) -> None:
    conn.execute(
        sql.SQL("CREATE OR REPLACE FUNCTION {}.{}() RETURNS trigger LANGUAGE plpgsql AS {}").format(
            sql.Identifier(schema), sql.Identifier(REFUSE_FUNCTION), sql.Literal(_REFUSE_BODY)
        )
    )


def _lock_down(conn: psycopg.Connection, schema: str, table: AppendOnlyTable, role: AppRole) -> str:
    """Only the listed privileges for the role, and triggers refusing UPDATE, DELETE and TRUNCATE."""
    target = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(table.name))
    who = sql.Identifier(role.name)
    function = sql.SQL("{}.{}()").format(sql.Identifier(schema), sql.Identifier(REFUSE_FUNCTION))
    conn.execute(sql.SQL("REVOKE ALL ON TABLE {} FROM PUBLIC, {}").format(target, who))
    conn.execute(
        sql.SQL("GRANT {} ON TABLE {} TO {}").format(sql.SQL(", ").join(map(sql.SQL, table.privileges)), target, who)
    )
    for sequence in _sequences_of(conn, schema, table.name):
        conn.execute(
            sql.SQL("GRANT USAGE ON SEQUENCE {}.{} TO {}").format(sql.Identifier(schema), sql.Identifier(sequence), who)
        )
    for name, timing in (
        (ROW_TRIGGER, "BEFORE UPDATE OR DELETE ON {} FOR EACH ROW"),
        (TRUNCATE_TRIGGER, "BEFORE TRUNCATE ON {} FOR EACH STATEMENT"),
    ):
        conn.execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(sql.Identifier(name), target))
        conn.execute(
            sql.SQL("CREATE TRIGGER {} " + timing + " EXECUTE FUNCTION {}").format(
                sql.Identifier(name), target, function
            )
        )
    return (
        f"表 {table.name}：应用角色 {role.name} 仅有 {'、'.join(table.privileges)} 权限"
        f"{'（UPDATE 仅供事件库加表锁）' if 'UPDATE' in table.privileges else ''}；"
        "触发器拒绝任何 UPDATE、DELETE 和 TRUNCATE"
    )


def _sequences_of(conn: psycopg.Connection, schema: str, table: str) -> list[str]:
    """The sequences a table's serial or identity columns draw from."""
    rows = conn.execute(
        "SELECT s.relname FROM pg_class s JOIN pg_depend d ON d.objid = s.oid "
        "AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass "
        "WHERE s.relkind = 'S' AND d.refobjid = to_regclass(%s) ORDER BY s.relname",
        (f"{schema}.{table}",),
    ).fetchall()
    return [str(row[0]) for row in rows]


def _hand_over_other_tables(
    conn: psycopg.Connection, schema: str, tables: Sequence[AppendOnlyTable], role: AppRole
) -> list[str]:
    """Read models, tracking, sessions … that the owner made pass to the application role, which drops
    and recreates read models when it rebuilds them (DROP needs ownership)."""
    keep = {table.name for table in tables}
    rows = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tableowner = current_user ORDER BY tablename",
        (schema,),
    ).fetchall()
    moved = [str(row[0]) for row in rows if str(row[0]) not in keep]
    for name in moved:
        _alter_owner(conn, schema, name, sql.Identifier(role.name), role.name)
    return [f"其余 {len(moved)} 张表（读模型、会话等）交给应用角色 {role.name}：{'、'.join(moved)}"] if moved else []


def _grant_schema(conn: psycopg.Connection, schema: str, role: AppRole) -> str:
    conn.execute(
        sql.SQL("GRANT USAGE, CREATE ON SCHEMA {} TO {}").format(sql.Identifier(schema), sql.Identifier(role.name))
    )
    conn.execute(
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(_database(conn)), sql.Identifier(role.name))
    )
    return f"模式 {schema}：应用角色 {role.name} 可建表（读模型、会话等由它自己创建和重建）"


def _database(conn: psycopg.Connection) -> str:
    row = conn.execute("SELECT current_database()").fetchone()
    assert row is not None
    return str(row[0])
