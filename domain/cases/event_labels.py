"""How the district names what happened to a case, by event name: the history, reports and ledgers."""

CASE_EVENT_LABELS = {
    "Logged": "登记",
    "Classified": "研判",
    "Assigned": "分办",
    "Accepted": "签收",
    "Returned": "退回",
    "Transferred": "转办",
    "ProgressNoted": "进展",
    "ReminderRecorded": "催办",
    "ExtensionRequested": "申请延期",
    "ExtensionGranted": "同意延期",
    "ExtensionRefused": "不予延期",
    "Escalated": "提级",
    "Resolved": "办结",
    "FeedbackGiven": "回访评价",
    "Reopened": "重新办理",
    "Closed": "销号",
    "RegisteredCannotDo": "登记为不能办",
    "BroughtIntoTaskForce": "列入专班",
    "DeadlineChanged": "调整时限",
    "DeadlineRecomputed": "期限重算",
}
