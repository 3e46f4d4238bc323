"""Checks on text and numbers that people type."""

from __future__ import annotations

import re
from typing import TypeVar

from domain.shared.errors import InvalidValue
from domain.shared.vocabulary import Labelled

DESCRIPTION_MAX = 2000
REASON_MAX = 1000
NAME_MAX = 200
WORKING_DAYS_MAX = 250


def check_text(value: str | None, field: str, label: str, max_len: int = REASON_MAX) -> str:
    """Trimmed, non-empty text no longer than max_len; stored literally, never interpreted."""
    text = (value or "").strip()
    if not text:
        raise InvalidValue(f"{label}不能为空", field)
    if len(text) > max_len:
        raise InvalidValue(f"{label}不能超过{max_len}字（当前{len(text)}字）", field)
    check_plain_characters(text, field, label)
    return text


# Invisible characters that reorder how text is shown (Trojan Source, CVE-2021-42574): a description could
# then read differently on screen, in an export and in an inspector's finding. Refused, never stripped, so
# that what is stored is exactly what the person sent.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
FIRST_PRINTABLE = 0x20  # below it: C0 control characters, NUL included
SURROGATES = range(0xD800, 0xDFFF + 1)  # half of a UTF-16 pair: no character on its own


def check_plain_characters(text: str, field: str, label: str) -> str:
    """No control characters (NUL included), no bidirectional controls, no half characters (lone surrogates)."""
    if any(ord(ch) < FIRST_PRINTABLE and ch not in "\n\r\t" for ch in text):
        raise InvalidValue(f"{label}含有不可见的控制字符", field)
    bidi = next((ch for ch in text if ch in BIDI_CONTROLS), None)
    if bidi is not None:
        raise InvalidValue(f"{label}含有改变文字显示方向的不可见字符（U+{ord(bidi):04X}），请删除后重试", field)
    if any(ord(ch) in SURROGATES for ch in text):
        raise InvalidValue(f"{label}含有无法识别的半个字符", field)
    return text


def parse_count(raw: str | None, field: str, label: str, default: int | None = None) -> int:
    """A whole number typed in a form or URL: 1 to 9 ASCII digits ('²' or '１２' are refused, not read).

    Blank gives the default when there is one. int() alone would take full-width digits and raise on
    superscripts or on 5,000 digits, so this is the one reader for every integer a person sends.
    """
    text = (raw or "").strip()
    if not text and default is not None:
        return default
    if re.fullmatch(r"[0-9]{1,9}", text) is None:
        raise InvalidValue(f"{label}应为整数（0至9的数字，最多9位）", field)
    return int(text)


def optional_text(value: str | None, field: str, label: str, max_len: int = REASON_MAX) -> str:
    """Like check_text, but empty is allowed and becomes ''."""
    if value is None or not value.strip():
        return ""
    return check_text(value, field, label, max_len)


def check_working_days(value: int, field: str = "working_days") -> int:
    """A time limit in working days: 1 to WORKING_DAYS_MAX."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue("办理时限应为整数个工作日", field)
    if value < 1:
        raise InvalidValue("办理时限至少为1个工作日", field)
    if value > WORKING_DAYS_MAX:
        raise InvalidValue(f"办理时限不能超过{WORKING_DAYS_MAX}个工作日", field)
    return value


L = TypeVar("L", bound=Labelled)


def check_choice(value: str, choices: type[L], field: str, label: str) -> L:
    """Turn a code into a member of a Labelled enum, or explain what is allowed."""
    if not (value or "").strip():
        raise InvalidValue(f"请选择{label}", field)
    try:
        return choices(value)
    except ValueError:
        allowed = "、".join(f"{lbl}（{c}）" for c, lbl in choices.choices())
        raise InvalidValue(f"未知的{label}“{value}”，可选：{allowed}", field) from None
