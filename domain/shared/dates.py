"""The one range of valid dates: every date a person writes or asks about lies in it."""

from __future__ import annotations

import re
from datetime import date

from domain.shared.errors import InvalidValue

# The district's cases, meetings, milestones and reports all fall in this century; anything outside is a
# typing error, and the range keeps every cutoff computed from a day (the next day, a week of working days
# later, a time zone away) representable. README "What input is accepted" documents it.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
DAY_FORMAT = "应写作 YYYY-MM-DD，例如 2026-09-30"
DAY_TEXT_MAX = 40  # longer text is no date; the regular expression need not read it


class DateOutOfRange(InvalidValue):
    """A date outside FIRST_DAY … LAST_DAY."""

    code = "date_out_of_range"


class InvalidDate(InvalidValue):
    """Text that is not a YYYY-MM-DD date."""

    code = "invalid_date"


def check_day(day: date, field: str, label: str) -> date:
    """The day itself, if it lies in the valid range; DateOutOfRange otherwise."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DateOutOfRange(
            f"{label}（{day.isoformat()}）超出有效日期范围，应在 {FIRST_DAY} 至 {LAST_DAY} 之间", field
        )
    return day


def parse_day(text: str, field: str, label: str) -> date:
    """A YYYY-MM-DD day (ASCII digits only) in the valid range; InvalidDate or DateOutOfRange otherwise."""
    match = _ISO_DAY.fullmatch(text.strip()) if len(text) <= DAY_TEXT_MAX else None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        day = None
    if day is None:
        raise InvalidDate(f"{label}“{text.strip()[:20]}”不是有效日期，{DAY_FORMAT}", field)
    return check_day(day, field, label)
