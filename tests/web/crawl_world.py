"""The remit crawl's world: what `ganxin demo` loads and creates, plus what gives every principal something
outside its remit to leak; served once per database, with a logged-in client (or API token) per principal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from argon2 import PasswordHasher
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from eventsourcing.postgres import PostgresDatastore

from application.audit.sealer import Sealer, SealPolicy
from application.cases.ports import CaseFilter
from application.findings.commands import CitationInput, FindingInput
from application.scenario.loader import load_scenario, read_bundled_scenario, scenario_clock
from application.services import Services
from application.shared.access import Principal
from domain.shared.actor import Actor
from domain.shared.vocabulary import Role
from infrastructure.accounts.passwords import Argon2PasswordHasher
from infrastructure.audit.ed25519 import Ed25519Signer
from infrastructure.projections.engine.dialect import POSTGRES, SQLITE
from infrastructure.settings import Settings
from infrastructure.storage.seal_store import SqlSealStore
from tests.support import run_server
from tests.support.auth import TOTP_SECRETS, login
from web.app import create_app
from web.cli.demo import DEMO_ACCOUNTS, DEMO_ADMIN, DEMO_PASSWORD, DEMO_PROJECT, ensure_demo_accounts, log_live_cases
from web.cli.users import DEMO_TOTP_SECRETS, demo_totp_lines
from web.deadline_watch import ladder_settings

TODAY = datetime(2026, 11, 20, 2, tzinfo=UTC)  # 10:00 in Dalian, long after the scenario's spring
# The demo's lead is the dispatch desk and sees every case: a lead of one task force has a remit to leak from.
TASK_FORCE_LEAD = ("crawl-lead", "爬取专班负责人（大船专班）", "tf-dachuan")
SYSTEM = Principal(Actor("crawl-system", "遍历测试", "system"))  # sees every case (the crawl's universe)
DESK = Principal(Actor("demo-lead", "演示专班负责人（营商局调度）", Role.TASK_FORCE_LEAD.value), dispatch_all=True)
INSPECTOR = Principal(Actor("demo-inspector", "演示纪检监察员", Role.INSPECTOR.value))


class QuickArgon2(Argon2PasswordHasher):
    """Argon2id at its cheapest: eight accounts and logins at the library's cost would take most of the budget."""

    def __init__(self) -> None:
        self._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@dataclass(frozen=True)
class Visitor:
    """One principal the crawl reads as: an account, through its session or through an API token."""

    username: str
    token: bool = False

    def __str__(self) -> str:
        return f"{self.username}{' (API token)' if self.token else ''}"


SESSIONS = [Visitor(username) for username, *_ in DEMO_ACCOUNTS] + [Visitor(TASK_FORCE_LEAD[0])]
TOKEN_ROLES = {Role.CADRE.value, Role.UNIT_HANDLER.value, Role.TASK_FORCE_LEAD.value, Role.SERVICE_SECRETARY.value}
# The demo's lead is the dispatch desk, which is listed every case: its token could show no more than that.
TOKENS = [
    Visitor(username, token=True)
    for username, _, role, _ in DEMO_ACCOUNTS
    if role in TOKEN_ROLES and username != "demo-lead"
] + [Visitor(TASK_FORCE_LEAD[0], token=True)]
VISITORS = SESSIONS + TOKENS


@dataclass(frozen=True)
class CaseMark:
    """What identifies a case in any answer: its id, its number, its description."""

    case_id: str
    number: str
    description: str


@dataclass
class DemoWorld:
    """The served demo world: its cases, the ids the crawl cannot read off any answer, a client per visitor."""

    app: Any  # the FastAPI app served
    ganxin: Services
    base_url: str
    stack: ExitStack
    tokens: dict[str, str]
    cases: list[CaseMark]
    event_positions: tuple[int, ...]  # first and last sealed event, for the proofs
    clients: dict[Visitor, httpx.Client] = field(default_factory=dict)

    def client(self, visitor: Visitor) -> httpx.Client:
        """The visitor's client: logged in through the real forms, or carrying its bearer token."""
        if visitor not in self.clients:
            client = self.stack.enter_context(httpx.Client(base_url=self.base_url, timeout=60))
            if visitor.token:
                client.headers["Authorization"] = f"Bearer {self.tokens[visitor.username]}"
            else:
                login(client, visitor.username, DEMO_PASSWORD)
            self.clients[visitor] = client
        return self.clients[visitor]


def _all_cases(ganxin: Services) -> list[CaseMark]:
    """Every case of the world, from the application (not from the answers the crawl checks)."""
    found, page = [], 1
    while True:
        result = ganxin.case_queries.list_cases(SYSTEM, CaseFilter(page=page, per_page=100))
        found += [CaseMark(str(c.case_id), c.case_no, c.description) for c in result.items]
        if page >= result.pages:
            return found
        page += 1


def _add_remits_to_leak(ganxin: Services) -> dict[str, str]:
    """A one-task-force lead, a case on a project the demo secretary does not serve, a finding, the tokens."""
    username, name, task_force = TASK_FORCE_LEAD
    ganxin.accounts.create_account(
        DEMO_ADMIN,
        username=username,
        display_name=name,
        role=Role.TASK_FORCE_LEAD.value,
        password=DEMO_PASSWORD,
        unit=None,
    )
    ganxin.accounts.change_membership(DEMO_ADMIN, username, unit=None, task_forces=[task_force], dispatch_all=False)
    # Every scenario case sits on the demo secretary's project: the first other project (the first the crawl
    # tries as out of the secretary's remit) gets one of the live cases.
    other_project = min(p.key for p in ganxin.project_views.project_list(DESK) if p.key != DEMO_PROJECT)
    live = ganxin.case_queries.list_cases(
        SYSTEM, CaseFilter(channel="visit", text="示例：企业申请技改项目贷款贴息")
    ).items[0]
    ganxin.projects.link_case_to_project(DESK, live.case_id, live.version, other_project)
    ganxin.findings.record_finding(
        INSPECTOR,
        FindingInput(
            cases=(CitationInput(live.case_no, (1,)),),
            field="projects",
            behaviours=("sloth",),
            title="遍历测试：签收后无进展",
            description="遍历测试用的认定",
            unit="jinrong",
        ),
    )
    return {v.username: ganxin.tokens.issue_token(DEMO_ADMIN, v.username, "遍历测试").token for v in TOKENS}


def _seal(ganxin: Services) -> tuple[int, ...]:
    """Seal the log once (a key made for the test), so that inspectors' proofs answer; the first and last event."""
    datastore: Any = ganxin.store.event_log.factory.datastore  # type: ignore[attr-defined]  # both SQL factories have one; their base does not say so
    store = SqlSealStore(datastore, POSTGRES if isinstance(datastore, PostgresDatastore) else SQLITE)
    sealer = Sealer(
        ganxin.store.event_log.recorder,
        store,
        Ed25519Signer(Ed25519PrivateKey.generate()),
        ganxin.store.clock,
        [],
        SealPolicy(),
    )
    sealer.seal(final=True)
    return 1, ganxin.store.event_log.recorder.max_notification_id() or 1


@contextmanager
def serve_demo_world(database_url: str) -> Iterator[DemoWorld]:
    """What `ganxin demo` builds (scenario, live cases, demo accounts with their TOTP), plus the crawl's extras."""
    data = read_bundled_scenario()
    clock = scenario_clock(data)
    settings = Settings(database_url=database_url)
    app = create_app(settings, clock=clock)
    ganxin: Services = app.state.ganxin
    ganxin.accounts.password_hasher = QuickArgon2()
    try:
        load_scenario(ganxin, data, clock)
        clock.set(TODAY)
        log_live_cases(ganxin)
        ensure_demo_accounts(ganxin)
        demo_totp_lines(ganxin)
        for username, secret in DEMO_TOTP_SECRETS.items():
            TOTP_SECRETS[username] = (secret, ganxin)
        tokens = _add_remits_to_leak(ganxin)
        ganxin.deadline_watch.tick(
            ladder_settings(settings)
        )  # the start-up watch, done before the crawl rather than during it
        positions = _seal(ganxin)
        with run_server(app) as base_url, ExitStack() as stack:
            yield DemoWorld(app, ganxin, base_url, stack, tokens, _all_cases(ganxin), positions)
    finally:
        for username in DEMO_TOTP_SECRETS:
            TOTP_SECRETS.pop(username, None)  # they point at this world's application
        ganxin.store.close()
