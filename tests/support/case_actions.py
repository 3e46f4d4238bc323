"""The case actions as the README names them: the spec the access, API and matrix tests check against."""

from __future__ import annotations

from typing import Any

TASK_FORCE = "tf_roads"  # the task force the sample bodies name: the access matrix's world has it

# Every action on a case, in the order the action table offers them.
EVERY_ACTION = [
    "classify",
    "assign",
    "accept",
    "return",
    "transfer",
    "progress",
    "remind",
    "request_extension",
    "grant_extension",
    "refuse_extension",
    "escalate",
    "resolve",
    "feedback",
    "reopen",
    "close",
    "register_cannot_do",
]
# What a task-force lead (or the dispatch desk) takes on the cases they direct, in the same order.
DIRECTING_ACTIONS = [
    "classify",
    "assign",
    "transfer",
    "remind",
    "grant_extension",
    "refuse_extension",
    "escalate",
    "feedback",
    "reopen",
    "close",
    "register_cannot_do",
]
# A body each action's route accepts, as the access matrix sends it.
ACTION_BODIES: dict[str, dict[str, Any]] = {
    "classify": {"disposition": "special", "reason": "需专班研究"},
    "assign": {"lead_unit": "zhujian", "working_days": 5, "supporting_units": ["chengguan"], "task_force": TASK_FORCE},
    "accept": {},
    "return": {"reason": "不属于本单位职责"},
    "transfer": {"to_unit": "city_ziranziyuan", "reason": "涉及用地审批"},
    "progress": {"note": "已现场踏勘，列入维修计划"},
    "remind": {"note": "请尽快签收办理"},
    "request_extension": {"working_days": 3, "reason": "需等待检测报告"},
    "grant_extension": {"note": "同意延期"},
    "refuse_extension": {"reason": "时限足够"},
    "escalate": {"level": "district_leader", "reason": "需区领导协调"},
    "resolve": {"resolution": "道路已修复"},
    "feedback": {"satisfaction": "satisfied", "comment": "很及时"},
    "reopen": {"reason": "企业反映仍有积水"},
    "close": {"note": "企业满意，销号"},
    "register_cannot_do": {"reason": "涉及规划调整，暂不具备条件"},
}
# The state each action is tried in: where the case's state allows it, so an allowed role succeeds.
ACTION_STAGES = {
    "classify": "returned",
    "assign": "returned",
    "accept": "assigned",
    "return": "assigned",
    "transfer": "assigned",
    "remind": "assigned",
    "progress": "accepted",
    "request_extension": "accepted",
    "escalate": "accepted",
    "resolve": "accepted",
    "register_cannot_do": "accepted",
    "grant_extension": "extension_requested",
    "refuse_extension": "extension_requested",
    "feedback": "resolved",
    "reopen": "resolved",
    "close": "resolved",
}
