"""What the finding form posts: the typed values and the cited cases parsed from them."""

from __future__ import annotations

import re

from starlette.datastructures import FormData

from application.findings import CitationInput, FindingInput
from application.shared import InvalidValue
from web.shared.page_helpers import text, texts

VERSION_DIGITS_MAX = 9
_SEPARATORS = re.compile(r"[\s,，、;；#]+")


def parse_cases(raw: str) -> tuple[CitationInput, ...]:
    """One cited case per line: its number or id, then optionally event numbers ("20260408-3F2A1B 3,4")."""
    cited = []
    for line in raw.splitlines():
        parts = [p for p in _SEPARATORS.split(line.strip()) if p]
        if not parts:
            continue
        # str.isdigit() also accepts "²" and int() refuses >4300 digits: only short ASCII numbers pass
        if not all(p.isascii() and p.isdigit() for p in parts[1:]):
            raise InvalidValue(f"“{line.strip()[:50]}”：问题编号后只能跟办理记录序号（数字）", "cases")
        if any(len(p) > VERSION_DIGITS_MAX for p in parts[1:]):
            raise InvalidValue(f"办理记录序号最多 {VERSION_DIGITS_MAX} 位数字", "cases")
        cited.append(CitationInput(parts[0], tuple(int(p) for p in parts[1:])))
    return tuple(cited)


def form_values(posted: FormData) -> dict:
    """What the finding form posted, as typed."""
    return {
        "unit": text(posted, "unit"),
        "person": text(posted, "person"),
        "cases": text(posted, "cases"),
        "field": text(posted, "field"),
        "behaviours": texts(posted, "behaviours"),
        "title": text(posted, "title"),
        "description": text(posted, "description"),
    }


def finding_input(values: dict, **subject_or_reason: str) -> FindingInput:
    """The application's input from the form's values, with whom a new finding is against or why it is amended."""
    return FindingInput(
        cases=parse_cases(values["cases"]),
        field=values["field"],
        behaviours=tuple(values["behaviours"]),
        title=values["title"],
        description=values["description"],
        **subject_or_reason,
    )
