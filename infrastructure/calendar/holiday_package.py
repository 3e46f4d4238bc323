"""The State Council schedules the chinesecalendar package carries (it has no data after 2026)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from domain.calendar import YearSchedule


class ChineseCalendarPackage:
    """HolidaySource over chinesecalendar's published holidays and make-up working days."""

    def schedules(self) -> list[YearSchedule]:
        """One schedule per year the package covers."""
        import chinese_calendar  # noqa: PLC0415 - imported when used, never at import time
        from chinese_calendar import constants  # noqa: PLC0415 - imported when used, as the package above

        holidays: dict[int, set[date]] = defaultdict(set)
        workdays: dict[int, set[date]] = defaultdict(set)
        for day in constants.holidays:
            holidays[day.year].add(day)
        for day in constants.workdays:
            workdays[day.year].add(day)
        # The package lists every weekend of a holiday period as a holiday too; only weekdays off and
        # make-up weekend working days differ from Monday–Friday, but keeping all is harmless.
        source = f"国务院办公厅关于部分节假日安排的通知（据 chinesecalendar {chinese_calendar.__version__}）"
        return [
            YearSchedule(year, frozenset(days), frozenset(workdays[year]), source)
            for year, days in sorted(holidays.items())
        ]
