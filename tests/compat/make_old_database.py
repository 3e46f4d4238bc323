"""Writes tests/compat/data/old_main.sqlite.gz and old_main.json with the code of main before issue 12.

The database was written by commit 52b5ae9 (main before the one-package-per-area refactor of issue 12). This
script imports that commit's module paths (application.app, application.scenario, web.cli_demo …) on purpose, so
it runs only in a checkout of that commit (a module move must leave these imports alone; if a tool rewrote them,
take this file from the commit that added it). How it was run:

    git worktree add /work/wt/oldmain 52b5ae9                    # a detached checkout of the old main
    cd /work/wt/oldmain && bash .ci/test.sh tests/unit -q -n 0   # makes its .venv
    cp -r /path/to/this/repo/tests/compat tests/compat           # this script and tests/compat/topics.py
    .venv/bin/python -m tests.compat.make_old_database tests/compat/data
    cp tests/compat/data/old_main.* /path/to/this/repo/tests/compat/data/
    cd - && git worktree remove --force /work/wt/oldmain

What it writes: what `ganxin demo` writes (the bundled Ganjingzi scenario replayed at its dates, the three live
cases, the demo accounts with their TOTP secrets, the start-up deadline watch), all with a controlled clock at
TODAY, then at least one event of every topic the old domain declares (accounts, task forces and meetings,
projects and secretaries, milestones, service stars, findings, the manifestation list, a corrected holiday
calendar, a sensitive read, an idempotency key); it refuses to finish if a topic is missing. Beside the
database, old_main.json keeps what the old code answered: events per topic, every topic it could decode, and a
few read-model answers (case totals per status, one case's page fields, the deadline board's counts).
Audit seals are not events (they live in their own tables), so none are written.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import sys
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pyotp
from application.access import Principal
from application.app import Ganxin
from application.finding_commands import CitationInput, FindingInput
from application.idempotency import keyed_request_scope
from application.ports import CaseFilter
from domain.actor import Actor
from domain.key_project import KeyProject
from domain.service_star import Period
from domain.task_force import DeadlineChange, ListedProblem, MeetingMinutes
from domain.vocabulary import CaseStatus
from web.cli_demo import DEMO_PASSWORD, ensure_demo_accounts, log_live_cases
from web.cli_users import DEMO_TOTP_SECRETS, demo_totp_lines

from application.scenario import load_scenario, read_bundled_scenario, scenario_clock
from infrastructure.settings import Settings
from infrastructure.wiring import build_application
from tests.compat.topics import declared_topics, event_topics

SOURCE_COMMIT = "52b5ae9"
TODAY = datetime(2026, 11, 20, 2, tzinfo=UTC)  # 10:00 in Dalian, months after the scenario's last day
ADMIN = Principal(Actor("compat-admin", "兼容测试管理员", "admin"))
DESK = Principal(Actor("compat-desk", "兼容测试调度员", "task_force_lead"), dispatch_all=True)
INSPECTOR = Principal(Actor("compat-inspector", "兼容测试监察员", "inspector"))
SYSTEM = Principal(Actor("compat-system", "兼容测试", "system"))  # sees every case
PAGE_FIELDS = (
    "status",
    "channel",
    "category",
    "description",
    "enterprise_uscc",
    "disposition",
    "lead_unit",
    "supporting_units",
    "task_force",
    "working_days",
    "deadline_start_on",
    "extension_days",
    "due_on",
    "original_due_on",
    "deadline_provisional",
    "pending_extension",
    "escalation_level",
    "project",
    "latest_progress",
    "version",
)


def handler_of(unit: str) -> Principal:
    """The lead unit's handler."""
    return Principal(Actor(f"compat-handler-{unit}", f"{unit}承办人", "unit_handler"), unit=unit)


def live_case(app: Ganxin, text: str) -> Any:
    """The one case whose description contains the text, as the case list shows it."""
    (row,) = app.list_cases(SYSTEM, CaseFilter(text=text)).items
    return row


def write_demo(app: Ganxin, clock: Any) -> None:
    """What `ganxin demo` writes into an empty database, at TODAY instead of the system clock."""
    data = read_bundled_scenario()
    load_scenario(app, data, clock)
    clock.set(TODAY)
    log_live_cases(app)
    ensure_demo_accounts(app)
    demo_totp_lines(app)
    app.tick()  # the deadline watch the server runs at start-up


def write_accounts(app: Ganxin) -> str:
    """Every account event: password, role, TOTP used and removed, tokens issued and revoked, disabled; a live
    API token of demo-handler (kept in its own table, not in an event)."""
    app.create_account(
        ADMIN,
        username="compat-user",
        display_name="兼容测试用户",
        role="unit_handler",
        password="Lantern-Harbour-7319-quiet",
        unit="chengguan",
    )
    app.reset_password(ADMIN, "compat-user", "Granite-Meadow-4826-swift")
    app.grant_role(ADMIN, "compat-user", "cadre", unit="yingshang")
    app.provision_totp(ADMIN, "compat-user")
    app.reset_totp(ADMIN, "compat-user")
    revoked = app.issue_token(ADMIN, "compat-user", "兼容测试令牌（已吊销）")
    app.revoke_token(ADMIN, "compat-user", revoked.token_id)
    kept = app.issue_token(ADMIN, "demo-handler", "兼容测试令牌").token
    app.disable_account(ADMIN, "compat-user", "兼容测试：离职")
    challenge = app.login("demo-admin", DEMO_PASSWORD).challenge
    code = pyotp.TOTP(DEMO_TOTP_SECRETS["demo-admin"]).at(app.clock.now())
    app.complete_login(challenge, code)  # the code is spent: TotpUsed
    return kept


def write_cases(app: Ganxin) -> UUID:
    """An extension asked for and refused, progress under an idempotency key; the case's id."""
    row = live_case(app, "技改项目贷款贴息")
    handler = handler_of(row.lead_unit)
    version = app.accept_case(row.case_id, row.version, handler)
    version = app.request_extension(row.case_id, version, handler, 5, "需等待市级部门答复")
    version = app.refuse_extension(row.case_id, version, DESK, "政策已明确，无需延期")
    keyed = app.keyed_request(handler.actor.user_id, "compat-idempotency-key-1", "compat-fingerprint")
    with keyed_request_scope(keyed):  # two commits of one request: the key is Used, then Wrote
        version = app.note_progress(row.case_id, version, handler, "已联系企业核实贷款用途")
        app.note_progress(row.case_id, version, handler, "已提交贴息材料初审")
    app.case_history(INSPECTOR, row.case_id)  # an inspector's reading is a SensitiveRead
    return row.case_id


def write_task_forces(app: Ganxin) -> None:
    """A task force's whole life: members, leader, two meetings (listing, new time limit), dissolution."""
    today = app.today()
    app.form_task_force(DESK, "tf-compat", "兼容测试专班", "区领导甲", ["renshe", "shengtai"], "兼容测试", today)
    row = live_case(app, "社保登记流程咨询")
    listing = MeetingMinutes(
        held_on=today,
        attendees=("区领导甲",),
        decisions=("列入问题清单",),
        listed=(ListedProblem(str(row.case_id), "renshe", 5, ("shengtai",)),),
    )
    app.hold_meeting(DESK, "tf-compat", 1, listing)
    change = MeetingMinutes(
        held_on=today,
        attendees=("区领导甲",),
        decisions=("调整时限",),
        deadline_changes=(DeadlineChange(str(row.case_id), 8, "需协调市社保中心"),),
    )
    app.hold_meeting(DESK, "tf-compat", 2, change)
    version = app.add_task_force_member(DESK, "tf-compat", 3, "chengguan")
    version = app.remove_task_force_member(DESK, "tf-compat", version, "chengguan", "无相关问题")
    app.change_task_force_leader(DESK, "tf-compat", version, "区领导乙", "工作调整")
    app.form_task_force(DESK, "tf-compat-done", "兼容测试已撤销专班", "区领导甲", ["renshe"], "兼容测试", today)
    app.dissolve_task_force(DESK, "tf-compat-done", 1, today, "任务完成")


def write_projects_and_stars(app: Ganxin) -> None:
    """Stage, milestones planned, re-planned and reached; the service stars of a bimonth."""
    project = "kp-wanxianghui"
    version = app.load(KeyProject.create_id(project), KeyProject).version
    version = app.change_project_stage(DESK, project, version, "兼容测试阶段", "兼容测试：进入新阶段")
    version = app.plan_milestone(DESK, project, version, "兼容测试节点", date(2026, 12, 1))
    version = app.replan_milestone(DESK, project, version, "兼容测试节点", date(2026, 12, 15), "设计变更")
    app.achieve_milestone(DESK, project, version, "兼容测试节点", app.today())
    period = Period(date(2026, 5, 1), date(2026, 6, 30))
    entries = app.star_ranking(DESK, period).entries
    app.choose_stars(DESK, period, [e.secretary_id for e in entries[:2]], "兼容测试")


def write_findings(app: Ganxin, case_id: UUID) -> None:
    """The manifestation list changed; a finding recorded, amended, marked, unmarked and withdrawn."""
    app.add_taxonomy_item(ADMIN, "behaviour", "compat_behaviour", "兼容测试表现")
    app.rename_taxonomy_item(ADMIN, "compat_behaviour", "兼容测试表现（改名）")
    app.retire_taxonomy_item(ADMIN, "compat_behaviour", "兼容测试：不再使用")
    given = FindingInput(
        cases=(CitationInput(str(case_id), (1,)),),
        field="projects",
        behaviours=("sloth",),
        title="兼容测试认定",
        description="签收后进展缓慢",
        unit="jinrong",
    )
    finding_id = app.record_finding(INSPECTOR, given)
    amended = replace(given, description="签收后进展缓慢，已督促", reason="补充说明")
    version = app.amend_finding(INSPECTOR, finding_id, 1, amended)
    version = app.mark_finding_typical(INSPECTOR, finding_id, version, True, "典型问题")
    version = app.mark_finding_typical(INSPECTOR, finding_id, version, False, "撤销典型")
    app.withdraw_finding(INSPECTOR, finding_id, version, "兼容测试：撤回")


def write_calendar_correction(app: Ganxin) -> None:
    """2026 corrected with one more holiday: open deadlines running over it are recomputed."""
    schedule = app.year_schedule(2026)
    app.publish_year(
        ADMIN,
        2026,
        sorted(schedule.holidays | {date(2026, 11, 30)}),
        sorted(schedule.workdays),
        "兼容测试更正",
        "兼容测试：增加一天假日",
    )


def answers(app: Ganxin, case_id: UUID) -> dict[str, Any]:
    """What the read side says: case totals per status, one case's page, the board's counts."""
    totals = {"all": app.list_cases(SYSTEM, CaseFilter()).total}
    totals |= {s.value: app.list_cases(SYSTEM, CaseFilter(status=s.value)).total for s in CaseStatus}
    detail = app.get_case(DESK, case_id)
    page = {name: getattr(detail.case, name) for name in PAGE_FIELDS}
    page |= {"case_no": detail.case_no, "enterprise_name": detail.enterprise_name, "actions": detail.actions}
    counts = app.deadline_board(DESK, CaseFilter()).counts
    return {
        "case_totals": totals,
        "case_page": page,
        "case_id": str(case_id),
        "board_counts": {light: getattr(counts, light) for light in ("red", "yellow", "blue", "green")},
    }


def topic_counts(path: Path) -> dict[str, int]:
    """Stored events per topic, read straight from the events table."""
    with closing(sqlite3.connect(path)) as conn:
        return dict(conn.execute("SELECT topic, COUNT(*) FROM stored_events GROUP BY topic ORDER BY topic"))


def main(out_dir: Path) -> None:
    """Write the database and its answers into out_dir."""
    work = out_dir / "old_main.sqlite"
    work.unlink(missing_ok=True)
    settings = Settings(database_url=f"sqlite:///{work}", plain_totp_secrets=True)  # as `ganxin demo` does
    clock = scenario_clock(read_bundled_scenario())
    app = build_application(settings, clock=clock)
    try:
        write_demo(app, clock)
        token = write_accounts(app)
        case_id = write_cases(app)
        write_task_forces(app)
        write_projects_and_stars(app)
        write_findings(app, case_id)
        write_calendar_correction(app)
        app.catch_up()
        recorded = answers(app, case_id) | {"api_token": {"token": token, "user_id": "demo-handler"}}
    finally:
        app.close()
    counts, declared = topic_counts(work), sorted(declared_topics())
    missing = [t for t in event_topics(declared) if t not in counts]
    if missing:
        sys.exit(f"no stored event of: {', '.join(missing)}")
    with closing(sqlite3.connect(work)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # folds the write-ahead log into the one file that is kept
        conn.execute("VACUUM")
    with work.open("rb") as plain, gzip.GzipFile(out_dir / "old_main.sqlite.gz", "wb", mtime=0) as packed:
        shutil.copyfileobj(plain, packed)
    work.unlink()
    summary = {
        "written_by_commit": SOURCE_COMMIT,
        "today": TODAY.isoformat(),
        "topics": counts,
        "declared_topics": declared,
        **recorded,
    }
    (out_dir / "old_main.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
