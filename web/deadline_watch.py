"""The deadline watch's escalation ladder as configured: the server and `ganxin tick` run it alike."""

from __future__ import annotations

from application.cases import LadderSettings
from infrastructure.settings import Settings


def ladder_settings(settings: Settings) -> LadderSettings:
    """The escalation ladder as configured (GANXIN_ESCALATE_AFTER_DAYS, GANXIN_REMIND_BEFORE_DAYS)."""
    return LadderSettings(
        district_after_working_days=settings.escalate_after_working_days,
        reminder_points=settings.remind_before_working_days,
    )
