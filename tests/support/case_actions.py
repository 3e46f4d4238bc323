"""The case actions as the README names them: the spec the access, API and matrix tests check against."""

from __future__ import annotations

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
