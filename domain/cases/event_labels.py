"""How the district names what happened to a case, by event name: the history, reports and ledgers."""

from .actions import CASE_ACTIONS

# Events no one records through a case action, and the one whose history wording differs from its action's.
_OTHER_EVENT_LABELS = {
    "Logged": "登记",
    "ProgressNoted": "进展",  # the history shows what was noted; the button says 记录进展
    "BroughtIntoTaskForce": "列入专班",
    "DeadlineChanged": "调整时限",
    "DeadlineRecomputed": "期限重算",
}
CASE_EVENT_LABELS = {**{action.event: action.label for action in CASE_ACTIONS}, **_OTHER_EVENT_LABELS}
