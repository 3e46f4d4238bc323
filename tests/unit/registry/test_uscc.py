"""The unified social credit code check (GB 32100-2015), on the scenario's published codes and a table of
real-format codes covering every one of the 31 check characters."""

import json
from pathlib import Path

import pytest

from domain.registry.uscc import CreditCodeCheck, check_credit_code, uscc_check_character
from domain.shared.errors import InvalidCreditCode

# GB 32100-2015, table 2 and formula: each character's value and each position's weight, written out rather
# than derived, so that the reference below shares nothing with domain.registry.uscc.
GB_VALUES = {
    "0": 0,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "5": 5,
    "6": 6,
    "7": 7,
    "8": 8,
    "9": 9,
    "A": 10,
    "B": 11,
    "C": 12,
    "D": 13,
    "E": 14,
    "F": 15,
    "G": 16,
    "H": 17,
    "J": 18,
    "K": 19,
    "L": 20,
    "M": 21,
    "N": 22,
    "P": 23,
    "Q": 24,
    "R": 25,
    "T": 26,
    "U": 27,
    "W": 28,
    "X": 29,
    "Y": 30,
}
GB_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# Registration authority + category (91 enterprise, 92 individual business, 93 farmers' co-operative,
# 12 public institution, 52 social service organisation), 甘井子区 210211 (or 大连 210200), a valid
# GB 11714 organisation code, and the check character: one code for each of the 31 check characters.
EVERY_CHECK_CHARACTER = {
    "0": "91210211MA33259820",
    "1": "93210211MA11086691",
    "2": "91210211MA04751412",
    "3": "52210211MA31676033",
    "4": "92210211MA24548974",
    "5": "92210211MA293003X5",
    "6": "91210211MA00000076",
    "7": "12210211MA40386947",
    "8": "93210211MA205894X8",
    "9": "91210211MA14254299",
    "A": "93210211MA4434646A",
    "B": "92210211MA0554333B",
    "C": "91210200MA0395950C",
    "D": "92210211MA007919XD",
    "E": "92210211MA1979755E",
    "F": "52210211MA4117886F",
    "G": "92210211MA1504610G",
    "H": "12210211MA0237573H",
    "J": "91210211MA4751406J",
    "K": "52210211MA6493586K",
    "L": "93210211MA0633525L",
    "M": "91210211MA2850849M",
    "N": "52210211MA2217322N",
    "P": "92210211MA1029477P",
    "Q": "93210211MA2534088Q",
    "R": "93210211MA0158381R",
    "T": "12210211MA3088411T",
    "U": "91210211MA7127107U",
    "W": "52210211MA554330XW",
    "X": "12210211MA1187854X",
    "Y": "91210200MA1346237Y",
}


def reference_check_character(first17: str) -> str:
    """GB 32100-2015: C18 = 31 - (sum of value x weight) mod 31, where 31 means the character 0."""
    remainder = sum(GB_VALUES[ch] * weight for ch, weight in zip(first17, GB_WEIGHTS, strict=True)) % 31
    value = 31 - remainder
    return "0" if value == 31 else next(ch for ch, v in GB_VALUES.items() if v == value)


SCENARIO = json.loads((Path(__file__).parents[3] / "application/scenario/ganjingzi.json").read_text("utf-8"))
CODES = SCENARIO["credit_codes_for_validation_tests"]


@pytest.mark.parametrize("entry", CODES["valid_published"], ids=lambda e: e["holder"])
def test_published_codes_pass(entry):
    assert check_credit_code(entry["uscc"]).code == entry["uscc"]


@pytest.mark.parametrize("code", CODES["invalid"])
def test_known_invalid_codes_are_refused_with_a_chinese_message(code):
    with pytest.raises(InvalidCreditCode) as caught:
        check_credit_code(code)
    assert "统一社会信用代码" in caught.value.message
    assert caught.value.field == "uscc"


def test_every_scenario_enterprise_code_is_valid():
    for enterprise in SCENARIO["enterprises"]:
        assert check_credit_code(enterprise["uscc"]).code == enterprise["uscc"]


def test_the_table_covers_every_check_character_by_the_standards_own_formula():
    assert sorted(EVERY_CHECK_CHARACTER) == sorted(GB_VALUES)
    for check, code in EVERY_CHECK_CHARACTER.items():
        assert (code[17], reference_check_character(code[:17])) == (check, check), code


@pytest.mark.parametrize("check, code", EVERY_CHECK_CHARACTER.items(), ids=list(EVERY_CHECK_CHARACTER))
def test_every_check_character_is_computed_and_accepted(check, code):
    assert uscc_check_character(code[:17]) == check
    assert check_credit_code(code) == CreditCodeCheck(code=code, warnings=())


@pytest.mark.parametrize("check, code", EVERY_CHECK_CHARACTER.items(), ids=list(EVERY_CHECK_CHARACTER))
def test_any_other_check_character_is_refused_naming_the_right_one(check, code):
    wrong = "1" if check == "0" else "0"
    with pytest.raises(InvalidCreditCode) as caught:
        check_credit_code(code[:17] + wrong)
    assert caught.value.message == f"统一社会信用代码校验位错误：第18位应为 {check}，实为 {wrong}"


def test_bad_organisation_check_digit_is_only_a_warning():
    # 911000001000013428 with its 17th character changed 2 → 1 and the 18th set by the standard's formula,
    # so only the embedded organisation code's check fails (it should still be 2).
    code = "91100000100001341" + reference_check_character("91100000100001341")
    assert code == "911000001000013415"  # 243 mod 31 = 26, 31 - 26 = 5
    result = check_credit_code(code)
    assert result.code == code
    assert result.warnings == ("第17位（组织机构代码校验位）应为 2，请核对（仅提示）",)


def test_lower_case_and_spaces_are_normalised():
    assert check_credit_code(" 9144030010001686xa ").code == "9144030010001686XA"
