"""Checks on text and numbers that people type."""

from __future__ import annotations

from domain.errors import InvalidValue

DESCRIPTION_MAX = 2000
REASON_MAX = 1000
NAME_MAX = 200


def check_text(value: str | None, field: str, label: str, max_len: int = REASON_MAX) -> str:
    """Trimmed, non-empty text no longer than max_len; stored literally, never interpreted."""
    text = (value or "").strip()
    if not text:
        raise InvalidValue(f"{label}不能为空", field)
    if len(text) > max_len:
        raise InvalidValue(f"{label}不能超过{max_len}字（当前{len(text)}字）", field)
    check_plain_characters(text, field, label)
    return text


def check_plain_characters(text: str, field: str, label: str) -> str:
    """No control characters (NUL included) and no half characters (unpaired surrogates)."""
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in text):
        raise InvalidValue(f"{label}含有不可见的控制字符", field)
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise InvalidValue(f"{label}含有无法识别的半个字符", field)
    return text


def optional_text(value: str | None, field: str, label: str, max_len: int = REASON_MAX) -> str:
    """Like check_text, but empty is allowed and becomes ''."""
    if value is None or not value.strip():
        return ""
    return check_text(value, field, label, max_len)


def check_working_days(value: int, field: str = "working_days") -> int:
    """A time limit in working days: 1 to 250."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue("办理时限应为整数个工作日", field)
    if value < 1:
        raise InvalidValue("办理时限至少为1个工作日", field)
    if value > 250:
        raise InvalidValue("办理时限不能超过250个工作日", field)
    return value


def check_choice(value: str, choices: type, field: str, label: str):  # type: ignore[no-untyped-def]
    """Turn a code into a member of a Labelled enum, or explain what is allowed."""
    if not (value or "").strip():
        raise InvalidValue(f"请选择{label}", field)
    try:
        return choices(value)
    except ValueError:
        allowed = "、".join(f"{lbl}（{c}）" for c, lbl in choices.choices())
        raise InvalidValue(f"未知的{label}“{value}”，可选：{allowed}", field) from None
