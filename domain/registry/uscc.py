"""The unified social credit code (统一社会信用代码), GB 32100-2015."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.shared.errors import InvalidCreditCode

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
LENGTH = 18
# The 9-character organisation code inside (positions 9-17) has its own check (GB 11714).
ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True)
class CreditCodeCheck:
    """A code that passed the mandatory check, with any warnings about it."""

    code: str
    warnings: tuple[str, ...] = field(default_factory=tuple)


def uscc_check_character(first17: str) -> str:
    """The 18th character for the given first 17 (weights 3^i mod 31)."""
    total = sum(ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(first17))
    return ALPHABET[(31 - total % 31) % 31]


def organisation_code_warning(code: str) -> str | None:
    """A warning when the embedded organisation code's check digit is off."""
    body, check = code[8:16], code[16]
    if any(ch not in ORG_ALPHABET for ch in body):
        return "第9至16位不是有效的组织机构代码本体"
    total = sum(ORG_ALPHABET.index(ch) * w for ch, w in zip(body, ORG_WEIGHTS, strict=True))
    expected = 11 - total % 11
    expected_ch = {10: "X", 11: "0"}.get(expected, str(expected))
    if check != expected_ch:
        return f"第17位（组织机构代码校验位）应为 {expected_ch}，请核对（仅提示）"
    return None


def check_credit_code(raw: str, field_name: str = "uscc") -> CreditCodeCheck:
    """Validate a credit code: a bad check character is an error, a bad 17th only a warning."""
    code = (raw or "").strip().upper()
    if len(code) != LENGTH:
        raise InvalidCreditCode(f"统一社会信用代码应为{LENGTH}位，当前为{len(code)}位", field_name)
    bad = [ch for ch in code if ch not in ALPHABET]
    if bad:
        raise InvalidCreditCode(f"统一社会信用代码含有不允许的字符“{bad[0]}”（不使用 I、O、Z、S、V）", field_name)
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise InvalidCreditCode(f"统一社会信用代码校验位错误：第18位应为 {expected}，实为 {code[17]}", field_name)
    warning = organisation_code_warning(code)
    return CreditCodeCheck(code=code, warnings=(warning,) if warning else ())
