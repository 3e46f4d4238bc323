"""Synthetic but realistic data: units, ~1,000 enterprises and case life-cycle plans.

A plan says what happens to one case (channel, enterprise, problem, then the actions and how many
hours after logging each happens); bulk.py applies plans to aggregates in memory, app_phase.py runs
the same plans through the use-case methods. Everything is drawn from a seeded Random, so two runs
with the same seed produce the same data.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from application.shared.access import Principal
from domain.registry.uscc import ORG_ALPHABET, ORG_WEIGHTS, uscc_check_character
from domain.shared.actor import Actor
from domain.shared.vocabulary import CATEGORIES, STREETS, Channel

SCENARIO = Path(__file__).parents[1] / "application" / "scenario" / "ganjingzi.json"

ADMIN = Principal(Actor("bench-admin", "压测管理员", "admin"))
CADRE = Principal(Actor("bench-cadre", "压测干部", "cadre"))
# The district dispatch desk (营商局) classifies, assigns, reminds, rates and closes every case.
DISPATCH = Principal(Actor("bench-dispatch", "压测分办台", "task_force_lead"), dispatch_all=True)


def handler(unit: str | None) -> Principal:
    """The handler of a unit: accepts, returns, notes progress, asks for time, resolves."""
    return Principal(Actor(f"bench-{unit or 'none'}", f"{unit or ''}承办人", "unit_handler"), unit=unit)


# The list is searched for these; each appears in a known share of descriptions.
SEARCH_PHRASES = ("消防验收", "用电增容", "稳岗补贴", "不动产登记", "排水管网")
SEARCH_PHRASE_SHARE = 0.1  # of descriptions
REQUEST_SHARE = 0.5  # of problems that state what the enterprise asks for

# How many cases take each path; "open" paths leave cases logged, assigned, accepted... so lists are realistic.
LIFECYCLES: dict[str, tuple[int, tuple[str, ...]]] = {
    "closed": (39, ("classify", "assign", "accept", "progress", "resolve", "feedback", "close")),
    "closed_long": (
        22,
        ("classify", "assign", "accept", "progress", "remind", "progress", "resolve", "feedback", "close"),
    ),
    "extended": (
        7,
        (
            "classify",
            "assign",
            "accept",
            "progress",
            "remind",
            "request_extension",
            "grant_extension",
            "resolve",
            "feedback",
            "close",
        ),
    ),
    "reopened": (
        6,
        (
            "classify",
            "assign",
            "accept",
            "progress",
            "resolve",
            "feedback_bad",
            "reopen",
            "progress",
            "resolve",
            "feedback",
            "close",
        ),
    ),
    "returned": (2, ("classify", "assign", "return", "classify", "reassign", "accept", "progress")),
    "open_logged": (1, ()),
    "open_classified": (1, ("classify",)),
    "open_assigned": (5, ("classify", "assign")),
    "open_accepted": (5, ("classify", "assign", "accept")),
    "open_working": (5, ("classify", "assign", "accept", "progress", "progress")),
    "open_resolved": (3, ("classify", "assign", "accept", "progress", "resolve")),
    "open_rated": (2, ("classify", "assign", "accept", "progress", "resolve", "feedback")),
    "cannot_do": (2, ("refuse", "register_cannot_do")),
}
# --all-open: every case stays open with a deadline (logged → classified → assigned, about half accepted).
ALL_OPEN_LIFECYCLES = ("open_assigned", "open_accepted")

CHANNEL_WEIGHTS = {
    Channel.VISIT: 45,
    Channel.HOTLINE: 12,
    Channel.CITIZEN_HOTLINE: 10,
    Channel.SALON: 8,
    Channel.ROUNDTABLE: 5,
    Channel.AFTERNOON_TEA: 5,
    Channel.ASK_ME_DESK: 5,
    Channel.WECHAT_GROUP: 5,
    Channel.COMPLAINT: 3,
    Channel.FINANCE_MATCHMAKING: 2,
}
# Ten categories, not all thirteen: the rest stay empty, as some do in real ledgers.
BENCH_CATEGORIES = CATEGORIES[:10]
INDUSTRIES = ("装备制造", "生物医药", "现代服务业", "软件和信息技术", "商贸物流", "新材料", "食品加工", "建筑业")
NAME_HEADS = (
    "华信",
    "东软",
    "海创",
    "金港",
    "北方",
    "辽宁",
    "连城",
    "恒力",
    "新港",
    "泰山",
    "长兴",
    "鑫源",
    "中远",
    "盛达",
    "宏达",
    "瑞丰",
    "永安",
    "嘉和",
    "天润",
    "博远",
)
NAME_TAILS = ("科技", "机械", "药业", "物流", "电子", "材料", "食品", "建设", "贸易", "软件")
TOPICS = (
    "厂房产权证办理",
    "项目用地手续",
    "银行贷款续贷",
    "招工难",
    "货车通行证",
    "天然气接入",
    "道路破损",
    "奖补资金兑现",
    "环评审批",
    "经营范围变更",
    "研发费用加计扣除",
    "临时用地审批",
)


@dataclass(frozen=True)
class Step:
    """One action on a case, `after_hours` after it was logged."""

    action: str
    after_hours: float
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CasePlan:
    """What happens to one case."""

    lifecycle: str
    channel: str
    enterprise_uscc: str
    category: str
    description: str
    request: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class EnterpriseRow:
    """An enterprise to register."""

    uscc: str
    name: str
    street: str
    industry: str


def scenario_units() -> list[dict[str, str]]:
    """The district's 16 responsible units, from the scenario file."""
    return json.loads(SCENARIO.read_text("utf-8"))["units"]


def credit_code(serial: int) -> str:
    """A synthetic code with correct organisation-code and credit-code check characters."""
    body = f"{serial:08d}"
    total = sum(ORG_ALPHABET.index(ch) * w for ch, w in zip(body, ORG_WEIGHTS, strict=True))
    org_check = {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))
    first17 = "91210211" + body + org_check
    return first17 + uscc_check_character(first17)


def enterprises(count: int, rng: random.Random) -> list[EnterpriseRow]:
    """`count` enterprises with distinct codes and names spread over the streets."""
    rows = []
    for i in range(count):
        name = f"大连{rng.choice(NAME_HEADS)}{rng.choice(NAME_TAILS)}有限公司（压测{i:04d}）"
        rows.append(EnterpriseRow(credit_code(70_000_000 + i), name, rng.choice(STREETS), rng.choice(INDUSTRIES)))
    return rows


class PlanMaker:
    """Draws case plans; units are skewed (some bureaus get far more cases than streets do)."""

    def __init__(
        self, rng: random.Random, unit_keys: list[str], usccs: list[str], only: tuple[str, ...] | None = None
    ) -> None:
        self.rng = rng
        self.units = unit_keys
        self.unit_weights = [max(1, 16 - i) for i in range(len(unit_keys))]
        self.usccs = usccs
        self.lifecycles = list(only or LIFECYCLES)
        self.lifecycle_weights = [LIFECYCLES[name][0] for name in self.lifecycles]
        self.channels = [c.value for c in CHANNEL_WEIGHTS]
        self.channel_weights = list(CHANNEL_WEIGHTS.values())

    def plan(self, serial: int) -> CasePlan:
        """One case's plan."""
        rng = self.rng
        lifecycle = rng.choices(self.lifecycles, self.lifecycle_weights)[0]
        category = rng.choice(BENCH_CATEGORIES)
        phrase = rng.choice(SEARCH_PHRASES) if rng.random() < SEARCH_PHRASE_SHARE else ""
        description = (
            f"企业反映{rng.choice(TOPICS)}问题{('，涉及' + phrase) if phrase else ''}，请协调解决（第{serial}号）"
        )
        steps = self._steps(LIFECYCLES[lifecycle][1])
        return CasePlan(
            lifecycle=lifecycle,
            channel=rng.choices(self.channels, self.channel_weights)[0],
            enterprise_uscc=rng.choice(self.usccs),
            category=category,
            description=description,
            request="希望尽快办理" if rng.random() < REQUEST_SHARE else "",
            steps=steps,
        )

    def _steps(self, actions: tuple[str, ...]) -> tuple[Step, ...]:
        steps, hours, unit = [], 0.0, None
        for action in actions:
            hours += self.rng.uniform(1, 72)
            params = self._params(action, unit)
            unit = params.get("lead_unit", unit)
            steps.append(Step(action, hours, params))
        return tuple(steps)

    def _params(self, action: str, unit: str | None) -> dict[str, Any]:
        rng = self.rng
        if action == "classify":
            return {
                "disposition": rng.choices(["immediate", "special", "innovate"], [70, 20, 10])[0],
                "reason": "符合政策，可以办理",
            }
        if action == "refuse":
            return {"disposition": "refuse", "reason": "诉求违反现行规定"}
        if action in ("assign", "reassign"):
            lead = rng.choices(self.units, self.unit_weights)[0]
            while action == "reassign" and lead == unit:
                lead = rng.choice(self.units)
            return {"lead_unit": lead, "working_days": rng.choice([5, 10, 15, 20, 30])}
        texts = {
            "return": {"reason": "不属于本单位职责"},
            "progress": {"note": "已与企业对接，正在办理"},
            "remind": {"note": "请加快办理进度"},
            "request_extension": {"working_days": 10, "reason": "需等待市级部门批复"},
            "grant_extension": {"note": "同意延期"},
            "resolve": {"resolution": "已按企业诉求办结"},
            "feedback": {"satisfaction": rng.choice(["satisfied", "satisfied", "basically_satisfied"]), "comment": ""},
            "feedback_bad": {"satisfaction": "dissatisfied", "comment": "问题未根本解决"},
            "reopen": {"reason": "企业不满意，重新办理"},
            "close": {"note": "销号"},
            "register_cannot_do": {"reason": "违反规定，备案登记"},
        }
        return dict(texts.get(action, {}))
